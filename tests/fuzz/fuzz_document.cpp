// Fuzz harness for one document parser: the input takes the place of the policy, the treasury or
// the proposal (BALLAST_FUZZ_SLOT 0, 1, 2) next to the other two documents of the endowment
// example, so that the parser and its cross-document checks both see it. Any bytes must give a
// well-formed report, the same bytes twice over, and never a crash; with the input as the treasury
// or the proposal, an export is JSON either way and what it writes imports again.
#include "ballast/ballast.h"
#include "fuzz_input.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#ifndef BALLAST_FUZZ_SLOT
#error "BALLAST_FUZZ_SLOT must be 0 (policy), 1 (treasury) or 2 (proposal)"
#endif

namespace {

std::string read_example(const char* name) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/examples/endowment/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (ss.str().empty()) ballast::fuzz::fail("the endowment example is missing");
  return ss.str();
}

const std::string& compliant_proposal() {
  static const std::string text = read_example("proposal-compliant.json");
  return text;
}

const std::array<std::string, 3>& documents() {
  static const std::array<std::string, 3> docs{read_example("policy.json"), read_example("treasury.json"),
                                               read_example("proposal-violating.json")};
  return docs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::array<std::string_view, 3> docs{documents()[0], documents()[1], documents()[2]};
  docs[BALLAST_FUZZ_SLOT] = std::string_view(reinterpret_cast<const char*>(data), size);
  const std::string report = ballast::check_documents_json(docs[0], docs[1], docs[2]);
  const auto parsed = nlohmann::json::parse(report, nullptr, false);
  BALLAST_FUZZ_CHECK(!parsed.is_discarded());
  BALLAST_FUZZ_CHECK(parsed.value("ballast", "") == "report/1");
  const std::string verdict = parsed.value("verdict", "");
  BALLAST_FUZZ_CHECK((verdict == "error") == !parsed["errors"].empty());
  BALLAST_FUZZ_CHECK(ballast::check_documents_json(docs[0], docs[1], docs[2]) == report);
  BALLAST_FUZZ_CHECK(ballast::check_prepared_json(ballast::prepare_documents(docs[0], docs[1]), docs[2]) == report);
  if (BALLAST_FUZZ_SLOT != 2) {
    const auto status = nlohmann::json::parse(ballast::status_json(docs[0], docs[1]), nullptr, false);
    BALLAST_FUZZ_CHECK(!status.is_discarded() && status.value("ballast", "") == "report/1");
    // The planner on one input in eight (a plan checks every tranche: it costs tens of checks):
    // plan/1 or the input errors, and every tranche passing a check of its own.
    if (size % 8 == 0) {
      std::string plan_status;
      const auto plan = nlohmann::json::parse(ballast::plan_json(docs[0], docs[1], {}, &plan_status), nullptr, false);
      BALLAST_FUZZ_CHECK(!plan.is_discarded());
      BALLAST_FUZZ_CHECK((plan_status == "error") == (plan.value("ballast", "") != "plan/1"));
      if (plan_status != "error" && !plan["tranches"].empty()) {
        const auto first = nlohmann::json::parse(
            ballast::check_documents_json(docs[0], docs[1], plan["tranches"][0]["proposal"].dump()), nullptr, false);
        BALLAST_FUZZ_CHECK(first.value("verdict", "") == "pass");
      }
    }
  }
  if (BALLAST_FUZZ_SLOT != 0) {
    // Export: JSON either way, and what it writes imports again against the same treasury.
    const std::string_view proposal = BALLAST_FUZZ_SLOT == 2 ? docs[2] : std::string_view(compliant_proposal());
    bool exported_ok = false;
    const std::string exported = ballast::export_calls_json(docs[1], proposal, "calls", 72, &exported_ok);
    BALLAST_FUZZ_CHECK(!nlohmann::json::parse(exported, nullptr, false).is_discarded());
    if (exported_ok) {
      bool imported_ok = false;
      ballast::import_calls_json(exported, docs[1], "json", &imported_ok);
      BALLAST_FUZZ_CHECK(imported_ok);
    }
  }
  const auto validation = nlohmann::json::parse(ballast::validate_json(docs[BALLAST_FUZZ_SLOT]), nullptr, false);
  BALLAST_FUZZ_CHECK(!validation.is_discarded() && validation["valid"].is_boolean());
  return 0;
}
