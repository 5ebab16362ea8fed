// Whole-case benchmarks (Google Benchmark) on fixed workloads: the bundled examples and the
// generated large treasury (bench/workload.h). For each: the JSON library alone parsing the text
// (nlohmann::json::parse, the yardstick), Ballast's parse and validation into the typed model,
// the evaluation of the parsed case, and the end-to-end check (text in, report text out).
#include "ballast/ballast.h"
#include "workload.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace ballast;

namespace {

// An example's violating proposal as one case document.
std::string example_case(const std::string& name) {
  const std::string dir = std::string(BALLAST_SOURCE_DIR) + "/examples/" + name + "/";
  nlohmann::ordered_json c{{"ballast", "case/1"},
                           {"policy", nlohmann::ordered_json::parse(*workload::read_file(dir + "policy.json"))},
                           {"treasury", nlohmann::ordered_json::parse(*workload::read_file(dir + "treasury.json"))},
                           {"proposal", nlohmann::ordered_json::parse(*workload::read_file(dir + "proposal-violating.json"))}};
  return c.dump();
}

void bm_json_library(benchmark::State& state, const std::string* text) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(*text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}

void bm_parse(benchmark::State& state, const std::string* text) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_case(*text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}

void bm_evaluate(benchmark::State& state, const std::string* text) {
  const Parsed<Case> parsed = parse_case(*text);
  if (!parsed.value) {
    state.SkipWithError("the workload does not parse");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(evaluate(*parsed.value));
}

void bm_end_to_end(benchmark::State& state, const std::string* text) {
  for (auto _ : state) benchmark::DoNotOptimize(check_json(*text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}

// The workloads live for the whole run; registered by name.
std::vector<std::pair<std::string, std::string>>& workloads() {
  static std::vector<std::pair<std::string, std::string>> w = [] {
    std::vector<std::pair<std::string, std::string>> v;
    for (const char* ex : {"endowment", "grants-dao", "stablecoin-issuer"}) v.emplace_back(ex, example_case(ex));
    v.emplace_back("large", workload::case_json(workload::large()));
    return v;
  }();
  return w;
}

const bool registered = [] {
  for (const auto& [name, text] : workloads()) {
    const std::string* t = &text;
    benchmark::RegisterBenchmark(("json_library_parse/" + name).c_str(), bm_json_library, t)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("ballast_parse/" + name).c_str(), bm_parse, t)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("ballast_evaluate/" + name).c_str(), bm_evaluate, t)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("ballast_end_to_end/" + name).c_str(), bm_end_to_end, t)->Unit(benchmark::kMicrosecond);
  }
  return true;
}();

}  // namespace
