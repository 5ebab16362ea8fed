#include "ballast/ballast.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ballast;
using nlohmann::json;

namespace {

// 10 M NAV: 3,000 WETH at 2000 and 4 M USDC; a v2 pool of 20 M USDC / 10,000 WETH.
json base_case() {
  return json::parse(R"({
    "ballast": "case/1",
    "policy": {"ballast": "policy/1"},
    "treasury": {"ballast": "treasury/1", "as_of": "2026-11-20T00:00:00Z", "numeraire": "USD",
      "assets": [
        {"id": "USDC", "decimals": 6, "balance": "4000000000000", "price": "1", "tags": ["stable"]},
        {"id": "WETH", "decimals": 18, "balance": "3000000000000000000000", "price": "2000", "tags": ["eth"]}],
      "venues": [{"id": "uni", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
                  "reserve0": "20000000000000", "reserve1": "10000000000000000000000"}]},
    "proposal": {"ballast": "proposal/1", "actions": []}})");
}

Report run(const json& c) {
  auto parsed = parse_case(c.dump());
  REQUIRE(parsed.errors.empty());
  return evaluate(*parsed.value);
}

json swap_usdc(const std::string& amount) {
  return {{"type", "swap"}, {"venue", "uni"}, {"sell", "USDC"}, {"buy", "WETH"}, {"amount_in", amount}};
}

// Evaluates the case with the first action's amount_in replaced.
Report with_amount(json c, const std::string& amount) {
  c["proposal"]["actions"][0]["amount_in"] = amount;
  return run(c);
}

const Finding* find_rule(const Report& r, const std::string& rule) {
  for (const auto& f : r.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("before and after figures", "[evaluate]") {
  json c = base_case();
  c["policy"]["targets"] = json::array({{{"select", "eth"}, {"weight_bps", 6000}, {"band_bps", 500}}});
  c["proposal"]["actions"].push_back(swap_usdc("1000000000000"));
  Report r = run(c);
  REQUIRE(r.before);
  REQUIRE(r.after);
  CHECK(r.before->nav == Int("10000000") * wad());
  CHECK(compare(r.before->selectors.at("eth").weight, Frac{6000, 10000}) == 0);
  CHECK(compare(*r.before->total_drift, Frac{0, 1}) == 0);
  REQUIRE(r.actions.size() == 1);
  // 1 M USDC into the pool: out = floor(1e12*9970*1e22 / (2e13*10000 + 1e12*9970))
  const auto& swap = std::get<SwapFigures>(r.actions[0].figures);
  CHECK(swap.expected == Int("474829737581559270371"));
  CHECK(compare(*swap.pool_share, Frac{500, 10000}) == 0);
  CHECK(r.after->assets[1].balance == Int("3474829737581559270371"));
}

TEST_CASE("max_passing is tight: that amount passes the rule, one base unit more fails", "[evaluate]") {
  for (const char* rule : {"swap.loss", "swap.price_impact", "swap.pool_share", "trade.max_value"}) {
    json c = base_case();
    c["policy"]["execution"] = {{"max_loss_bps", 80}, {"max_price_impact_bps", 40}, {"max_pool_share_bps", 300},
                                {"max_trade_value", "123456.789"}};
    c["proposal"]["actions"].push_back(swap_usdc("900000000000"));
    Report r = run(c);
    const Finding* f = find_rule(r, rule);
    INFO(rule);
    REQUIRE(f);
    REQUIRE(f->max_passing);
    Int mp(*f->max_passing);
    CHECK(mp > 0);
    CHECK_FALSE(find_rule(with_amount(c, to_string(mp)), rule));
    CHECK(find_rule(with_amount(c, to_string(mp + 1)), rule));
  }
}

TEST_CASE("no-worsening compares the rule's own figure before and after", "[evaluate]") {
  json c = base_case();
  c["policy"]["limits"] = json::array({{{"select", "eth"}, {"max_bps", 5000}}});
  // Selling WETH: eth falls from 60 % but stays above 50 %: not worse, a warning.
  c["proposal"]["actions"].push_back({{"type", "swap"}, {"venue", "uni"}, {"sell", "WETH"}, {"buy", "USDC"},
                                      {"amount_in", "100000000000000000000"}, {"min_amount_out", "1"}});
  Report r = run(c);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == Severity::Warning);
  CHECK(r.verdict == Verdict::Pass);
  // Buying WETH makes it worse: an error.
  c["proposal"]["actions"][0] = swap_usdc("1000000");
  r = run(c);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == Severity::Error);
  CHECK(r.verdict == Verdict::Fail);
}

TEST_CASE("stress shocks compound in order and floor at zero", "[evaluate]") {
  json c = base_case();
  c["policy"]["limits"] = json::array({{{"select", "eth"}, {"max_bps", 6000}}});
  c["policy"]["stress"] = json::array({{{"name", "up then down"},
                                         {"shocks", json::array({{{"select", "eth"}, {"change_bps", 10000}},
                                                                 {{"select", "eth"}, {"change_bps", -5000}}})}}});
  Report r = run(c);
  // x2 then x0.5: back to 2000, eth exactly 60 %: at the limit, no finding.
  REQUIRE(r.stress.size() == 1);
  CHECK(r.stress[0].findings.empty());
  c["policy"]["stress"][0]["shocks"][1]["change_bps"] = -4999;
  r = run(c);
  REQUIRE(r.stress[0].findings.size() == 1);
  CHECK(r.stress[0].findings[0].rule == "stress.limit.max");
  CHECK(r.stress[0].findings[0].severity == Severity::Warning);  // the empty proposal makes nothing worse
}

TEST_CASE("status reports breaches of the current state", "[evaluate]") {
  json c = base_case();
  c["policy"]["targets"] = json::array({{{"select", "eth"}, {"weight_bps", 5000}, {"band_bps", 500}}});
  c["policy"]["limits"] = json::array({{{"select", "stable"}, {"min_bps", 4500}}});
  auto parsed = parse_status_documents(c["policy"].dump(), c["treasury"].dump());
  REQUIRE(parsed.value);
  Report r = evaluate_status(*parsed.value);
  CHECK(r.mode == Mode::Status);
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].rule == "limit.min");
  CHECK(r.findings[0].severity == Severity::Error);
  CHECK_FALSE(r.findings[0].before);
  CHECK(r.findings[1].rule == "target.outside_band");
  CHECK(r.findings[1].severity == Severity::Warning);
  CHECK(r.verdict == Verdict::Attention);  // status: any finding needs attention
}

TEST_CASE("the JSON entry points never throw and report input errors", "[evaluate]") {
  for (std::string bad : {std::string(""), std::string("null"), std::string("{\"ballast\": 1}"),
                          std::string("\xff\xfe"), std::string(200000, '[')}) {
    auto report = json::parse(check_json(bad));
    CHECK(report["verdict"] == "error");
    CHECK(report["errors"].size() >= 1);
  }
  auto status = json::parse(status_json("{}", "[]"));
  CHECK(status["verdict"] == "error");
  CHECK(status["mode"] == "status");
  CHECK(json::parse(validate_json("{\"ballast\": \"case/1\"}"))["valid"] == false);
  CHECK(schema_json("policy/1") == schema_json("policy"));
  CHECK(schema_json("policy/2").empty());
  CHECK(schema_json("nope").empty());
  CHECK(version() == "0.1.0");
}

TEST_CASE("guarded turns an escaped exception into an error report", "[evaluate]") {
  auto report = json::parse(guarded([]() -> std::string { throw std::runtime_error("boom"); }));
  CHECK(report["verdict"] == "error");
  CHECK(report["errors"][0]["code"] == "internal");
}

TEST_CASE("suggested fix on a limit order keeps the order's price and passes when applied", "[evaluate][suggest]") {
  json c = base_case();
  c["treasury"]["venues"].push_back({{"id", "cow"}, {"kind", "limit_order"}});
  c["policy"]["execution"] = {{"max_trade_value", "1000000"}, {"max_loss_bps", 100}, {"max_slippage_bps", 100}};
  // Sell 1,000 WETH (2,000,000 USD) at 1,990 USDC each: a loss of 0.5 %, above the trade cap.
  c["proposal"]["actions"] = json::array({{{"type", "swap"}, {"venue", "cow"}, {"sell", "WETH"}, {"buy", "USDC"},
                                           {"amount_in", "1000000000000000000000"}, {"min_amount_out", "1990000000000"}}});
  const json before = json::parse(check_json(c.dump()));
  REQUIRE(before["findings"].size() == 1);
  CHECK(before["findings"][0]["rule"] == "trade.max_value");
  const json fix = before["actions"][0]["suggested"];
  CHECK(fix["amount_in"] == "500000000000000000000");  // 500 WETH: 1,000,000 USD
  CHECK(fix["min_amount_out"] == "995000000000");       // 1,990 USDC per WETH, as ordered
  c["proposal"]["actions"][0]["amount_in"] = fix["amount_in"];
  c["proposal"]["actions"][0]["min_amount_out"] = fix["min_amount_out"];
  CHECK(json::parse(check_json(c.dump()))["findings"].empty());

  // At a price that loses 2 %, no size helps: no fix for the loss.
  c["proposal"]["actions"][0]["min_amount_out"] = "490000000000";  // 1,960 per WETH
  const json lossy = json::parse(check_json(c.dump()));
  REQUIRE(lossy["findings"].size() == 1);
  CHECK(lossy["findings"][0]["rule"] == "swap.loss");
  CHECK_FALSE(lossy["actions"][0].contains("suggested"));
}
