// Keccak-256 (the Keccak-f[1600] permutation, rate 1088 bits, padding 0x01 ... 0x80), as in
// FIPS 202 with Ethereum's pre-standard padding. Checked against the Keccak team's and ethers'
// vectors in tests/unit/calls_test.cpp.
#include "ballast/calls.h"

#include <cstring>

namespace ballast {

namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

// Rotation offsets and the lane order of the combined rho and pi steps.
constexpr int kRotations[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

constexpr std::uint64_t rotl(std::uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void keccak_f(std::uint64_t a[25]) {
  for (std::uint64_t rc : kRoundConstants) {
    std::uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {
      const std::uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    std::uint64_t carry = a[1];
    for (int i = 0; i < 24; ++i) {
      const std::uint64_t next = a[kPi[i]];
      a[kPi[i]] = rotl(carry, kRotations[i]);
      carry = next;
    }
    for (int y = 0; y < 25; y += 5) {
      std::uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = a[y + x];
      for (int x = 0; x < 5; ++x) a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    a[0] ^= rc;
  }
}

// Lane i of the state absorbs the 8 little-endian bytes at p.
std::uint64_t load_le(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

Hash keccak256(std::string_view bytes) {
  constexpr std::size_t rate = 136;
  std::uint64_t state[25] = {};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  for (; n >= rate; n -= rate, p += rate) {
    for (std::size_t i = 0; i < rate / 8; ++i) state[i] ^= load_le(p + 8 * i);
    keccak_f(state);
  }
  unsigned char last[rate] = {};
  std::memcpy(last, p, n);
  last[n] ^= 0x01;
  last[rate - 1] ^= 0x80;
  for (std::size_t i = 0; i < rate / 8; ++i) state[i] ^= load_le(last + 8 * i);
  keccak_f(state);
  Hash out;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(state[i / 8] >> (8 * (i % 8)));
  return out;
}

std::uint32_t function_selector(std::string_view signature) {
  const Hash h = keccak256(signature);
  return (std::uint32_t{h[0]} << 24) | (std::uint32_t{h[1]} << 16) | (std::uint32_t{h[2]} << 8) | h[3];
}

std::string to_hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out = "0x";
  out.reserve(2 + 2 * bytes.size());
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::string selector_hex(std::uint32_t selector) {
  static const char digits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) out.push_back(digits[(selector >> shift) & 0xf]);
  return out;
}

std::optional<std::uint32_t> parse_selector_hex(std::string_view text) {
  const auto bytes = text.size() == 10 ? from_hex(text) : std::nullopt;
  if (!bytes) return std::nullopt;
  std::uint32_t v = 0;
  for (unsigned char b : *bytes) v = (v << 8) | b;
  return v;
}

}  // namespace ballast
