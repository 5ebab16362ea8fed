#include "ballast/numeric.h"

#include <catch2/catch.hpp>

#include <limits>
#include <random>

using namespace ballast;

TEST_CASE("amounts: canonical digits below 2^256", "[numeric]") {
  CHECK(parse_amount("0") == Int(0));
  CHECK(parse_amount("1500000000000000000000") == Int("1500000000000000000000"));
  const std::string max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  CHECK(parse_amount(max) == two_pow_256() - 1);
  bool too_large = false;
  CHECK_FALSE(parse_amount("115792089237316195423570985008687907853269984665640564039457584007913129639936", &too_large));
  CHECK(too_large);
  CHECK_FALSE(parse_amount(std::string(200, '9'), &too_large));
  CHECK(too_large);
  for (const char* bad : {"", "01", "-1", "1.0", "1e18", " 1", "0x10", "+1"}) {
    INFO(bad);
    CHECK_FALSE(parse_amount(bad, &too_large));
    CHECK_FALSE(too_large);
  }
}

TEST_CASE("decimals: wads with at most 18 fractional digits", "[numeric]") {
  CHECK(parse_decimal("1", false) == wad());
  CHECK(parse_decimal("3120.55", false) == Int("3120550000000000000000"));
  CHECK(parse_decimal("0.000000000000000001", false) == Int(1));
  CHECK(parse_decimal("-2.5", true) == Int("-2500000000000000000"));
  CHECK_FALSE(parse_decimal("-2.5", false));
  CHECK_FALSE(parse_decimal("-0", true));
  for (const char* bad : {"", ".5", "5.", "1e3", "00.1", "1.0000000000000000001", "1,5", "--1"}) {
    INFO(bad);
    CHECK_FALSE(parse_decimal(bad, true));
  }
  bool too_large = false;
  CHECK_FALSE(parse_decimal(std::string(61, '9'), false, &too_large));
  CHECK(too_large);
}

TEST_CASE("integers: JSON integer tokens only", "[numeric]") {
  CHECK(parse_integer("10000") == 10000);
  CHECK(parse_integer("-5000") == -5000);
  CHECK(parse_integer("0") == 0);
  CHECK_FALSE(parse_integer("1.5"));
  CHECK_FALSE(parse_integer("1e4"));
  CHECK_FALSE(parse_integer("0010"));
  CHECK_FALSE(parse_integer("9999999999999999999999"));
}

TEST_CASE("display rounding is half-to-even at fixed precision", "[numeric]") {
  CHECK(to_fixed(Int(125), Int(100), 1) == "1.2");   // 1.25 -> 1.2 (even)
  CHECK(to_fixed(Int(135), Int(100), 1) == "1.4");   // 1.35 -> 1.4 (even)
  CHECK(to_fixed(Int(1251), Int(1000), 1) == "1.3");  // above half rounds up
  CHECK(to_fixed(Int(-125), Int(100), 1) == "-1.2");
  CHECK(to_fixed(Int(-1), Int(1000), 2) == "0.00");  // no negative zero
  CHECK(to_fixed(Int(2), Int(3), 0) == "1");
  CHECK(to_fixed(Int(5), Int(1), 2) == "5.00");
  CHECK(wad_to_fixed(Int("1234567890123456789012"), 6) == "1234.567890");
  CHECK(wad_to_fixed(Int("1000000500000000000"), 6) == "1.000000");  // exactly half, even stays
  CHECK(wad_to_fixed(Int("1000001500000000000"), 6) == "1.000002");
  CHECK(bps_text(Frac{Int(1), Int(3)}) == "3333.33");
  CHECK(bps_text(Frac{Int(2), Int(3)}) == "6666.67");
}

TEST_CASE("fractions compare exactly by cross-multiplication", "[numeric]") {
  // 3000/10000 vs 30000000000000000001/100000000000000000000: differs in the 20th digit.
  CHECK(compare(Frac{Int(3000), Int(10000)}, Frac{Int("30000000000000000001"), Int("100000000000000000000")}) < 0);
  CHECK(compare(Frac{Int(1), Int(3)}, Frac{Int(2), Int(6)}) == 0);
  CHECK(compare(Frac{Int(7), Int(2)}, Int(3)) > 0);
  CHECK(compare(abs(Frac{Int(-7), Int(2)}), Int(4)) < 0);
  CHECK(floor_div(Int(-7), Int(2)) == -4);
  CHECK(floor_div(Int(7), Int(2)) == 3);
}

TEST_CASE("a x b / 10^n: the word path equals the exact product divided", "[numeric]") {
  // Worked out apart (Python's integers).
  const Int max = two_pow_256() - 1;
  CHECK(mul_div_pow10(max, max, 18) ==
        Int("13407807929942597099574024998205846127479365820592393377723561443721764030073315392623399665776056285720014"
            "482370779510884422601683867654"));
  CHECK(mul_div_pow10(Int("123456789012345678901234567890"), Int("3120550000000000000000"), 6) ==
        Int("385253082952475308295247530829139500000000000"));
  CHECK(mul_div_pow10(two_pow_256() / 2 + 12345, ballast::pow10(30), 19) ==
        Int("5789604461865809771178549250434395392663499233282028201972879200395656483231300000000000"));
  // Random operands of every size, on both sides of 2^256, zero and negative, n on both sides of
  // one word (10^19): equal to Boost's product and quotient.
  std::mt19937_64 rng(20261201);
  auto operand = [&rng]() {
    Int v = 0;
    const unsigned words = static_cast<unsigned>(rng() % 6);  // up to 320 bits
    for (unsigned i = 0; i < words; ++i) v = (v << 64) | Int(rng());
    if (rng() % 8 == 0) v = two_pow_256() - 1 - (v % 1000);
    if (rng() % 16 == 0) v = -v;
    return v;
  };
  for (int i = 0; i < 20000; ++i) {
    const Int a = operand(), b = operand();
    const unsigned n = static_cast<unsigned>(rng() % 25);
    Int d = 1;
    for (unsigned k = 0; k < n; ++k) d *= 10;
    INFO(a << " x " << b << " / 10^" << n);
    REQUIRE(mul_div_pow10(a, b, n) == Int(a * b) / d);
  }
}

TEST_CASE("decimal text of an Int: Boost's text for every size and sign", "[numeric]") {
  // Edges of the one-word path and of the 10^18 chunks, then random values up to 1,023 bits.
  const Int word = Int(std::numeric_limits<unsigned long long>::max());
  for (const Int& v : {Int(0), Int(1), Int(-1), word, Int(word + 1), Int(-word), Int(-word - 1), ballast::pow10(18),
                       Int(ballast::pow10(18) - 1), ballast::pow10(36), Int((Int(1) << 1023) - 1),
                       Int(-((Int(1) << 1023) - 1))})
    CHECK(to_string(v) == v.str());
  std::mt19937_64 rng(20261202);
  for (int i = 0; i < 5000; ++i) {
    Int v = 0;
    const unsigned words = static_cast<unsigned>(rng() % 17);  // up to 1,024 bits
    for (unsigned k = 0; k < words; ++k) v = (v << 64) | Int(rng());
    if (words == 16) v >>= 1;
    if (rng() % 4 == 0) v = -v;
    INFO(v.str());
    REQUIRE(to_string(v) == v.str());
  }
}
