// Calldata: the hashing and ABI decoding that reading on-chain calls needs (the README, Import).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ballast {

/// A 32-byte hash.
using Hash = std::array<std::uint8_t, 32>;

/// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06).
Hash keccak256(std::string_view bytes);

/// The 4-byte function selector of a canonical signature, e.g. "transfer(address,uint256)" ->
/// 0xa9059cbb: the first four bytes of its Keccak-256.
std::uint32_t function_selector(std::string_view signature);

/// Lower-case hex of bytes, with "0x".
std::string to_hex(std::string_view bytes);

}  // namespace ballast
