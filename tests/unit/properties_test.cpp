// Properties of the whole checker, over many generated proposals on the endowment example:
// determinism (same input, same bytes, whatever ran before), stress scenarios independent of one
// another, value conservation across transfers, tightness of max_passing, and no gain from a round
// trip A -> B -> A on any venue.
#include "ballast/ballast.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <set>

using namespace ballast;
using nlohmann::json;

namespace {

json example_case(const std::string& name, const std::string& proposal = "proposal-violating.json") {
  const std::string dir = "examples/" + name + "/";
  return json{{"ballast", "case/1"},
              {"policy", json::parse(ballast_test::read_source_file(dir + "policy.json"))},
              {"treasury", json::parse(ballast_test::read_source_file(dir + "treasury.json"))},
              {"proposal", json::parse(ballast_test::read_source_file(dir + proposal))}};
}

Report run(const json& c) {
  auto parsed = parse_case(c.dump());
  REQUIRE(parsed.errors.empty());
  return evaluate(*parsed.value);
}

// A deterministic source of amounts: a mantissa and a power of ten.
struct Draw {
  std::mt19937_64 rng;
  explicit Draw(std::uint64_t seed) : rng(seed) {}
  std::uint64_t below(std::uint64_t n) { return rng() % n; }
  // A token amount worth roughly 10^lo .. 10^hi whole tokens of `decimals`.
  std::string amount(unsigned decimals, unsigned lo, unsigned hi) {
    const unsigned exponent = lo + static_cast<unsigned>(below(hi - lo + 1));
    return to_string(Int(1 + below(999)) * pow10(decimals + exponent) / 100 + Int(below(1000000)));
  }
};

unsigned decimals_of(const json& c, const std::string& asset) {
  for (const auto& a : c["treasury"]["assets"])
    if (a["id"] == asset) return a["decimals"].get<unsigned>();
  FAIL("no asset " << asset);
  return 0;
}

const Finding* find(const Report& r, const std::string& rule, const std::string& path) {
  for (const auto& f : r.findings)
    if (f.rule == rule && f.path == path) return &f;
  return nullptr;
}

// Venues of the endowment example and the pairs they trade.
struct Pair {
  const char* venue;
  const char* a;
  const char* b;
};
const Pair kPairs[] = {{"univ2-usdc-weth", "USDC", "WETH"},
                       {"univ3-usdc-weth-500", "USDC", "WETH"},
                       {"curve-3pool", "DAI", "USDC"},
                       {"curve-3pool", "USDT", "DAI"},
                       {"univ2-usdt-weth", "WETH", "USDT"}};

// The endowment example with tight execution limits, so that generated swaps breach them at
// many sizes.
json tight_endowment() {
  json base = example_case("endowment");
  base["proposal"].erase("allocation");
  auto& x = base["policy"]["execution"];
  x["max_trade_value"] = "2000000";
  x["max_loss_bps"] = 40;
  x["max_price_impact_bps"] = 20;
  x["max_pool_share_bps"] = 300;
  return base;
}

}  // namespace

TEST_CASE("the same documents give the same bytes, whatever was checked before", "[properties]") {
  std::vector<std::string> inputs;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BALLAST_SOURCE_DIR) + "/tests/conformance/cases"))
    inputs.push_back(ballast_test::read_source_file("tests/conformance/cases/" + e.path().filename().string()));
  for (const char* ex : {"endowment", "grants-dao", "stablecoin-issuer"})
    for (const char* p : {"proposal-compliant.json", "proposal-violating.json"}) inputs.push_back(example_case(ex, p).dump());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() > 150);
  std::vector<std::string> forward;
  for (const auto& in : inputs) forward.push_back(check_json(in));
  // Backwards, and each one twice in a row: no state carries from one check to the next.
  for (std::size_t k = inputs.size(); k-- > 0;) {
    REQUIRE(check_json(inputs[k]) == forward[k]);
    REQUIRE(check_json(inputs[k]) == forward[k]);
  }
}

TEST_CASE("a stress scenario sees the unshocked states, whatever scenarios ran before it", "[properties]") {
  // The scenarios share one working copy of each state and put their shocked assets back: each
  // outcome must be what the scenario gives alone, in either order, after scenarios that shock
  // the same assets, other assets or several at once.
  json c = example_case("stablecoin-issuer");
  json& stress = c["policy"]["stress"];
  json wide = stress[0];
  wide["name"] = "everything -30 %";
  wide["shocks"] = json::array({json{{"select", "*"}, {"change_bps", -3000}}});
  stress.push_back(wide);
  json up = stress[1];
  up["name"] = "ETH +300 %";
  up["shocks"][0]["change_bps"] = 30000;
  stress.push_back(up);
  auto outcomes = [](const json& doc) {
    std::map<std::string, std::string> by_name;
    const json report = json::parse(render_json(run(doc)));
    for (const auto& o : report["stress"]) by_name[o["name"]] = o["findings"].dump();
    return by_name;
  };
  std::map<std::string, std::string> alone;
  for (const auto& sc : stress) {
    json one = c;
    one["policy"]["stress"] = json::array({sc});
    alone.merge(outcomes(one));
  }
  REQUIRE(alone.size() == 4);
  std::size_t findings = 0;
  for (const auto& [name, f] : alone) findings += json::parse(f).size();
  CHECK(findings >= 4);  // the scenarios find something, so a state left shocked would show
  CHECK(outcomes(c) == alone);
  json reversed = c;
  std::reverse(reversed["policy"]["stress"].begin(), reversed["policy"]["stress"].end());
  CHECK(outcomes(reversed) == alone);
}

TEST_CASE("transfers conserve value: balances fall by exactly what leaves, NAV is the sum of the rest", "[properties]") {
  Draw draw(7);
  const json base = example_case("endowment");
  for (int round = 0; round < 40; ++round) {
    json c = base;
    json actions = json::array();
    std::map<std::string, Int> sent;
    const auto& assets = c["treasury"]["assets"];
    const std::size_t n = 1 + draw.below(5);
    for (std::size_t k = 0; k < n; ++k) {
      const json& a = assets[draw.below(assets.size())];
      const Int balance(a["balance"].get<std::string>());
      const Int amount = balance / Int(2 + draw.below(20)) + Int(draw.below(1000));
      if (sent[a["id"]] + amount > balance) continue;
      sent[a["id"]] += amount;
      actions.push_back({{"type", "transfer"}, {"asset", a["id"]}, {"amount", to_string(amount)},
                         {"to", "0xfe89cc7abb2c4183683ab71653c4cdc9b02d44b7"}});
    }
    c["proposal"]["actions"] = actions;
    c["proposal"].erase("allocation");
    const Report r = run(c);
    REQUIRE(r.after);
    Int nav_after = 0;
    for (std::size_t i = 0; i < assets.size(); ++i) {
      const Int before(assets[i]["balance"].get<std::string>());
      const Int expected = before - sent[assets[i]["id"]];
      CHECK(r.after->assets[i].balance == expected);
      CHECK(r.before->assets[i].balance == before);
      nav_after += asset_value(expected, *parse_decimal(assets[i]["price"].get<std::string>(), false),
                               assets[i]["decimals"].get<unsigned>());
    }
    CHECK(r.after->nav == nav_after);
  }
}

TEST_CASE("max_passing is tight: that amount passes the rule, one base unit more fails it", "[properties]") {
  Draw draw(2026);
  const json base = tight_endowment();
  std::set<std::string> rules_seen;
  int checked = 0;
  for (int round = 0; round < 60; ++round) {
    const Pair& p = kPairs[draw.below(std::size(kPairs))];
    const bool forward = draw.below(2) == 0;
    const std::string sell = forward ? p.a : p.b, buy = forward ? p.b : p.a;
    const bool exact_in = draw.below(3) != 0;
    const std::string field = exact_in ? "amount_in" : "amount_out";
    const std::string& token = exact_in ? sell : buy;
    const bool eth = token == "WETH";
    json c = base;
    c["proposal"]["actions"] = json::array(
        {{{"type", "swap"}, {"venue", p.venue}, {"sell", sell}, {"buy", buy},
          {field, draw.amount(decimals_of(c, token), eth ? 1 : 4, eth ? 3 : 7)}}});
    const Report r = run(c);
    if (find(r, "action.infeasible", "/proposal/actions/0")) continue;
    for (const Finding& f : r.findings) {
      if (!f.max_passing || f.path != "/proposal/actions/0") continue;
      const Int m = *f.max_passing;
      INFO(f.rule << " on " << p.venue << " " << sell << "->" << buy << " " << field << " " << c["proposal"]["actions"][0][field]
                  << " max_passing " << m);
      json at = c, above = c;
      at["proposal"]["actions"][0][field] = to_string(m);
      above["proposal"]["actions"][0][field] = to_string(m + 1);
      if (m > 0) CHECK_FALSE(find(run(at), f.rule, f.path));
      const Report r_above = run(above);
      CHECK((find(r_above, f.rule, f.path) || find(r_above, "action.infeasible", f.path)));
      rules_seen.insert(f.rule);
      ++checked;
    }
  }
  CHECK(checked >= 30);
  CHECK(rules_seen == std::set<std::string>{"trade.max_value", "swap.loss", "swap.price_impact", "swap.pool_share"});
}

TEST_CASE("the suggested fix passes every execution rule of its action, and one base unit more does not",
          "[properties]") {
  Draw draw(7);
  const json base = tight_endowment();
  const std::vector<std::string> sized = {"trade.max_value", "swap.loss", "swap.price_impact", "swap.pool_share"};
  auto any_of = [&](const Report& r, const std::vector<std::string>& rules) {
    for (const auto& rule : rules)
      if (find(r, rule, "/proposal/actions/0")) return true;
    return false;
  };
  int checked = 0;
  for (int round = 0; round < 40; ++round) {
    const Pair& p = kPairs[draw.below(std::size(kPairs))];
    const bool forward = draw.below(2) == 0;
    const std::string sell = forward ? p.a : p.b, buy = forward ? p.b : p.a;
    const bool eth = sell == "WETH";
    json c = base;
    c["proposal"]["actions"] = json::array({{{"type", "swap"}, {"venue", p.venue}, {"sell", sell}, {"buy", buy},
                                             {"amount_in", draw.amount(decimals_of(c, sell), eth ? 1 : 4, eth ? 3 : 7)}}});
    if (p.venue == std::string("cow")) continue;
    const Report r = run(c);
    if (find(r, "action.infeasible", "/proposal/actions/0") || !any_of(r, sized)) continue;
    const auto& fix = std::get<SwapFigures>(r.actions.at(0).figures).suggested;
    if (!fix) {  // no size passes: then not even one base unit does
      json one = c;
      one["proposal"]["actions"][0]["amount_in"] = "1";
      const Report r_one = run(one);
      CHECK((any_of(r_one, sized) || find(r_one, "action.infeasible", "/proposal/actions/0")));
      continue;
    }
    REQUIRE(fix->bound);
    INFO(p.venue << " " << sell << "->" << buy << " suggested " << fix->amount << " min out " << *fix->bound);
    json at = c, above = c;
    at["proposal"]["actions"][0]["amount_in"] = to_string(fix->amount);
    at["proposal"]["actions"][0]["min_amount_out"] = to_string(*fix->bound);
    above["proposal"]["actions"][0]["amount_in"] = to_string(fix->amount + 1);
    const Report r_at = run(at);
    CHECK_FALSE(any_of(r_at, sized));
    CHECK_FALSE(any_of(r_at, {"swap.slippage", "swap.min_out_missing", "swap.min_out_unreachable"}));
    CHECK(any_of(run(above), sized));
    ++checked;
  }
  CHECK(checked >= 15);
}

TEST_CASE("a round trip A -> B -> A never returns more than was sold, on every venue", "[properties]") {
  Draw draw(99);
  json base = example_case("endowment");
  base["proposal"].erase("allocation");
  int checked = 0;
  for (int round = 0; round < 60; ++round) {
    const Pair& p = kPairs[draw.below(std::size(kPairs))];
    const bool forward = draw.below(2) == 0;
    const std::string a = forward ? p.a : p.b, b = forward ? p.b : p.a;
    const bool eth = a == "WETH";
    const std::string x = draw.amount(decimals_of(base, a), eth ? 0 : 3, eth ? 3 : 7);
    json c = base;
    c["proposal"]["actions"] = json::array({{{"type", "swap"}, {"venue", p.venue}, {"sell", a}, {"buy", b}, {"amount_in", x}}});
    const Report first = run(c);
    if (find(first, "action.infeasible", "/proposal/actions/0")) continue;
    const Int out = *std::get<SwapFigures>(first.actions.at(0).figures).expected;
    if (out == 0) continue;
    const std::string y = to_string(out);
    c["proposal"]["actions"].push_back({{"type", "swap"}, {"venue", p.venue}, {"sell", b}, {"buy", a}, {"amount_in", y}});
    const Report both = run(c);
    if (find(both, "action.infeasible", "/proposal/actions/1")) continue;
    const Int back = *std::get<SwapFigures>(both.actions.at(1).figures).expected;
    INFO(p.venue << " " << a << "->" << b << "->" << a << " " << x << " -> " << y << " -> " << back);
    CHECK(back <= Int(x));
    ++checked;
  }
  CHECK(checked >= 40);
}
