#include "abi.h"

#include "ballast/calls.h"

#include <algorithm>

namespace ballast::calls {

std::string address_hex(std::string_view twenty_bytes) { return to_hex(twenty_bytes); }

std::uint32_t selector_of(std::string_view calldata) {
  if (calldata.size() < 4) return 0;
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < 4; ++i) s = (s << 8) | static_cast<unsigned char>(calldata[i]);
  return s;
}

void read_v3_path(std::string_view bytes, bool reversed, std::vector<std::string>& tokens, std::vector<std::uint32_t>& fees) {
  if (bytes.size() < 43 || (bytes.size() - 20) % 23 != 0) throw AbiError{"a v3 path of " + std::to_string(bytes.size()) + " bytes"};
  for (std::size_t at = 0;; at += 23) {
    tokens.push_back(address_hex(bytes.substr(at, 20)));
    if (at + 20 == bytes.size()) break;
    fees.push_back(static_cast<std::uint32_t>(big_endian(bytes.substr(at + 20, 3))));
  }
  if (reversed) {
    std::reverse(tokens.begin(), tokens.end());
    std::reverse(fees.begin(), fees.end());
  }
}

std::string abi_word(const Int& v) {
  std::string w(32, '\0');
  Int x = v < 0 ? Int(two_pow_256() + v) : v;
  for (int i = 31; i >= 0; --i) {
    w[static_cast<std::size_t>(i)] = static_cast<char>(static_cast<unsigned>(x & 0xff));
    x >>= 8;
  }
  return w;
}

std::string selector_bytes(std::uint32_t s) {
  return {static_cast<char>(s >> 24), static_cast<char>(s >> 16), static_cast<char>(s >> 8), static_cast<char>(s)};
}

std::string hash_bytes(const Hash& h) { return std::string(reinterpret_cast<const char*>(h.data()), h.size()); }

RouterSwap* held_by_router(std::vector<RouterSwap>& swaps, const std::string& router, const std::optional<std::string>& token) {
  for (auto it = swaps.rbegin(); it != swaps.rend(); ++it)
    if (it->recipient == router && (!token || it->path.back() == *token)) return &*it;
  return nullptr;
}

void pay_out(std::vector<RouterSwap>& swaps, const std::string& router, const std::optional<std::string>& token,
             const std::string& recipient, const Int& minimum, bool unwrap) {
  RouterSwap* s = held_by_router(swaps, router, token);
  if (!s) return;  // nothing this call decodes is paid out here
  s->recipient = recipient;
  if (s->exact_in && minimum > s->bound) s->bound = minimum;
  s->buys_native = s->buys_native || unwrap;
}

Int big_endian(std::string_view bytes) {
  Int v = 0;
  for (unsigned char b : bytes) v = (v << 8) | b;
  return v;
}

void Abi::fail(const std::string& what, std::size_t at) const {
  throw AbiError{what + " at byte " + std::to_string(base_ + at) + " of the arguments"};
}

std::string_view Abi::word(std::size_t slot) const {
  if ((slot + 1) * 32 > area_.size())
    fail("the data ends before argument word " + std::to_string(slot), slot * 32);
  return area_.substr(slot * 32, 32);
}

Int Abi::uint(std::size_t slot) const { return big_endian(word(slot)); }

std::size_t Abi::small(std::size_t slot, std::size_t max, const char* what) const {
  const Int v = uint(slot);
  if (v > max) fail(std::string(what) + " " + to_string(v) + " is above " + std::to_string(max), slot * 32);
  return static_cast<std::size_t>(v);
}

std::string Abi::address(std::size_t slot) const {
  const std::string_view w = word(slot);
  for (std::size_t i = 0; i < 12; ++i)
    if (w[i] != 0) fail("an address with nonzero high bytes", slot * 32);
  return address_hex(w.substr(12));
}

std::size_t Abi::offset_at(std::size_t slot) const {
  const std::size_t offset = small(slot, area_.size(), "an offset");
  if (offset % 32 != 0) fail("an offset that is not a multiple of 32", slot * 32);
  return offset;
}

std::string_view Abi::bytes(std::size_t slot) const {
  const std::size_t offset = offset_at(slot);
  const Abi tail(area_.substr(offset), base_ + offset);
  const std::size_t length = tail.small(0, area_.size(), "a length");
  if (offset + 32 + length > area_.size()) fail("bytes of length " + std::to_string(length) + " run past the end", offset);
  return area_.substr(offset + 32, length);
}

Abi Abi::tuple(std::size_t slot) const {
  const std::size_t offset = offset_at(slot);
  if (offset + 32 > area_.size()) fail("a tuple runs past the end", offset);
  return Abi(area_.substr(offset), base_ + offset);
}

Abi Abi::array(std::size_t slot, std::size_t max, std::size_t& count) const {
  const std::size_t offset = offset_at(slot);
  const Abi tail(area_.substr(offset), base_ + offset);
  count = tail.small(0, max, "an array length");
  // Each element has at least one head word.
  if (offset + 32 + count * 32 > area_.size()) fail("an array of " + std::to_string(count) + " runs past the end", offset);
  return Abi(area_.substr(offset + 32), base_ + offset + 32);
}

}  // namespace ballast::calls
