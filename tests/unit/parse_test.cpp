#include "ballast/ballast.h"
#include "ballast/parse.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

using namespace ballast;
using nlohmann::json;

namespace {

json treasury() {
  return json::parse(R"({
    "ballast": "treasury/1", "as_of": "2026-11-20T00:00:00Z", "numeraire": "USD",
    "assets": [
      {"id": "USDC", "decimals": 6, "balance": "1000000", "price": "1", "tags": ["stable"],
       "address": "0xA0b86991c6218b36c1d19d4a2e9eb0ce3606eB48"},
      {"id": "WETH", "decimals": 18, "balance": "1000000000000000000", "price": "2000", "tags": ["eth"]}],
    "venues": [{"id": "uni", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
                "reserve0": "2000000000", "reserve1": "1000000000000000000"}],
    "obligations": {"monthly_opex": "10", "liabilities": {"supply": "5"}}})");
}
json policy() { return json::parse(R"({"ballast": "policy/1"})"); }
json proposal() {
  return json::parse(R"({"ballast": "proposal/1", "actions": [
    {"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_in": "1000"}]})");
}

Parsed<Case> parse(const json& p, const json& t, const json& q) { return parse_documents(p.dump(), t.dump(), q.dump()); }

std::vector<std::string> codes(const Parsed<Case>& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.code + " " + e.document + " " + e.path);
  return out;
}

}  // namespace

TEST_CASE("a valid set of documents becomes a typed case", "[parse]") {
  auto r = parse(policy(), treasury(), proposal());
  REQUIRE(r.errors.empty());
  REQUIRE(r.value);
  const Case& c = *r.value;
  CHECK(c.treasury.assets.size() == 2);
  CHECK(c.treasury.assets[0].address == "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");  // lower-cased
  CHECK(c.treasury.assets[1].price == Int("2000000000000000000000"));
  CHECK(c.treasury.venues[0].tokens == std::vector<std::size_t>{0, 1});
  CHECK(std::get<UniswapV2Pool>(c.treasury.venues[0].state).fee_bps == 30);  // default fee
  REQUIRE(c.proposal.actions.size() == 1);
  CHECK(c.proposal.actions[0].swap()->venue == 0);
  CHECK(c.proposal.actions[0].swap()->buy == 1);
  CHECK(c.proposal.actions[0].path() == "/proposal/actions/0");
  CHECK(*c.treasury.monthly_opex == Int("10000000000000000000"));
}

TEST_CASE("errors from all three documents are collected and sorted", "[parse]") {
  json p = policy(), t = treasury(), q = proposal();
  p["limits"] = json::array({{{"select", "eth"}, {"max_bps", 20000}}});
  t["assets"][1]["balance"] = 5;
  q["actions"][0]["venue"] = "sushi";
  auto r = parse(p, t, q);
  CHECK_FALSE(r.value);
  CHECK(codes(r) == std::vector<std::string>{"value.range policy /limits/0/max_bps",
                                             "ref.unknown_venue proposal /actions/0/venue",
                                             "type.amount treasury /assets/1/balance"});
  for (const auto& e : r.errors) CHECK(e.message.find('\n') == std::string::npos);
  CHECK(r.errors[2].message == "expected an amount as a string of decimal digits, got 5");
}

TEST_CASE("a document of the wrong kind is one error, not a cascade of unknown fields", "[parse]") {
  auto r = parse(treasury(), treasury(), proposal());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == "kind.mismatch");
  CHECK(r.errors[0].message == R"(expected a "policy/1" document, got "treasury/1")");
}

TEST_CASE("execution thresholds take a scalar or a {value, id, severity} object", "[parse]") {
  json p = policy();
  p["execution"] = {{"max_loss_bps", {{"value", 75}, {"id", "loss-cap"}, {"severity", "warning"}}},
                    {"max_price_impact_bps", 40}};
  auto r = parse(p, treasury(), proposal());
  REQUIRE(r.value);
  const auto& x = r.value->policy.execution;
  CHECK(x.max_loss_bps->value == 75);
  CHECK(x.max_loss_bps->meta.id == "loss-cap");
  CHECK(x.max_loss_bps->meta.severity == Severity::Warning);
  CHECK(x.max_loss_bps->meta.path == "/policy/execution/max_loss_bps");
  CHECK(x.max_price_impact_bps->meta.severity == Severity::Error);
}

TEST_CASE("rule ids are unique within their list", "[parse]") {
  json p = policy();
  p["limits"] = json::array({{{"id", "cap"}, {"select", "eth"}, {"max_bps", 5000}},
                             {{"id", "cap"}, {"select", "stable"}, {"max_bps", 5000}}});
  p["floors"] = json::array({{{"id", "cap"}, {"select", "stable"}, {"min_value", "1"}}});  // other list: fine
  auto r = parse(p, treasury(), proposal());
  CHECK(codes(r) == std::vector<std::string>{"id.duplicate policy /limits/1/id"});
}

TEST_CASE("swap shape: exactly one of amount_in and amount_out, bounds that match", "[parse]") {
  json q = proposal();
  q["actions"][0]["amount_out"] = "5";
  CHECK(codes(parse(policy(), treasury(), q)) == std::vector<std::string>{"value.range proposal /actions/0/amount_out"});
  q = proposal();
  q["actions"][0].erase("amount_in");
  CHECK(codes(parse(policy(), treasury(), q)) == std::vector<std::string>{"field.missing proposal /actions/0/amount_in"});
  q = proposal();
  q["actions"][0]["max_amount_in"] = "5";
  CHECK(codes(parse(policy(), treasury(), q)) == std::vector<std::string>{"field.unknown proposal /actions/0/max_amount_in"});
  q = proposal();
  q["actions"][0]["buy"] = "USDC";
  CHECK(codes(parse(policy(), treasury(), q)) == std::vector<std::string>{"value.range proposal /actions/0/buy"});
}

TEST_CASE("an object of more than 64 members reports exactly its unknown ones", "[parse]") {
  // 70 unknown members sort before the asset's six known ones, which then sit beyond the 64th.
  json t = treasury();
  std::set<std::string> expected;
  for (int i = 0; i < 70; ++i) {
    const std::string key = "a0" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    t["assets"][0][key] = i;
    expected.insert("field.unknown treasury /assets/0/" + key);
  }
  const auto got = codes(parse(policy(), t, proposal()));
  CHECK(std::set<std::string>(got.begin(), got.end()) == expected);
  CHECK(got.size() == 70);
}

TEST_CASE("reserves must fit the pair's uint112", "[parse]") {
  json t = treasury();
  t["venues"][0]["reserve0"] = "5192296858534827628530496329220096";  // 2^112
  CHECK(codes(parse(policy(), t, proposal())) == std::vector<std::string>{"value.range treasury /venues/0/reserve0"});
}

TEST_CASE("stress scenarios default to limits, floors and backing", "[parse]") {
  json p = policy();
  p["stress"] = json::array({{{"name", "s"}, {"shocks", json::array({{{"select", "eth"}, {"change_bps", -5000}}})}}});
  auto r = parse(p, treasury(), proposal());
  REQUIRE(r.value);
  CHECK(r.value->policy.stress[0].check == std::vector<Family>{Family::Limits, Family::Floors, Family::Backing});
}

TEST_CASE("RFC 3339 times: UTC only, real dates, fractions", "[parse]") {
  CHECK(parse_time("1970-01-01T00:00:00Z")->seconds == 0);
  CHECK(parse_time("2026-11-20T12:00:00Z")->seconds == 1795176000);
  CHECK(parse_time("2024-02-29T00:00:00Z"));
  CHECK_FALSE(parse_time("2026-02-29T00:00:00Z"));
  CHECK_FALSE(parse_time("2026-13-01T00:00:00Z"));
  CHECK_FALSE(parse_time("2026-11-20T24:00:00Z"));
  CHECK_FALSE(parse_time("2026-11-20 12:00:00Z"));
  CHECK_FALSE(parse_time("2026-11-20T12:00:00+00:00"));
  CHECK(parse_time("2026-11-20T12:00:00.5Z")->nanos == 500000000);
  CHECK_FALSE(parse_time("2026-11-20T12:00:00.Z"));
}

TEST_CASE("validate_document reads any kind and checks proposals for shape only", "[parse]") {
  auto v = validate_document(proposal().dump());
  CHECK(v.kind == "proposal/1");
  CHECK(v.errors.empty());  // the venue "uni" is not resolved without a treasury
  v = validate_document(R"({"ballast": "widget/1"})");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].code == "kind.unknown");
  CHECK(v.errors[0].document == "document");
  v = validate_document("[1, 2]");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].code == "type.mismatch");
  v = validate_document(R"({"ballast": "policy/1", "targets": [{"select": "eth"}]})");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].code == "field.missing");
  CHECK(v.errors[0].path == "/targets/0/weight_bps");
}

TEST_CASE("configurable limits give limit.too_large", "[parse]") {
  CheckLimits lim;
  lim.max_assets = 1;
  auto r = parse_documents(policy().dump(), treasury().dump(), proposal().dump(), lim);
  const Diagnostic* too_large = nullptr;
  for (const auto& e : r.errors)
    if (e.code == "limit.too_large") too_large = &e;
  REQUIRE(too_large);
  CHECK(too_large->document == "treasury");
  CHECK(too_large->path == "/assets");
  CHECK(too_large->message == "2 assets exceed the limit of 1");
}

// One list of document kinds: every kind of the registry has its schema file, and every schema
// file a kind (the build embeds the files it finds).
TEST_CASE("the document kinds registry and the schema files agree", "[parse]") {
  std::set<std::string> files, kinds;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BALLAST_SOURCE_DIR) + "/core/schemas")) {
    const std::string name = e.path().filename().string();
    const auto pos = name.find(".schema.json");
    if (pos != std::string::npos) files.insert(name.substr(0, pos));
  }
  for (const auto& k : document_kinds()) {
    kinds.insert(k.name);
    CHECK(std::string(k.tag) == std::string(k.name) + "/1");
    CHECK(find_document_kind(k.tag) == &k);
    CHECK_FALSE(schema_json(k.name).empty());
  }
  CHECK(files == kinds);
  CHECK(document_kind_names("|") == "policy|treasury|proposal|case|calls|report|diff|plan");
}

TEST_CASE("prepared policy and treasury check a proposal as the three documents do", "[parse][prepared]") {
  const std::string dir = "examples/endowment/";
  const std::string p = ballast_test::read_source_file(dir + "policy.json");
  const std::string t = ballast_test::read_source_file(dir + "treasury.json");
  const Prepared prepared = prepare_documents(p, t);
  CHECK(prepared_errors(prepared).empty());
  for (const char* name : {"proposal-compliant.json", "proposal-violating.json"}) {
    const std::string q = ballast_test::read_source_file(dir + name);
    CHECK(check_prepared_json(prepared, q) == check_documents_json(p, t, q));
  }
  // The proposal's own errors, including references the prepared treasury resolves.
  const std::string bad = R"({"ballast": "proposal/1", "actions": [
    {"type": "swap", "venue": "nowhere", "sell": "USDC", "buy": "WETH", "amount_in": "x"}]})";
  CHECK(check_prepared_json(prepared, bad) == check_documents_json(p, t, bad));
  CHECK(check_prepared_json(prepared, "{") == check_documents_json(p, t, "{"));
  CHECK(status_prepared_json(prepared) == status_json(p, t));
}

TEST_CASE("an invalid prepared document reports its errors with the proposal's", "[parse][prepared]") {
  const json q = proposal();
  json t = treasury();
  t["assets"][0]["balance"] = "-1";
  const Prepared prepared = prepare_documents(policy().dump(), t.dump());
  REQUIRE(prepared_errors(prepared).size() == 1);
  CHECK(prepared_errors(prepared)[0].code == "type.amount");
  for (const std::string& proposal_text : {q.dump(), std::string("[]")}) {
    const auto a = parse_prepared(prepared, proposal_text);
    const auto b = parse_documents(policy().dump(), t.dump(), proposal_text);
    CHECK_FALSE(a.value);
    CHECK(prepared_case(prepared) == nullptr);
    CHECK(a.errors.size() == b.errors.size());
    for (std::size_t i = 0; i < a.errors.size() && i < b.errors.size(); ++i)
      CHECK(a.errors[i].code + a.errors[i].path == b.errors[i].code + b.errors[i].path);
  }
  CHECK(check_prepared_json(prepare_documents("nope", t.dump()), q.dump()) == check_documents_json("nope", t.dump(), q.dump()));
  CHECK(status_prepared_json(prepared) == status_json(policy().dump(), t.dump()));
}

TEST_CASE("the treasury's account and chain id", "[parse]") {
  json t = treasury();
  t["account"] = "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa";
  t["chain_id"] = 1;
  const auto ok = parse(policy(), t, proposal());
  REQUIRE(ok.value);
  CHECK(ok.value->treasury.account == "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa");
  CHECK(ok.value->treasury.chain_id == 1);
  CHECK_FALSE(parse(policy(), treasury(), proposal()).value->treasury.account);
  t["account"] = "0x1234";
  t["chain_id"] = 0;
  CHECK(codes(parse(policy(), t, proposal())) ==
        std::vector<std::string>{"type.address treasury /account", "value.range treasury /chain_id"});
}
