// Bounds-checked reading of ABI-encoded arguments (Solidity ABI specification, "Formal
// Specification of the Encoding"): every offset and length is checked against the data before it
// is used, so truncated or hostile calldata is an error, never a read outside the bytes.
#pragma once

#include "ballast/calls.h"
#include "ballast/numeric.h"

#include <string>
#include <string_view>
#include <vector>

namespace ballast::calls {

/// Why calldata could not be read: a message naming what and where (byte offset).
struct AbiError {
  std::string message;
};

/// The arguments of one call (the bytes after the selector), or the contents of a tuple or array
/// inside them: head slots of 32 bytes, and offsets relative to the start of this area.
class Abi {
 public:
  explicit Abi(std::string_view area, std::size_t base = 0) : area_(area), base_(base) {}

  /// The uint256 in head slot `slot`.
  Int uint(std::size_t slot) const;
  /// A uint in head slot `slot` that must be at most `max` (a size, an index, an enum).
  std::size_t small(std::size_t slot, std::size_t max, const char* what) const;
  /// The address in head slot `slot` ("0x" and 40 lower-case hex digits; the 12 high bytes must be 0).
  std::string address(std::size_t slot) const;
  /// The dynamic `bytes` (or `string`) whose offset is in head slot `slot`.
  std::string_view bytes(std::size_t slot) const;
  /// The dynamic tuple whose offset is in head slot `slot`, as the area its heads are in.
  Abi tuple(std::size_t slot) const;
  /// The elements of the dynamic array (`T[]`) whose offset is in head slot `slot`, as the area
  /// its element heads are in, and their count (at most `max`).
  Abi array(std::size_t slot, std::size_t max, std::size_t& count) const;

 private:
  std::string_view word(std::size_t slot) const;
  std::size_t offset_at(std::size_t slot) const;
  [[noreturn]] void fail(const std::string& what, std::size_t at) const;

  std::string_view area_;
  std::size_t base_;  // where this area starts in the call's arguments, for messages
};

/// The selector of calldata (its first 4 bytes, big-endian), or 0 when it is shorter.
std::uint32_t selector_of(std::string_view calldata);

/// The routers' recipient sentinels (Constants.sol): the caller, and the router itself.
inline const std::string kAddressCaller = "0x0000000000000000000000000000000000000001";
inline const std::string kAddressRouter = "0x0000000000000000000000000000000000000002";
inline const std::string kAddressZero = "0x0000000000000000000000000000000000000000";

/// A Uniswap v3 path (token ‖ fee ‖ token ‖ …, v3-periphery Path.sol) into tokens and fees in
/// trade order (`reversed`: an exact-output path, which starts with the token bought).
void read_v3_path(std::string_view bytes, bool reversed, std::vector<std::string>& tokens, std::vector<std::uint32_t>& fees);

/// A 32-byte ABI word of a value in [-2^255, 2^256) (negative values in two's complement).
std::string abi_word(const Int& v);
/// The 4 bytes of a selector, as calldata starts with them.
std::string selector_bytes(std::uint32_t selector);
/// A hash as 32 raw bytes.
std::string hash_bytes(const Hash& h);

/// The last swap whose output the router holds (its recipient is the router), of `token` when
/// given: the swap a later unwrap, sweep or portion pays out. nullptr when there is none.
RouterSwap* held_by_router(std::vector<RouterSwap>& swaps, const std::string& router, const std::optional<std::string>& token);

/// The step that finally pays out the swap the router holds (`token` as held_by_router): its
/// recipient and minimum become the swap's; an unwrap means the swap buys the native coin.
void pay_out(std::vector<RouterSwap>& swaps, const std::string& router, const std::optional<std::string>& token,
             const std::string& recipient, const Int& minimum, bool unwrap);

/// The 20 bytes at `p` as an address ("0x" and 40 lower-case hex digits).
std::string address_hex(std::string_view twenty_bytes);
/// A big-endian unsigned integer of up to 32 bytes.
Int big_endian(std::string_view bytes);

}  // namespace ballast::calls
