// Runs the conformance corpus (tests/conformance/cases) through the core's JSON entry point.
// The same corpus runs through the CLI binary (tests/cli/run_cli_tests.py).
#include "ballast/ballast.h"
#include "ballast/rules.h"
#include "../unit/test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

using nlohmann::ordered_json;

namespace {

const std::string kCases = "tests/conformance/cases";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BALLAST_SOURCE_DIR) + "/" + kCases))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Every key listed in `expected` has the same value in `actual`.
void check_subset(const ordered_json& expected, const ordered_json& actual, const std::string& where) {
  for (const auto& [k, v] : expected.items()) {
    INFO(where << " key " << k << " in " << actual.dump());
    REQUIRE(actual.contains(k));
    CHECK(actual[k] == v);
  }
}

// Lists compare in order, element by element on the listed keys, and have equal length.
void check_list(const ordered_json& expected, const ordered_json& actual, const std::string& what) {
  INFO(what << ": expected " << expected.dump() << "\n got " << actual.dump());
  REQUIRE(actual.is_array());
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) check_subset(expected[i], actual[i], what + "[" + std::to_string(i) + "]");
}

}  // namespace

/// Checks one report against a case's expectations; shared with nothing else on purpose: the CLI
/// runner has its own reading of the same expectations.
static void check_expectations(const ordered_json& expect, const ordered_json& report) {
  CHECK(report["verdict"] == expect["verdict"]);
  if (expect.contains("findings")) check_list(expect["findings"], report["findings"], "findings");
  if (expect.contains("errors")) check_list(expect["errors"], report["errors"], "errors");
  if (expect.contains("actions")) check_list(expect["actions"], report["actions"], "actions");
  if (expect.contains("stress")) {
    REQUIRE(report["stress"].size() == expect["stress"].size());
    for (std::size_t i = 0; i < expect["stress"].size(); ++i) {
      CHECK(report["stress"][i]["name"] == expect["stress"][i]["name"]);
      check_list(expect["stress"][i]["findings"], report["stress"][i]["findings"], "stress findings");
    }
  }
  if (expect.value("no_after", false)) CHECK_FALSE(report.contains("after"));
  if (expect.contains("after_nav")) CHECK(report["after"]["nav"] == expect["after_nav"]);
  if (report["verdict"] != "error") {
    // Summary counts agree with the findings listed.
    std::size_t errors = 0, warnings = 0;
    auto count = [&](const ordered_json& list) {
      for (const auto& f : list) (f["severity"] == "error" ? errors : warnings)++;
    };
    count(report["findings"]);
    for (const auto& s : report["stress"]) count(s["findings"]);
    CHECK(report["summary"]["errors"] == errors);
    CHECK(report["summary"]["warnings"] == warnings);
    CHECK((report["verdict"] == "fail") == (errors > 0));
  } else {
    CHECK_FALSE(report.contains("before"));
    CHECK(report["errors"].size() > 0);
  }
}

TEST_CASE("conformance corpus through the C++ JSON entry point", "[conformance]") {
  auto names = case_names();
  REQUIRE(names.size() >= 100);
  std::set<std::string> rules_failing, codes;
  for (const auto& name : names) {
    SECTION(name) {
      auto doc = ordered_json::parse(ballast_test::read_source_file(kCases + "/" + name + ".json"));
      std::string input = doc.contains("case_file")
                              ? ballast_test::read_source_file(kCases + "/" + doc["case_file"].get<std::string>())
                              : doc["case"].dump();
      std::string text = ballast::check_json(input);
      auto report = ordered_json::parse(text);
      INFO("case " << name << ": " << doc["description"].get<std::string>());
      check_expectations(doc["expect"], report);
      // The same input twice gives the same bytes.
      CHECK(ballast::check_json(input) == text);
    }
  }
}

TEST_CASE("the corpus covers every rule and every error code", "[conformance]") {
  std::set<std::string> rules, codes;
  for (const auto& name : case_names()) {
    auto doc = ordered_json::parse(ballast_test::read_source_file(kCases + "/" + name + ".json"));
    for (const auto& f : doc["expect"].value("findings", ordered_json::array())) rules.insert(f["rule"]);
    for (const auto& s : doc["expect"].value("stress", ordered_json::array()))
      for (const auto& f : s["findings"]) rules.insert(f["rule"]);
    for (const auto& e : doc["expect"].value("errors", ordered_json::array())) codes.insert(e["code"]);
  }
  // Every rule of the registry (stress through one of its stress.<rule> findings).
  for (const ballast::RuleSpec& spec : ballast::rule_registry()) {
    const std::string rule = std::string(spec.id) == "stress" ? "stress.limit.min" : spec.id;
    INFO(rule);
    CHECK(rules.count(rule) == 1);
  }
  for (const char* c :
       {"json.syntax", "json.duplicate_key", "kind.unknown", "kind.mismatch", "field.unknown", "field.missing",
        "type.mismatch", "type.amount", "type.decimal", "type.bps", "type.integer", "type.time", "type.id",
        "type.address", "type.selector", "value.range", "id.duplicate", "ref.unknown_asset", "ref.unknown_venue",
        "ref.unknown_liability", "ref.missing_obligation", "ref.not_in_venue", "ref.numeraire_mismatch",
        "arith.overflow", "limit.too_large"}) {
    INFO(c);
    CHECK(codes.count(c) == 1);
  }
}
