// Uniswap v2 math against the vectors published with the Uniswap contracts' own tests.
#include "ballast/venues.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ballast;

namespace {
Int I(const nlohmann::json& j) { return Int(j.get<std::string>()); }

// UniswapV2Pair.swap's invariant check, written independently of the library formula:
// (b0 * 1000 - in0 * 3) * (b1 * 1000 - in1 * 3) >= r0 * r1 * 1000^2.
bool pair_accepts(const Int& r0, const Int& r1, const Int& in0, const Int& out1) {
  Int b0 = r0 + in0, b1 = r1 - out1;
  Int adj0 = b0 * 1000 - in0 * 3, adj1 = b1 * 1000;
  return adj0 * adj1 >= r0 * r1 * 1000 * 1000;
}
}  // namespace

TEST_CASE("getAmountOut reproduces the v2-core pair swap vectors", "[uniswap_v2]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v2_vectors.json"));
  REQUIRE(data["pair_swaps"].size() == 7);
  for (const auto& v : data["pair_swaps"]) {
    Int in = I(v[0]), r0 = I(v[1]), r1 = I(v[2]), expected = I(v[3]);
    INFO("swap " << in << " into " << r0 << "/" << r1);
    CHECK(uniswap_v2::get_amount_out(in, r0, r1, 30) == expected);
    // The pair accepts exactly this output and rejects one more (the test's 'UniswapV2: K').
    CHECK(pair_accepts(r0, r1, in, expected));
    CHECK_FALSE(pair_accepts(r0, r1, in, expected + 1));
  }
}

TEST_CASE("getAmountOut / getAmountIn match the v2-periphery library spec", "[uniswap_v2]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v2_vectors.json"));
  for (const auto& v : data["library_amount_out"])
    CHECK(uniswap_v2::get_amount_out(I(v[0]), I(v[1]), I(v[2]), 30) == I(v[3]));
  for (const auto& v : data["library_amount_in"])
    CHECK(uniswap_v2::get_amount_in(I(v[0]), I(v[1]), I(v[2]), 30) == I(v[3]));
  // Reverts of the library: zero amounts, zero reserves, output not below the reserve.
  CHECK_FALSE(uniswap_v2::get_amount_out(0, 100, 100, 30));
  CHECK_FALSE(uniswap_v2::get_amount_out(1, 0, 100, 30));
  CHECK_FALSE(uniswap_v2::get_amount_in(100, 100, 100, 30));
  CHECK_FALSE(uniswap_v2::get_amount_in(0, 100, 100, 30));
}

TEST_CASE("getAmountIn is the least input that buys the output", "[uniswap_v2]") {
  const Int r_in("19969536000000"), r_out("6400000000000000000000");
  for (Int out : {Int(1), Int("1000000000000000000"), Int("3200000000000000000000"), Int("6399000000000000000000")}) {
    Int in = *uniswap_v2::get_amount_in(out, r_in, r_out, 30);
    CHECK(*uniswap_v2::get_amount_out(in, r_in, r_out, 30) >= out);
    // getAmountIn rounds up by adding 1: one less must not buy the output... unless the
    // division was exact, where the library still adds 1 (then in-1 also suffices).
    Int exact_num = r_in * out * 10000, exact_den = (r_out - out) * 9970;
    if (in > 1 && exact_num % exact_den != 0) CHECK(*uniswap_v2::get_amount_out(in - 1, r_in, r_out, 30) < out);
  }
}

TEST_CASE("swap updates the pool as the pair would, and a copy forks it", "[uniswap_v2]") {
  VenueState state = UniswapV2Pool{Int("5000000000000000000"), Int("10000000000000000000"), 30};
  VenueState fork = state;
  SwapRequest rq{0, 1, true, Int("1000000000000000000"), std::nullopt};
  SwapResult r = swap(state, rq);
  REQUIRE(r.ok);
  CHECK(r.amount_out == Int("1662497915624478906"));
  const auto& p = std::get<UniswapV2Pool>(state);
  CHECK(p.reserve0 == Int("6000000000000000000"));
  CHECK(p.reserve1 == Int("10000000000000000000") - Int("1662497915624478906"));
  CHECK(std::get<UniswapV2Pool>(fork).reserve0 == Int("5000000000000000000"));
  // Exact output of more than the reserve reverts and leaves the state unchanged.
  SwapResult bad = swap(fork, SwapRequest{0, 1, false, Int("10000000000000000000"), std::nullopt});
  CHECK_FALSE(bad.ok);
  CHECK(bad.failure.find("INSUFFICIENT_LIQUIDITY") != std::string::npos);
  CHECK(std::get<UniswapV2Pool>(fork).reserve1 == Int("10000000000000000000"));
  // Mid rate is R_out / R_in; the fee is fee_bps / 10000.
  auto mid = mid_rate(fork, 0, 1);
  REQUIRE(mid);
  CHECK(compare(*mid, Frac{Int(2), Int(1)}) == 0);
  CHECK(compare(fee_fraction(fork), Frac{Int(3), Int(1000)}) == 0);
}

TEST_CASE("limit orders fill at their bound", "[uniswap_v2]") {
  VenueState lo = LimitOrderVenue{};
  auto r = swap(lo, SwapRequest{0, 1, true, Int(100), Int(250)});
  REQUIRE(r.ok);
  CHECK(r.amount_out == 250);
  auto e = swap(lo, SwapRequest{0, 1, false, Int(300), Int(120)});
  REQUIRE(e.ok);
  CHECK(e.amount_in == 120);
  CHECK_FALSE(swap(lo, SwapRequest{0, 1, true, Int(100), std::nullopt}).ok);
  CHECK_FALSE(mid_rate(lo, 0, 1));
  CHECK_FALSE(has_curve(lo));
}
