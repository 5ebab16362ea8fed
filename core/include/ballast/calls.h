// Calldata: the hashing and ABI decoding that reading on-chain calls needs (the README, Import).
#pragma once

#include "ballast/json.h"

#include <array>
#include <cstdint>
#include <optional>
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

/// The Safe Transaction Builder's checksum of a batch file, `meta.checksum` left out: Keccak-256 of
/// its serialization (keys sorted in JavaScript's order, each object's key list first, every value
/// followed by a comma, strings and numbers as JSON.stringify writes them). The current Tx Builder
/// hashes `meta.name` as null (renaming a batch keeps its checksum); earlier ones hashed the name as
/// written: `name_as_null` picks which. nullopt when the file holds a number JavaScript would print
/// differently from its text (a fraction, an exponent, an integer beyond 2^53).
std::optional<Hash> tx_builder_checksum(const Node& batch, bool name_as_null);

}  // namespace ballast
