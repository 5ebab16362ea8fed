// Fuzz harness: the `case/1` JSON entry point. Any bytes must give a well-formed `report/1`
// (verdict pass, fail or error), the same bytes twice over, and never a crash, hang or leak.
// The single-document validator runs on the same input.
#include "ballast/ballast.h"
#include "fuzz_input.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string report = ballast::check_json(text);
  const auto parsed = nlohmann::json::parse(report, nullptr, false);
  BALLAST_FUZZ_CHECK(!parsed.is_discarded());
  BALLAST_FUZZ_CHECK(parsed.value("ballast", "") == "report/1");
  const std::string verdict = parsed.value("verdict", "");
  BALLAST_FUZZ_CHECK(verdict == "pass" || verdict == "fail" || verdict == "error");
  BALLAST_FUZZ_CHECK((verdict == "error") == !parsed["errors"].empty());
  BALLAST_FUZZ_CHECK(ballast::check_json(text) == report);

  const auto validation = nlohmann::json::parse(ballast::validate_json(text), nullptr, false);
  BALLAST_FUZZ_CHECK(!validation.is_discarded() && validation["valid"].is_boolean());
  return 0;
}
