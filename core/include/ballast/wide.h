// Fixed-width unsigned integers sized as the contracts size them: `U256` (the EVM word) and `U512`
// (FullMath's product). Values are little-endian arrays of 64-bit limbs on the stack; arithmetic
// wraps modulo 2^(64·L) exactly like Solidity's unchecked uint256, and every operation that the
// venue math needs to be checked reports its carry, so an overflow is detected, never silent.
//
// Why not `Int` (Boost's 1,024-bit integer) here: the venue math runs thousands of times per
// check and every plan, and a 1,024-bit signed-magnitude division costs about 100 ns even for
// 64-bit values; these types cost what the contracts' own words cost, natively and in WebAssembly
// (the measurement is `ballast_integers_bench`, docs/integers.md). `Int` stays the type of the figures,
// and the 1,024-bit venue math is kept in the tests as the oracle these types are checked against.
#pragma once

#include "ballast/numeric.h"

#include <cstdint>
#include <optional>

namespace ballast {

/// An unsigned integer of L 64-bit limbs, least significant first; wraps modulo 2^(64·L).
template <unsigned L>
struct UWide {
  static_assert(L >= 1);
  std::uint64_t w[L] = {};

  UWide() = default;
  constexpr UWide(std::uint64_t v) : w{v} {}  // NOLINT(google-explicit-constructor): a word widens exactly

  /// 2^n for n < 64·L.
  static constexpr UWide pow2(unsigned n) {
    UWide r;
    r.w[n / 64] = std::uint64_t{1} << (n % 64);
    return r;
  }
  /// The value of the given limbs, least significant first (a compile-time constant).
  static constexpr UWide of(std::uint64_t w0, std::uint64_t w1 = 0, std::uint64_t w2 = 0, std::uint64_t w3 = 0) {
    UWide r;
    const std::uint64_t given[4] = {w0, w1, w2, w3};
    for (unsigned i = 0; i < 4 && i < L; ++i) r.w[i] = given[i];
    return r;
  }
  /// 2^(64·L) - 1.
  static constexpr UWide max() {
    UWide r;
    for (unsigned i = 0; i < L; ++i) r.w[i] = ~std::uint64_t{0};
    return r;
  }

  /// Bits in use (0 for zero); the index of the top bit is bits() - 1.
  unsigned bits() const {
    for (unsigned i = L; i-- > 0;)
      if (w[i]) return 64 * i + 64 - static_cast<unsigned>(__builtin_clzll(w[i]));
    return 0;
  }
  /// Limbs in use (0 for zero).
  unsigned limbs() const {
    for (unsigned i = L; i-- > 0;)
      if (w[i]) return i + 1;
    return 0;
  }
  bool is_zero() const { return limbs() == 0; }
  /// The value widened or truncated to M limbs.
  template <unsigned M>
  UWide<M> resize() const {
    UWide<M> r;
    for (unsigned i = 0; i < (L < M ? L : M); ++i) r.w[i] = w[i];
    return r;
  }
};

using U256 = UWide<4>;
using U512 = UWide<8>;

namespace wide_detail {
__extension__ typedef unsigned __int128 u128;  // a GNU extension in g++, clang and Emscripten

// a·b as two words: returns the low one, sets *hi. WebAssembly has no 64×64→128-bit multiply and
// would call a general 128-bit multiply (__multi3); four 32×32→64-bit products inline are faster.
inline std::uint64_t mul_wide(std::uint64_t a, std::uint64_t b, std::uint64_t* hi) {
#if defined(__wasm__)
  const std::uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const std::uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return (mid << 32) | (p00 & 0xffffffffu);
#else
  const u128 p = static_cast<u128>(a) * b;
  *hi = static_cast<std::uint64_t>(p >> 64);
  return static_cast<std::uint64_t>(p);
#endif
}

// a·b + c + d as two words (never overflows: (2^64-1)^2 + 2·(2^64-1) < 2^128); returns the low.
inline std::uint64_t mul_add2(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d, std::uint64_t* hi) {
  std::uint64_t h;
  std::uint64_t lo = mul_wide(a, b, &h);
  lo += c;
  h += lo < c;
  lo += d;
  h += lo < d;
  *hi = h;
  return lo;
}

// floor((hi·2^64 + lo) / d) and the remainder, for hi < d.
inline std::uint64_t div_2by1(std::uint64_t hi, std::uint64_t lo, std::uint64_t d, std::uint64_t* rem) {
  if (hi == 0) {  // one word: the machine's own division
    *rem = lo % d;
    return lo / d;
  }
#if defined(__x86_64__)
  std::uint64_t q, r;
  __asm__("divq %[d]" : "=a"(q), "=d"(r) : [d] "r"(d), "a"(lo), "d"(hi));
  *rem = r;
  return q;
#else
  if ((d >> 32) == 0) {  // a divisor of one 32-bit digit (1e6, a fee): two machine divisions
    const std::uint64_t n1 = (hi << 32) | (lo >> 32);  // < d·2^32, so its quotient fits 32 bits
    const std::uint64_t q1 = n1 / d, n0 = ((n1 % d) << 32) | (lo & 0xffffffffu);
    *rem = n0 % d;
    return (q1 << 32) | (n0 / d);
  }
  // Knuth's algorithm D on 32-bit digits with 64-bit arithmetic (Hacker's Delight, divlu): no
  // 128-bit division, which WebAssembly would run as a library call.
  const std::uint64_t b = std::uint64_t{1} << 32;
  const unsigned s = static_cast<unsigned>(__builtin_clzll(d));
  d <<= s;
  const std::uint64_t vn1 = d >> 32, vn0 = d & 0xffffffffu;
  const std::uint64_t un32 = (hi << s) | (s ? lo >> (64 - s) : 0);
  const std::uint64_t un10 = lo << s;
  const std::uint64_t un1 = un10 >> 32, un0 = un10 & 0xffffffffu;
  std::uint64_t q1 = un32 / vn1, rhat = un32 - q1 * vn1;
  while (q1 >= b || q1 * vn0 > b * rhat + un1) {
    --q1;
    rhat += vn1;
    if (rhat >= b) break;
  }
  const std::uint64_t un21 = un32 * b + un1 - q1 * d;
  std::uint64_t q0 = un21 / vn1;
  rhat = un21 - q0 * vn1;
  while (q0 >= b || q0 * vn0 > b * rhat + un0) {
    --q0;
    rhat += vn1;
    if (rhat >= b) break;
  }
  *rem = (un21 * b + un0 - q0 * d) >> s;
  return q1 * b + q0;
#endif
}
}  // namespace wide_detail

template <unsigned L>
int compare(const UWide<L>& a, const UWide<L>& b) {
  for (unsigned i = L; i-- > 0;)
    if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
  return 0;
}
template <unsigned L>
bool operator==(const UWide<L>& a, const UWide<L>& b) {
  for (unsigned i = 0; i < L; ++i)
    if (a.w[i] != b.w[i]) return false;
  return true;
}
template <unsigned L>
bool operator!=(const UWide<L>& a, const UWide<L>& b) { return !(a == b); }
template <unsigned L>
bool operator<(const UWide<L>& a, const UWide<L>& b) { return compare(a, b) < 0; }
template <unsigned L>
bool operator<=(const UWide<L>& a, const UWide<L>& b) { return compare(a, b) <= 0; }
template <unsigned L>
bool operator>(const UWide<L>& a, const UWide<L>& b) { return compare(a, b) > 0; }
template <unsigned L>
bool operator>=(const UWide<L>& a, const UWide<L>& b) { return compare(a, b) >= 0; }

/// r = a + b modulo 2^(64·L); returns the carry out.
template <unsigned L>
bool add_carry(UWide<L>& r, const UWide<L>& a, const UWide<L>& b) {
  std::uint64_t carry = 0;
  for (unsigned i = 0; i < L; ++i) {
    const wide_detail::u128 s = static_cast<wide_detail::u128>(a.w[i]) + b.w[i] + carry;
    r.w[i] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  return carry != 0;
}
/// r = a - b modulo 2^(64·L); returns the borrow out (a < b).
template <unsigned L>
bool sub_borrow(UWide<L>& r, const UWide<L>& a, const UWide<L>& b) {
  std::uint64_t borrow = 0;
  for (unsigned i = 0; i < L; ++i) {
    const std::uint64_t ai = a.w[i], bi = b.w[i];
    const std::uint64_t d = ai - bi;
    const std::uint64_t b1 = ai < bi;
    r.w[i] = d - borrow;
    borrow = b1 | (d < borrow);
  }
  return borrow != 0;
}
template <unsigned L>
UWide<L> operator+(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> r;
  add_carry(r, a, b);
  return r;
}
template <unsigned L>
UWide<L> operator-(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> r;
  sub_borrow(r, a, b);
  return r;
}

/// The full product of an L-limb and an M-limb value (never wraps).
template <unsigned L, unsigned M>
UWide<L + M> mul_full(const UWide<L>& a, const UWide<M>& b) {
  UWide<L + M> r;
  const unsigned na = a.limbs(), nb = b.limbs();
  for (unsigned i = 0; i < na; ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t ai = a.w[i];
    if (!ai) continue;
    for (unsigned j = 0; j < nb; ++j) r.w[i + j] = wide_detail::mul_add2(ai, b.w[j], r.w[i + j], carry, &carry);
    r.w[i + nb] = carry;
  }
  return r;
}
/// a · b modulo 2^(64·L).
template <unsigned L>
UWide<L> operator*(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> r;
  const unsigned na = a.limbs(), nb = b.limbs();
  for (unsigned i = 0; i < na; ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t ai = a.w[i];
    if (!ai) continue;
    for (unsigned j = 0; j < nb && i + j < L; ++j) r.w[i + j] = wide_detail::mul_add2(ai, b.w[j], r.w[i + j], carry, &carry);
    if (i + nb < L) r.w[i + nb] = carry;
  }
  return r;
}
/// a · b, or nullopt when the product does not fit L limbs (a checked uint256 multiply).
template <unsigned L>
std::optional<UWide<L>> mul_checked(const UWide<L>& a, const UWide<L>& b) {
  const UWide<2 * L> p = mul_full(a, b);
  for (unsigned i = L; i < 2 * L; ++i)
    if (p.w[i]) return std::nullopt;
  return p.template resize<L>();
}

template <unsigned L>
UWide<L> operator<<(const UWide<L>& a, unsigned n) {
  UWide<L> r;
  if (n >= 64 * L) return r;
  const unsigned q = n / 64, s = n % 64;
  for (unsigned i = L; i-- > q;) {
    std::uint64_t v = a.w[i - q] << s;
    if (s && i - q > 0) v |= a.w[i - q - 1] >> (64 - s);
    r.w[i] = v;
  }
  return r;
}
template <unsigned L>
UWide<L> operator>>(const UWide<L>& a, unsigned n) {
  UWide<L> r;
  if (n >= 64 * L) return r;
  const unsigned q = n / 64, s = n % 64;
  for (unsigned i = 0; i + q < L; ++i) {
    std::uint64_t v = a.w[i + q] >> s;
    if (s && i + q + 1 < L) v |= a.w[i + q + 1] << (64 - s);
    r.w[i] = v;
  }
  return r;
}
/// The arithmetic right shift of the two's-complement reading (Solidity's `int256 >> n`, which
/// rounds toward negative infinity).
template <unsigned L>
UWide<L> sar(const UWide<L>& a, unsigned n) {
  const bool negative = a.w[L - 1] >> 63;
  if (!negative) return a >> n;
  return ~(~a >> n);
}
template <unsigned L>
UWide<L> operator~(const UWide<L>& a) {
  UWide<L> r;
  for (unsigned i = 0; i < L; ++i) r.w[i] = ~a.w[i];
  return r;
}
template <unsigned L>
UWide<L> operator&(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> r;
  for (unsigned i = 0; i < L; ++i) r.w[i] = a.w[i] & b.w[i];
  return r;
}

/// Quotient and remainder of an L-limb value by a non-zero M-limb value (Knuth's algorithm D on
/// 64-bit digits). `q` and `r` may be null when not wanted.
template <unsigned L, unsigned M>
void divmod(const UWide<L>& u, const UWide<M>& v, UWide<L>* q, UWide<M>* r) {
  const unsigned n = v.limbs(), m = u.limbs();
  UWide<L> quotient;
  if (n == 0) __builtin_trap();  // callers check for a zero divisor
  if (m < n) {
    if (q) *q = quotient;
    if (r) *r = u.template resize<M>();
    return;
  }
  if (n == 1) {
    const std::uint64_t d = v.w[0];
    std::uint64_t rem = 0;
    for (unsigned i = m; i-- > 0;) quotient.w[i] = wide_detail::div_2by1(rem, u.w[i], d, &rem);
    if (q) *q = quotient;
    if (r) *r = UWide<M>(rem);
    return;
  }
  const unsigned s = static_cast<unsigned>(__builtin_clzll(v.w[n - 1]));
  std::uint64_t vn[M], un[L + 1];
  for (unsigned i = n - 1; i > 0; --i) vn[i] = (v.w[i] << s) | (s ? v.w[i - 1] >> (64 - s) : 0);
  vn[0] = v.w[0] << s;
  un[m] = s ? u.w[m - 1] >> (64 - s) : 0;
  for (unsigned i = m - 1; i > 0; --i) un[i] = (u.w[i] << s) | (s ? u.w[i - 1] >> (64 - s) : 0);
  un[0] = u.w[0] << s;
  const std::uint64_t v1 = vn[n - 1], v2 = vn[n - 2];
  for (unsigned j = m - n + 1; j-- > 0;) {
    std::uint64_t qhat, rhat;
    bool rhat_overflow = false;
    if (un[j + n] >= v1) {  // only equality is possible: the estimate is 2^64 - 1
      qhat = ~std::uint64_t{0};
      const wide_detail::u128 rr = static_cast<wide_detail::u128>(un[j + n - 1]) + v1;
      rhat = static_cast<std::uint64_t>(rr);
      rhat_overflow = (rr >> 64) != 0;
    } else {
      qhat = wide_detail::div_2by1(un[j + n], un[j + n - 1], v1, &rhat);
    }
    for (;;) {  // while qhat·v2 > rhat·2^64 + un[j+n-2]
      if (rhat_overflow) break;
      std::uint64_t p_hi;
      const std::uint64_t p_lo = wide_detail::mul_wide(qhat, v2, &p_hi);
      if (p_hi < rhat || (p_hi == rhat && p_lo <= un[j + n - 2])) break;
      --qhat;
      const std::uint64_t before = rhat;
      rhat += v1;
      rhat_overflow = rhat < before;
    }
    // un[j .. j+n] -= qhat · vn
    std::uint64_t borrow = 0, carry = 0;
    for (unsigned i = 0; i < n; ++i) {
      const std::uint64_t plo = wide_detail::mul_add2(qhat, vn[i], carry, 0, &carry);
      const std::uint64_t t = un[i + j] - plo;
      const std::uint64_t b1 = un[i + j] < plo;
      un[i + j] = t - borrow;
      borrow = b1 + (t < borrow);
    }
    const std::uint64_t t = un[j + n] - carry;
    const bool b1 = un[j + n] < carry;
    un[j + n] = t - borrow;
    if (b1 || t < borrow) {  // the estimate was one too large: add the divisor back
      --qhat;
      std::uint64_t c = 0;
      for (unsigned i = 0; i < n; ++i) {
        const wide_detail::u128 sum = static_cast<wide_detail::u128>(un[i + j]) + vn[i] + c;
        un[i + j] = static_cast<std::uint64_t>(sum);
        c = static_cast<std::uint64_t>(sum >> 64);
      }
      un[j + n] += c;
    }
    quotient.w[j] = qhat;
  }
  if (q) *q = quotient;
  if (r) {
    UWide<M> rem;
    for (unsigned i = 0; i < n; ++i) rem.w[i] = (un[i] >> s) | (s ? un[i + 1] << (64 - s) : 0);
    *r = rem;
  }
}
/// a / b for b != 0.
template <unsigned L>
UWide<L> operator/(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> q;
  divmod(a, b, &q, static_cast<UWide<L>*>(nullptr));
  return q;
}
/// a mod b for b != 0.
template <unsigned L>
UWide<L> operator%(const UWide<L>& a, const UWide<L>& b) {
  UWide<L> r;
  divmod(a, b, static_cast<UWide<L>*>(nullptr), &r);
  return r;
}

namespace wide_detail {
// The magnitude of an Int (Boost keeps sign and magnitude apart) if it is below 2^(64·L).
template <unsigned L>
std::optional<UWide<L>> magnitude(const Int& v) {
  const auto& be = v.backend();
  using limb = boost::multiprecision::limb_type;
  constexpr unsigned per = 64 / (8 * sizeof(limb));  // Boost limbs per 64-bit limb: 1 or 2
  const unsigned size = be.size();
  const limb* p = be.limbs();
  UWide<L> r;
  for (unsigned i = 0; i < size; ++i) {
    if (!p[i]) continue;
    const unsigned word = i / per;
    if (word >= L) return std::nullopt;
    r.w[word] |= static_cast<std::uint64_t>(p[i]) << (8 * sizeof(limb) * (i % per));
  }
  return r;
}
}  // namespace wide_detail

/// The value of a non-negative Int below 2^(64·L), or nullopt.
template <unsigned L>
std::optional<UWide<L>> to_wide(const Int& v) {
  if (v.backend().sign() && v != 0) return std::nullopt;
  return wide_detail::magnitude<L>(v);
}
/// The magnitude of an Int below 2^(64·L) in absolute value, or nullopt; `negative` is set to
/// its sign.
template <unsigned L>
std::optional<UWide<L>> to_wide_magnitude(const Int& v, bool* negative) {
  *negative = v.backend().sign() && v != 0;
  return wide_detail::magnitude<L>(v);
}
/// The exact Int of a wide value.
template <unsigned L>
Int to_int(const UWide<L>& v) {
  using limb = boost::multiprecision::limb_type;
  constexpr unsigned per = 64 / (8 * sizeof(limb));
  Int r;
  auto& be = r.backend();
  const unsigned n = v.limbs() * per;
  if (n == 0) return r;
  be.resize(n, n);
  limb* p = be.limbs();
  for (unsigned i = 0; i < n; ++i) p[i] = static_cast<limb>(v.w[i / per] >> (8 * sizeof(limb) * (i % per)));
  be.normalize();
  return r;
}

}  // namespace ballast
