// Uniswap v3 math against the published v3-core tests.
#include "ballast/parse.h"
#include "ballast/venues.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using namespace ballast;
namespace v3 = ballast::uniswap_v3;

namespace {

Int I(const nlohmann::json& j) { return Int(j.get<std::string>()); }

// A pool as the spec's fixture builds it: initialize at the price, then mint the positions.
UniswapV3Pool make_pool(const nlohmann::json& p) {
  UniswapV3Pool pool;
  pool.fee_pips = p["fee_pips"];
  pool.tick_spacing = p["tick_spacing"];
  pool.sqrt_price_x96 = I(p["sqrt_price_x96"]);
  pool.tick = v3::tick_at_sqrt_ratio(pool.sqrt_price_x96);
  std::map<int, Int> net;
  pool.liquidity = 0;
  for (const auto& pos : p["positions"]) {
    int lo = pos[0], hi = pos[1];
    Int l = I(pos[2]);
    net[lo] += l;
    net[hi] -= l;
    if (lo <= pool.tick && pool.tick < hi) pool.liquidity += l;
  }
  auto ticks = std::make_shared<std::vector<V3Tick>>();
  for (const auto& [index, n] : net) ticks->push_back(V3Tick{index, n});
  pool.ticks = ticks;
  return pool;
}

}  // namespace

// Every entry of v3-core's swap-test snapshot: 15 pools x 16 swaps, called as the spec's callee
// calls UniswapV3Pool.swap (price limits included); the pool's deltas and tick after, or the revert.
TEST_CASE("v3-core pool swap snapshots: every entry, bit for bit", "[uniswap_v3]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v3_pool_swaps.json"));
  REQUIRE(data["swaps"].size() == 240);
  std::size_t reverts = 0;
  for (const auto& s : data["swaps"]) {
    UniswapV3Pool pool = make_pool(data["pools"][s["pool"].get<std::string>()]);
    INFO(s["pool"].get<std::string>() << " / " << s["case"].get<std::string>());
    REQUIRE(pool.tick == s["tick_before"].get<int>());
    const Int before = pool.sqrt_price_x96;
    auto o = v3::swap(pool, s["zero_for_one"], I(s["amount_specified"]), I(s["sqrt_price_limit_x96"]));
    if (s.contains("error")) {
      ++reverts;
      CHECK(!o.ok);
      CHECK(o.failure.find("UniswapV3Pool: " + s["error"].get<std::string>() + " ") == 0);
      CHECK(pool.sqrt_price_x96 == before);  // a revert leaves the pool as it was
      continue;
    }
    REQUIRE(o.ok);
    CHECK(o.amount0 == I(s["amount0"]));
    CHECK(o.amount1 == I(s["amount1"]));
    CHECK(pool.tick == s["tick_after"].get<int>());
  }
  CHECK(reverts == 50);
}

namespace {

// The snapshot's pool as a treasury document lists it: its initialized ticks, no tick_window
// (the window is then the listed ticks and the current tick together).
std::string pool_treasury(const nlohmann::json& p) {
  UniswapV3Pool pool = make_pool(p);
  nlohmann::json ticks = nlohmann::json::array();
  for (const auto& t : *pool.ticks) ticks.push_back({{"index", t.index}, {"liquidity_net", to_string(t.liquidity_net)}});
  nlohmann::json asset = {{"decimals", 18}, {"balance", "0"}, {"price", "1"}};
  nlohmann::json a = asset, b = asset;
  a["id"] = "T0";
  b["id"] = "T1";
  nlohmann::json venue = {{"id", "pool"}, {"kind", "uniswap_v3"}, {"token0", "T0"}, {"token1", "T1"},
                          {"fee_pips", p["fee_pips"]}, {"tick_spacing", p["tick_spacing"]},
                          {"sqrt_price_x96", p["sqrt_price_x96"]}, {"tick", pool.tick},
                          {"liquidity", to_string(pool.liquidity)}, {"ticks", ticks}};
  return nlohmann::json({{"ballast", "treasury/1"}, {"as_of", "2026-11-20T00:00:00Z"}, {"numeraire", "USD"},
                         {"assets", {a, b}}, {"venues", {venue}}})
      .dump();
}

}  // namespace

// The swaps that fully fill (the exact input spent, the exact output received), as a proposal's
// swap runs them: the pool read from a treasury document (the pools at the extreme prices, whose
// price lies outside every position, included) and swapped through the venue layer with the
// router's default price limit. A price limit the swap never reached does not change its result.
TEST_CASE("v3-core snapshot: every fully-filling swap through the treasury document and the venue layer",
          "[uniswap_v3]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v3_pool_swaps.json"));
  std::size_t full = 0, buys_nothing = 0;
  for (const auto& s : data["swaps"]) {
    if (!s.value("fully_fills", false)) continue;
    ++full;
    INFO(s["pool"].get<std::string>() << " / " << s["case"].get<std::string>());
    auto parsed = parse_status_documents(R"({"ballast": "policy/1"})", pool_treasury(data["pools"][s["pool"].get<std::string>()]));
    INFO((parsed.errors.empty() ? std::string() : parsed.errors[0].message));
    REQUIRE(parsed.value);
    VenueState state = parsed.value->treasury.venues[0].state;
    const bool zero_for_one = s["zero_for_one"];
    const Int specified = I(s["amount_specified"]);
    SwapRequest rq;
    rq.in = zero_for_one ? 0 : 1;
    rq.out = 1 - rq.in;
    rq.exact_in = specified > 0;
    rq.amount = specified > 0 ? specified : Int(-specified);
    SwapResult r = swap(state, rq);
    REQUIRE(r.ok);
    const Int pool_in = I(s[zero_for_one ? "amount0" : "amount1"]), pool_out = I(s[zero_for_one ? "amount1" : "amount0"]);
    CHECK(r.amount_in == pool_in);
    CHECK(r.amount_out == -pool_out);
    CHECK(std::get<UniswapV3Pool>(state).tick == s["tick_after"].get<int>());
    buys_nothing += r.amount_out == 0;
  }
  CHECK(full == 114);
  CHECK(buys_nothing == 6);  // at the extreme prices and with the maximum liquidity, a small input buys nothing, and executes
}

// Uniswap/v3-core test/TickMath.spec.ts: the boundary values and the comparisons with the
// spec's encodePriceSqrt (the pool data file holds encodePriceSqrt(1, 2^127) and (2^127, 1)).
TEST_CASE("TickMath spec cases, bounds and round trips", "[uniswap_v3]") {
  CHECK(v3::sqrt_ratio_at_tick(v3::kMinTick) == Int("4295128739"));
  CHECK(v3::sqrt_ratio_at_tick(v3::kMinTick + 1) == Int("4295343490"));
  CHECK(v3::sqrt_ratio_at_tick(v3::kMaxTick - 1) == Int("1461373636630004318706518188784493106690254656249"));
  CHECK(v3::sqrt_ratio_at_tick(v3::kMaxTick) == Int("1461446703485210103287273052203988822378723970342"));
  CHECK(v3::sqrt_ratio_at_tick(-50) == Int("0xff5c5f6fd987594269220c6a"));
  auto pools = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v3_pool_swaps.json"))["pools"];
  CHECK(v3::sqrt_ratio_at_tick(v3::kMinTick) < I(pools["close to min price"]["sqrt_price_x96"]));
  CHECK(v3::sqrt_ratio_at_tick(v3::kMaxTick) > I(pools["close to max price"]["sqrt_price_x96"]));
  CHECK(v3::tick_at_sqrt_ratio(Int("4295343490")) == v3::kMinTick + 1);
  CHECK(v3::tick_at_sqrt_ratio(Int("1461373636630004318706518188784493106690254656249")) == v3::kMaxTick - 1);
  CHECK(v3::sqrt_ratio_at_tick(v3::kMinTick) == v3::min_sqrt_ratio());
  CHECK(v3::sqrt_ratio_at_tick(v3::kMaxTick) == v3::max_sqrt_ratio());
  CHECK(v3::sqrt_ratio_at_tick(0) == (Int(1) << 96));
  CHECK(v3::tick_at_sqrt_ratio(v3::min_sqrt_ratio()) == v3::kMinTick);
  CHECK(v3::tick_at_sqrt_ratio(v3::max_sqrt_ratio() - 1) == v3::kMaxTick - 1);
  CHECK(v3::tick_at_sqrt_ratio(Int(1) << 96) == 0);
  CHECK(v3::tick_at_sqrt_ratio((Int(1) << 96) - 1) == -1);
  for (int t : {-887271, -500000, -1, 1, 12345, 500000, 887271}) {
    Int r = v3::sqrt_ratio_at_tick(t);
    CHECK(v3::tick_at_sqrt_ratio(r) == t);
    CHECK(v3::tick_at_sqrt_ratio(r - 1) == t - 1);
  }
}

// getTickAtSqrtRatio is the contract's log2 estimate; its definition is "the greatest tick whose
// sqrt ratio is <= the price". Check the two agree at and around every tick boundary of a sweep,
// and at pseudo-random prices across the whole range.
TEST_CASE("getTickAtSqrtRatio agrees with its definition", "[uniswap_v3]") {
  auto by_definition = [](const Int& price) {
    int lo = v3::kMinTick, hi = v3::kMaxTick;
    while (lo < hi) {
      int mid = lo + (hi - lo + 1) / 2;
      if (v3::sqrt_ratio_at_tick(mid) <= price) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  for (int t = v3::kMinTick + 1; t < v3::kMaxTick; t += 7919) {
    const Int r = v3::sqrt_ratio_at_tick(t);
    CHECK(v3::tick_at_sqrt_ratio(r) == t);
    CHECK(v3::tick_at_sqrt_ratio(r - 1) == t - 1);
    CHECK(v3::tick_at_sqrt_ratio(r + 1) == by_definition(r + 1));
  }
  Int x = 88172645463325252;  // xorshift over 160-bit prices
  for (int k = 0; k < 2000; ++k) {
    x ^= (x << 13) & ((Int(1) << 160) - 1);
    x ^= x >> 7;
    x ^= (x << 17) & ((Int(1) << 160) - 1);
    const Int price = v3::min_sqrt_ratio() + x % (v3::max_sqrt_ratio() - v3::min_sqrt_ratio());
    REQUIRE(v3::tick_at_sqrt_ratio(price) == by_definition(price));
  }
}

TEST_CASE("v3-core SwapMath.computeSwapStep spec cases", "[uniswap_v3]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/uniswap_v3_swapmath.json"));
  REQUIRE(data["cases"].size() == 9);
  for (const auto& c : data["cases"]) {
    INFO(c["name"].get<std::string>());
    Int current = I(c["sqrt_current"]), target = I(c["sqrt_target"]), liquidity = I(c["liquidity"]);
    Int remaining = I(c["amount_remaining"]);
    auto step = v3::compute_swap_step(current, target, liquidity, remaining, c["fee_pips"].get<long long>());
    REQUIRE(step);
    const auto& e = c["expect"];
    CHECK(step->amount_in == I(e["amount_in"]));
    CHECK(step->amount_out == I(e["amount_out"]));
    CHECK(step->fee_amount == I(e["fee_amount"]));
    if (e.contains("sqrt_next")) CHECK(step->sqrt_next == I(e["sqrt_next"]));
    const bool zero_for_one = current >= target;
    if (e.value("sqrt_next_is", "") == "next_from_input(amount - fee)") {
      CHECK(step->sqrt_next == *v3::next_sqrt_price_from_input(current, liquidity, remaining - step->fee_amount, zero_for_one));
      CHECK(step->sqrt_next < target);
    }
    if (e.value("sqrt_next_is", "") == "next_from_output(amount)") {
      CHECK(step->sqrt_next == *v3::next_sqrt_price_from_output(current, liquidity, -remaining, zero_for_one));
      CHECK(step->sqrt_next < target);
    }
  }
}

// Uniswap/v3-core test/SqrtPriceMath.spec.ts, every case but gas. One edge follows the deployed
// contract rather than an older revision of the spec: an output of exactly the token1 virtual
// reserves reverts, since getNextSqrtPriceFromAmount1RoundingDown requires sqrtPX96 > quotient.
TEST_CASE("v3-core SqrtPriceMath spec cases", "[uniswap_v3]") {
  const Int q96 = Int(1) << 96, e18("1000000000000000000"), tenth("100000000000000000");
  const Int max256 = two_pow_256() - 1;
  const Int p("20282409603651670423947251286016");
  const Int p121("87150978765690771352898345369");  // encodePriceSqrt(121, 100) = 1.1 * 2^96, floored
  // getNextSqrtPriceFromInput
  CHECK_FALSE(v3::next_sqrt_price_from_input(0, 0, tenth, false));
  CHECK_FALSE(v3::next_sqrt_price_from_input(1, 0, tenth, true));
  CHECK_FALSE(v3::next_sqrt_price_from_input((Int(1) << 160) - 1, 1024, 1024, false));
  CHECK(v3::next_sqrt_price_from_input(1, 1, Int(1) << 255, true) == Int(1));
  CHECK(v3::next_sqrt_price_from_input(q96, tenth, 0, true) == q96);
  CHECK(v3::next_sqrt_price_from_input(q96, tenth, 0, false) == q96);
  CHECK(v3::next_sqrt_price_from_input(q96, e18, tenth, false) == Int("87150978765690771352898345369"));
  CHECK(v3::next_sqrt_price_from_input(q96, e18, tenth, true) == Int("72025602285694852357767227579"));
  CHECK(v3::next_sqrt_price_from_input(q96, e18 * 10, Int(1) << 100, true) == Int("624999999995069620"));
  CHECK(v3::next_sqrt_price_from_input(q96, 1, max256 / 2, true) == Int(1));
  // getNextSqrtPriceFromOutput
  CHECK_FALSE(v3::next_sqrt_price_from_output(0, 0, tenth, false));
  CHECK_FALSE(v3::next_sqrt_price_from_output(1, 0, tenth, true));
  CHECK_FALSE(v3::next_sqrt_price_from_output(p, 1024, 4, false));
  CHECK_FALSE(v3::next_sqrt_price_from_output(p, 1024, 5, false));
  CHECK_FALSE(v3::next_sqrt_price_from_output(p, 1024, 262144, true));
  CHECK_FALSE(v3::next_sqrt_price_from_output(p, 1024, 262145, true));
  CHECK(v3::next_sqrt_price_from_output(q96, tenth, 0, true) == q96);
  CHECK(v3::next_sqrt_price_from_output(q96, tenth, 0, false) == q96);
  CHECK(v3::next_sqrt_price_from_output(q96, e18, tenth, false) == Int("88031291682515930659493278152"));
  CHECK(v3::next_sqrt_price_from_output(q96, e18, tenth, true) == Int("71305346262837903834189555302"));
  CHECK_FALSE(v3::next_sqrt_price_from_output(q96, 1, max256, true));
  CHECK_FALSE(v3::next_sqrt_price_from_output(q96, 1, max256, false));
  // getAmount0Delta / getAmount1Delta
  CHECK(v3::amount0_delta(q96 * 2, q96, 0, true) == Int(0));
  CHECK(v3::amount0_delta(q96, q96, 0, true) == Int(0));
  CHECK(v3::amount0_delta(p121, q96, e18, true) == Int("90909090909090910"));
  CHECK(v3::amount0_delta(p121, q96, e18, false) == Int("90909090909090909"));
  CHECK(*v3::amount0_delta(Int(1) << 144, Int(1) << 141, e18, true) ==
        *v3::amount0_delta(Int(1) << 144, Int(1) << 141, e18, false) + 1);
  CHECK(v3::amount1_delta(q96, q96 * 2, 0, true) == Int(0));
  CHECK(v3::amount1_delta(q96, p121, e18, true) == Int("100000000000000000"));
  CHECK(v3::amount1_delta(q96, p121, e18, false) == Int("99999999999999999"));
  // swap computation: sqrtP * sqrtQ overflows
  const Int sp("1025574284609383690408304870162715216695788925244"), l("50015962439936049619261659728067971248");
  auto q = v3::next_sqrt_price_from_input(sp, l, 406, true);
  REQUIRE(q);
  CHECK(*q == Int("1025574284609383582644711336373707553698163132913"));
  CHECK(v3::amount0_delta(sp, *q, l, true) == Int(406));
}
