#include "ballast/numeric.h"

#include "ballast/wide.h"

#include <array>
#include <limits>
#include <vector>

namespace ballast {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Digits to integer, 18 digits at a time in a machine word; the caller bounds the length so
// this cannot exceed Int.
Int digits_value(std::string_view s) {
  Int v = 0;
  std::size_t first = s.size() % 18 == 0 ? 18 : s.size() % 18;
  for (std::size_t pos = 0; pos < s.size(); pos += first, first = 18) {
    unsigned long long chunk = 0, scale = 1;
    for (std::size_t k = pos; k < pos + first && k < s.size(); ++k) {
      chunk = chunk * 10 + static_cast<unsigned>(s[k] - '0');
      scale *= 10;
    }
    v *= scale;
    v += chunk;
  }
  return v;
}

}  // namespace

const Int& wad() {
  static const Int w = pow10(18);
  return w;
}

const Int& two_pow_256() {
  static const Int p = Int(1) << 256;
  return p;
}

const Int& pow10(unsigned n) {
  static const std::vector<Int> table = [] {
    std::vector<Int> t(kMaxPow10 + 1);
    t[0] = 1;
    for (unsigned i = 1; i <= kMaxPow10; ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return table.at(n);
}

int compare(const Frac& a, const Frac& b) {
  // den > 0 for defined fractions, so cross-multiplication preserves order.
  Int l = a.num * b.den;
  Int r = b.num * a.den;
  return l < r ? -1 : (l > r ? 1 : 0);
}

int compare(const Frac& a, const Int& k) {
  Int r = k * a.den;
  return a.num < r ? -1 : (a.num > r ? 1 : 0);
}

Frac abs(const Frac& a) { return Frac{a.num < 0 ? Int(-a.num) : a.num, a.den}; }

std::optional<Int> parse_amount(std::string_view s, bool* too_large) {
  if (too_large) *too_large = false;
  if (!all_digits(s)) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  if (s.size() > 78) {  // 2^256 has 78 digits
    if (too_large) *too_large = true;
    return std::nullopt;
  }
  Int v = digits_value(s);
  if (v >= two_pow_256()) {
    if (too_large) *too_large = true;
    return std::nullopt;
  }
  return v;
}

std::optional<Int> parse_decimal(std::string_view s, bool allow_negative, bool* too_large) {
  if (too_large) *too_large = false;
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    if (!allow_negative) return std::nullopt;
    negative = true;
    s.remove_prefix(1);
  }
  std::string_view whole = s, frac;
  auto dot = s.find('.');
  if (dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    frac = s.substr(dot + 1);
    if (!all_digits(frac) || frac.size() > 18) return std::nullopt;
  }
  if (!all_digits(whole)) return std::nullopt;
  if (whole.size() > 1 && whole[0] == '0') return std::nullopt;
  if (whole.size() > 60) {  // 2^256 / 10^18 has 60 digits
    if (too_large) *too_large = true;
    return std::nullopt;
  }
  Int v = digits_value(whole) * wad();
  if (!frac.empty()) v += digits_value(frac) * pow10(static_cast<unsigned>(18 - frac.size()));
  if (v >= two_pow_256()) {
    if (too_large) *too_large = true;
    return std::nullopt;
  }
  if (negative && v == 0) return std::nullopt;  // "-0" is not a canonical decimal
  return negative ? Int(-v) : v;
}

std::optional<long long> parse_integer(std::string_view s) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (!all_digits(s) || s.size() > 18) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  long long v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return negative ? -v : v;
}

std::string to_string(const Int& v) {
  // Decimal digits in chunks of 18 (not Boost's str(): it brings the C++ locale into the WebAssembly
  // module, about 30 KB of its download).
  // One word when it fits (most amounts and figures).
  if (v >= 0 && v <= std::numeric_limits<unsigned long long>::max()) return std::to_string(v.convert_to<unsigned long long>());
  constexpr unsigned long long kChunk = 1000000000000000000ULL;  // 10^18
  Int n = v < 0 ? Int(-v) : v;
  std::array<unsigned long long, 18> chunks{};  // |v| < 2^1024 < 10^(18 x 18)
  std::size_t count = 0;
  do {
    Int q, r;
    boost::multiprecision::divide_qr(n, Int(kChunk), q, r);
    chunks[count++] = r.convert_to<unsigned long long>();
    n = std::move(q);
  } while (n > 0);
  std::string out = v < 0 ? "-" : "";
  out += std::to_string(chunks[count - 1]);
  for (std::size_t i = count - 1; i-- > 0;) {
    const std::string part = std::to_string(chunks[i]);
    out.append(18 - part.size(), '0');
    out += part;
  }
  return out;
}

namespace {

// 10^n for n <= 19, the powers of ten that fit one 64-bit word.
std::uint64_t pow10_word(unsigned n) {
  std::uint64_t d = 1;
  for (unsigned i = 0; i < n; ++i) d *= 10;
  return d;
}

}  // namespace

Int div_pow10(const Int& v, unsigned n) {
  if (n <= 19) return v / static_cast<unsigned long long>(pow10_word(n));
  return v / pow10(n);
}

Int mul_div_pow10(const Int& a, const Int& b, unsigned n) {
  if (n <= 19) {
    const auto x = to_wide<4>(a), y = to_wide<4>(b);
    if (x && y) {
      const std::uint64_t d = pow10_word(n);
      U512 q = mul_full(*x, *y);
      std::uint64_t rem = 0;  // a short division, word by word from the top word in use
      for (unsigned k = q.limbs(); k-- > 0;) q.w[k] = wide_detail::div_2by1(rem, q.w[k], d, &rem);
      return to_int(q);
    }
  }
  return div_pow10(a * b, n);
}

Int floor_div(const Int& a, const Int& b) {
  Int q, r;
  boost::multiprecision::divide_qr(a, b, q, r);  // one division for both
  if (r != 0 && ((a < 0) != (b < 0))) q -= 1;
  return q;
}

std::string to_fixed(const Int& num, const Int& den, unsigned places) {
  bool negative = (num < 0) != (den < 0) && num != 0;
  Int n = num < 0 ? Int(-num) : num;
  Int d = den < 0 ? Int(-den) : den;
  Int q, r;
  boost::multiprecision::divide_qr(Int(n * pow10(places)), d, q, r);
  // half-to-even
  Int twice = r * 2;
  if (twice > d || (twice == d && bit_test(q, 0))) q += 1;
  std::string digits = q < Int(std::numeric_limits<unsigned long long>::max())
                           ? std::to_string(q.convert_to<unsigned long long>())
                           : to_string(q);
  if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
  std::string out;
  if (negative && q != 0) out.push_back('-');
  out += digits.substr(0, digits.size() - places);
  if (places > 0) {
    out.push_back('.');
    out += digits.substr(digits.size() - places);
  }
  return out;
}

std::string wad_to_fixed(const Int& wad_value, unsigned places) { return to_fixed(wad_value, wad(), places); }

std::string bps_text(const Frac& ratio) { return to_fixed(ratio.num * 10000, ratio.den, 2); }

}  // namespace ballast
