// The fixed-width integers and the Uniswap v3 math built on them, against exact 1,024-bit
// arithmetic and the 1,024-bit v3 oracle (tests/oracle): seeded random cases of the integer
// differential, TickMath on a sweep of the whole tick range, and the edges of each type.
#include "ballast/venues.h"
#include "ballast/wide.h"
#include "differential.h"
#include "uniswap_v3_int1024.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace ballast;

namespace {

// Cases per differential: 20,000 natively, 5,000 in WebAssembly; BALLAST_INTEGER_CASES overrides
// (the sanitizer stage runs 5,000: scripts/test.sh).
#ifdef __EMSCRIPTEN__
constexpr long long kDefaultCases = 5000;
#else
constexpr long long kDefaultCases = 20000;
#endif
long long cases() {
  const char* env = std::getenv("BALLAST_INTEGER_CASES");
  return env && std::atoll(env) > 0 ? std::atoll(env) : kDefaultCases;
}

template <class Differ>
void run_differential(Differ differ, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> bytes(512);
  const long long n = cases();
  long long failures = 0;
  for (long long k = 0; k < n; ++k) {
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    fuzz::Input in(bytes.data(), bytes.size());
    const std::string diff = differ(in);
    if (!diff.empty()) {
      ++failures;
      if (failures <= 5) {
        INFO("case " << k << ": " << diff);
        CHECK(diff.empty());
      }
    }
  }
  CHECK(failures == 0);
}

}  // namespace

TEST_CASE("U256 and U512 agree with exact arithmetic on random and edge values", "[integers]") {
  run_differential(oracle::differ_wide, 20261201);
}

TEST_CASE("Uniswap v3 math on fixed-width integers agrees with the 1,024-bit oracle", "[integers]") {
  run_differential(oracle::differ_v3, 1729);
}

TEST_CASE("Uniswap v2 quotes on fixed-width integers agree with the 1,024-bit formulas", "[integers]") {
  run_differential(oracle::differ_v2, 112);
}

TEST_CASE("Curve StableSwap on fixed-width integers agrees with the 1,024-bit oracle", "[integers]") {
  run_differential(oracle::differ_curve, 3);
}

TEST_CASE("getSqrtRatioAtTick and getTickAtSqrtRatio agree with the oracle across the tick range", "[integers]") {
  namespace v3 = uniswap_v3;
  long long checked = 0;
  for (long long t = v3::kMinTick; t <= v3::kMaxTick; t += (t > -1000 && t < 1000) || t < v3::kMinTick + 1000 || t > v3::kMaxTick - 1000 ? 1 : 37) {
    const int tick = static_cast<int>(t);
    const Int core = v3::sqrt_ratio_at_tick(tick);
    REQUIRE(core == oracle::v3::sqrt_ratio_at_tick(tick));
    if (tick < v3::kMaxTick) {
      REQUIRE(v3::tick_at_sqrt_ratio(core) == tick);
      REQUIRE(v3::tick_at_sqrt_ratio(core - 1) == oracle::v3::tick_at_sqrt_ratio(core - 1));
    }
    ++checked;
  }
  CHECK(checked > 50000);
}

TEST_CASE("Fixed-width integers: edges that a random draw rarely reaches", "[integers]") {
  const U256 max = U256::max();
  U256 r;
  CHECK(add_carry(r, max, U256(1)));
  CHECK(r.is_zero());
  CHECK(sub_borrow(r, U256(0), U256(1)));
  CHECK(r == max);
  CHECK(to_int(mul_full(max, max)) == (Int(1) << 512) - (Int(1) << 257) + 1);
  CHECK_FALSE(mul_checked(max, U256(2)).has_value());
  CHECK(to_wide<4>(Int(1) << 256) == std::nullopt);
  CHECK(to_wide<4>(Int(-1)) == std::nullopt);
  bool negative = false;
  CHECK(to_wide_magnitude<4>(Int(-5), &negative) == U256(5));
  CHECK(negative);
  // Knuth's rare add-back step: a dividend and divisor chosen so the first estimate is too large
  // (Hacker's Delight's test values, widened to 64-bit digits).
  const U512 u = U512::of(0, 0, 0x8000000000000000ull, 0x7fffffffffffffffull);
  const U256 v = U256::of(1, 0, 0x8000000000000000ull);
  U512 q;
  U256 m;
  divmod(u, v, &q, &m);
  const Int iu = to_int(u), iv = to_int(v);
  CHECK(to_int(q) == iu / iv);
  CHECK(to_int(m) == iu % iv);
  // The v3 bounds as the contract states them.
  CHECK(uniswap_v3::min_sqrt_ratio() == Int("4295128739"));
  CHECK(uniswap_v3::max_sqrt_ratio() == Int("1461446703485210103287273052203988822378723970342"));
  CHECK(uniswap_v3::sqrt_ratio_at_tick(uniswap_v3::kMaxTick) == uniswap_v3::max_sqrt_ratio());
  CHECK(uniswap_v3::sqrt_ratio_at_tick(uniswap_v3::kMinTick) == uniswap_v3::min_sqrt_ratio());
}
