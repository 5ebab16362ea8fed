// Exact integer arithmetic for Ballast: the one big-integer type, fractions compared by
// cross-multiplication, and the text forms of amounts, decimals and rounded figures.
//
// Invariant relied on everywhere: every input integer is below 2^256 (amounts, decimal wads,
// reserves) and every count is bounded by the limits of the parser, so sums and products of up
// to three inputs stay far below 2^1000. `Int` is a fixed-width 1024-bit signed integer that lives
// on the stack, so no intermediate in the checker can overflow it. (The Uniswap v2 and v3 math
// runs on the contracts' own word sizes instead: ballast/wide.h.)
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ballast {

/// Signed 1024-bit integer: the single number type from input to verdict.
using Int = boost::multiprecision::int1024_t;

/// 10^18: decimals and numeraire values are integers scaled by this ("wad").
const Int& wad();
/// 2^256: the exclusive upper bound of amounts and decimal wads.
const Int& two_pow_256();
/// The largest n for which pow10(n) is defined.
inline constexpr unsigned kMaxPow10 = 300;
/// 10^n for 0 <= n <= kMaxPow10 (from a table built once).
const Int& pow10(unsigned n);

/// An exact non-negative-denominator fraction num/den. A zero denominator means "undefined".
struct Frac {
  Int num;
  Int den;
  bool defined() const { return den != 0; }
};

/// Three-way comparison of two defined fractions, exactly (cross-multiplication).
int compare(const Frac& a, const Frac& b);
/// Three-way comparison of a defined fraction with the integer `k`.
int compare(const Frac& a, const Int& k);
/// |a| for a fraction.
Frac abs(const Frac& a);

/// Parses an Amount: decimal digits, "0" or no leading zero, below 2^256.
/// Returns nullopt on a malformed string; `too_large` is set when well-formed but >= 2^256.
std::optional<Int> parse_amount(std::string_view s, bool* too_large = nullptr);
/// Parses a Decimal ("1234.5", at most 18 fractional digits, no exponent, no leading zeros)
/// into its wad. `-` is accepted only when `allow_negative`. `too_large` as for amounts.
std::optional<Int> parse_decimal(std::string_view s, bool allow_negative, bool* too_large = nullptr);
/// Parses a JSON integer token (optional `-`, at most 18 digits, no fraction or exponent).
std::optional<long long> parse_integer(std::string_view s);

/// Exact decimal text of an integer.
std::string to_string(const Int& v);
/// num/den rounded half-to-even to `places` fractional digits, e.g. "-12.35". den must be > 0.
std::string to_fixed(const Int& num, const Int& den, unsigned places);
/// A wad rounded half-to-even to `places` digits.
std::string wad_to_fixed(const Int& wad_value, unsigned places);
/// A fraction expressed in basis points (num/den * 10000), rounded to 2 places.
std::string bps_text(const Frac& ratio);

/// v / 10^n, truncated toward zero (a single-word division when 10^n fits in one).
Int div_pow10(const Int& v, unsigned n);
/// a × b / 10^n, truncated toward zero: div_pow10(a * b, n), on 256-bit words and their 512-bit
/// product when a and b are non-negative and below 2^256 and 10^n fits in one word (balances,
/// prices and values always are), on Int otherwise.
Int mul_div_pow10(const Int& a, const Int& b, unsigned n);

/// floor(a / b) for b > 0 (rounds toward negative infinity, unlike C++ division).
Int floor_div(const Int& a, const Int& b);

}  // namespace ballast
