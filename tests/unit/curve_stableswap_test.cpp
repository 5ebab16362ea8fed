// Curve StableSwap math against vectors from a Python port of SwapTemplateBase.vy
// (tests/data/curve_vectors.py), including very imbalanced pools and amounts near and beyond the
// whole balance.
#include "ballast/venues.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ballast;

namespace {
Int I(const nlohmann::json& j) { return Int(j.get<std::string>()); }

CurveStableSwapPool make_pool(const nlohmann::json& p) {
  CurveStableSwapPool pool;
  for (const auto& b : p["balances"]) pool.balances.push_back(I(b));
  for (const auto& d : p["decimals"]) pool.rates.push_back(wad() * pow10(18 - d.get<unsigned>()));
  pool.amp_precise = p["amp_precise"].get<long long>();
  pool.fee = I(p["fee"]);
  pool.admin_fee = I(p["admin_fee"]);
  return pool;
}

std::vector<Int> xp(const CurveStableSwapPool& p) {
  std::vector<Int> out;
  for (std::size_t k = 0; k < p.balances.size(); ++k) out.push_back(p.rates[k] * p.balances[k] / wad());
  return out;
}
}  // namespace

TEST_CASE("get_D, get_dy and exchange match the contract's integer math", "[curve]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/curve_vectors.json"));
  const auto& pools = data["pools"];
  for (const auto& v : data["get_D"]) {
    auto p = make_pool(pools[v["pool"].get<std::string>()]);
    INFO(v.dump());
    CHECK(curve::get_D(xp(p), p.amp_precise) == I(v["D"]));
  }
  REQUIRE(data["get_dy"].size() >= 200);
  for (const auto& v : data["get_dy"]) {
    auto p = make_pool(pools[v["pool"].get<std::string>()]);
    INFO(v.dump());
    auto dy = curve::get_dy(p, v["i"], v["j"], I(v["dx"]));
    if (v["dy"].is_null())
      CHECK_FALSE(dy);
    else
      CHECK(dy == I(v["dy"]));
  }
  for (const auto& e : data["exchanges"]) {
    auto p = make_pool(pools[e["pool"].get<std::string>()]);
    for (const auto& s : e["steps"]) {
      INFO(e["pool"] << " " << s.dump());
      auto dy = curve::exchange(p, s["i"], s["j"], I(s["dx"]));
      REQUIRE(dy);
      CHECK(*dy == I(s["dy"]));
      for (std::size_t k = 0; k < p.balances.size(); ++k) CHECK(p.balances[k] == I(s["balances_after"][k]));
    }
  }
}

TEST_CASE("exact output finds the least input, and reverts are failures not guesses", "[curve]") {
  auto data = nlohmann::json::parse(ballast_test::read_source_file("tests/data/curve_vectors.json"));
  auto p = make_pool(data["pools"]["3pool imbalanced 95/4/1"]);
  for (const char* want : {"1", "1000000", "9000000000", "9990000000"}) {
    auto dx = curve::dx_for_dy(p, 0, 2, Int(want));
    REQUIRE(dx);
    CHECK(*curve::get_dy(p, 0, 2, *dx) >= Int(want));
    CHECK(*curve::get_dy(p, 0, 2, *dx - 1) < Int(want));
  }
  // More than the pool holds can never come out.
  CHECK_FALSE(curve::dx_for_dy(p, 0, 2, Int("10000000001")));
  // get_D does not converge on absurd states: a revert, not a hang.
  std::vector<Int> wild = {Int(1), Int("100000000000000000000000000000000000000000000000000000")};
  CHECK_FALSE(curve::get_D(wild, 100 * 1000000));
}

TEST_CASE("the marginal rate is the limit of the pool's own quotes", "[curve]") {
  // The quotes f(h) of get_dy (the contract's integer math) over a span small against the pool but
  // large against its rounding: the curve is concave, so f(h)/h is at most the rate; and
  // Richardson's 2·f(h) − f(2h)/2 is the rate times h up to a third-order term (about (h/pool)²)
  // and the quotes' rounding. On random two- and three-coin pools of 6- and 18-decimal coins.
  std::uint64_t state = 20261201;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  for (int c = 0; c < 300; ++c) {
    CurveStableSwapPool p;
    const std::size_t coins = 2 + next(2);
    for (std::size_t k = 0; k < coins; ++k) {
      const unsigned decimals = next(2) == 0 ? 6 : 18;
      p.rates.push_back(wad() * ballast::pow10(18 - decimals));
      p.balances.push_back(Int(1000000 + next(99000000)) * ballast::pow10(decimals) * (50 + next(100)) / 100);
    }
    p.amp_precise = Int(100) * (1 + next(5000));
    p.fee = next(10000000);
    p.admin_fee = 5000000000;
    const std::size_t i = next(coins), j = (i + 1 + next(coins - 1)) % coins;
    INFO("case " << c << ": coins " << coins << ", " << i << " -> " << j);
    const auto rate = curve::marginal_rate(p, i, j);
    REQUIRE(rate);
    const Int h = p.balances[i] / 100000;  // 10 ppm of the pool's balance of coin i
    const Int dy = *curve::get_dy(p, i, j, h);
    const Int dy2 = *curve::get_dy(p, i, j, 2 * h);
    INFO("rate x h = " << to_string(rate->num * h / rate->den) << ", f(h) = " << to_string(dy) << ", f(2h) = " << to_string(dy2));
    CHECK(compare(*rate, Frac{dy - 2, h}) >= 0);
    const Int richardson = 2 * dy - dy2 / 2, slack = 4 + dy / 10000000;  // 0.1 ppm
    CHECK(compare(*rate, Frac{richardson - slack, h}) >= 0);
    CHECK(compare(*rate, Frac{richardson + slack, h}) <= 0);
  }
  // the same coin, a coin the pool does not have
  CurveStableSwapPool p{{Int(1000000), Int(1000000)}, {wad() * ballast::pow10(12), wad() * ballast::pow10(12)}, Int(10000), Int(4000000), Int(0)};
  CHECK_FALSE(curve::marginal_rate(p, 0, 0));
  CHECK_FALSE(curve::marginal_rate(p, 0, 2));
}
