// Import: files of calls into the proposal/1 actions they execute (core/src/calls/import.cpp),
// against the actions ethers' encoder was given (tests/calls/generate.mjs, section "imports").
#include "ballast/ballast.h"
#include "ballast/calls.h"

#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ballast;
using nlohmann::json;

namespace {

const json& fixture() {
  static const json f = json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"))["imports"];
  return f;
}

Treasury fixture_treasury() {
  auto t = parse_treasury(fixture()["treasury"].dump());
  REQUIRE(t.errors.empty());
  return *t.value;
}

std::vector<std::string> codes(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.code + " " + e.document + " " + e.path);
  return out;
}

}  // namespace

TEST_CASE("import: every call kind becomes the action its encoder was given", "[calls][import]") {
  const Treasury t = fixture_treasury();
  const auto p = import_calls(fixture()["calls"].dump(), t);
  INFO(codes(p.errors).size());
  REQUIRE(p.errors.empty());
  const json written = json::parse(proposal_json(*p.value, t));
  const json& expected = fixture()["actions"];
  REQUIRE(written["actions"].size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("action " << i);
    CHECK(written["actions"][i] == expected[i]);
  }
  CHECK(written["source"] == json{{"format", "calls/1"}});
}

TEST_CASE("import: the written proposal reads back to itself and checks", "[calls][import]") {
  const Treasury t = fixture_treasury();
  const auto p = import_calls(fixture()["calls"].dump(), t);
  REQUIRE(p.value);
  const std::string text = proposal_json(*p.value, t);
  const std::string policy = R"({"ballast": "policy/1", "numeraire": "USD"})";
  const auto c = parse_documents(policy, fixture()["treasury"].dump(), text);
  REQUIRE(codes(c.errors).empty());
  CHECK(proposal_json(c.value->proposal, c.value->treasury) == text);
  const Report r = evaluate(*c.value);
  CHECK(r.verdict != Verdict::Error);
  // The calls Ballast cannot read, the unverifiable pre-signature, and the swap paid to another address.
  std::map<std::string, int> rules;
  for (const auto& f : r.findings) rules[f.rule]++;
  CHECK(rules["call.unknown"] == 2);
  CHECK(rules["call.unverifiable"] == 1);
  CHECK(rules["swap.recipient"] == 1);
  // Findings on imported actions name the call they came from.
  for (const auto& f : r.findings)
    if (f.rule == "call.unverifiable") CHECK(f.origin == "/calls/0/multisend/14");
  // The same through the JSON entry point, byte for byte.
  CHECK(check_calls_json(policy, fixture()["treasury"].dump(), fixture()["calls"].dump()) == render_json(r));
}

TEST_CASE("import: input errors name the document, the path and the value", "[calls][import]") {
  const Treasury t = fixture_treasury();
  json calls = fixture()["calls"];
  SECTION("the calls are from another account") {
    calls["from"] = "0x1111111111111111111111111111111111111111";
    CHECK(codes(import_calls(calls.dump(), t).errors) == std::vector<std::string>{"ref.account_mismatch calls /from"});
  }
  SECTION("a MultiSend whose packed transactions are cut short") {
    std::string data = calls["calls"][0]["data"];
    calls["calls"][0]["data"] = data.substr(0, data.size() - 64);
    const auto e = codes(import_calls(calls.dump(), t).errors);
    REQUIRE(e.size() == 1);
    CHECK(e[0] == "calldata.malformed calls /calls/0");
  }
  SECTION("a treasury without its account") {
    Treasury no_account = t;
    no_account.account.reset();
    CHECK(codes(import_calls(calls.dump(), no_account).errors) == std::vector<std::string>{"field.missing treasury /account"});
  }
  SECTION("order terms whose appData is not 32 bytes") {
    calls["orders"][0]["appData"] = "0x1234";
    CHECK(codes(import_calls(calls.dump(), t).errors) == std::vector<std::string>{"value.range calls /orders/0/appData"});
  }
}

TEST_CASE("import: a Tx Builder file edited after export is a calls.checksum warning", "[calls][import]") {
  const std::string dir = "examples/endowment/";
  json batch = json::parse(ballast_test::read_source_file(dir + "batch-compliant.json"));
  const std::string policy = ballast_test::read_source_file(dir + "policy.json");
  const std::string treasury = ballast_test::read_source_file(dir + "treasury.json");
  batch["meta"]["checksum"] = "0x" + std::string(64, '0');
  const json r = json::parse(check_calls_json(policy, treasury, batch.dump()));
  CHECK(r["verdict"] == "pass");
  bool warned = false;
  for (const auto& f : r["findings"]) warned = warned || (f["rule"] == "calls.checksum" && f["severity"] == "warning");
  CHECK(warned);
}
