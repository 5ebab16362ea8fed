// Whole-case benchmarks (Google Benchmark) on fixed workloads: the bundled examples and the
// generated large treasury (bench/workload.h). For each: the JSON library alone parsing the text
// (nlohmann::json::parse, the yardstick), Ballast's parse and validation into the typed model,
// the evaluation of the parsed case, and the end-to-end check (text in, report text out). After
// the table, the targets of SPEC section 15 that these measure, as ratios of this run's times.
#include "ballast/ballast.h"
#include "workload.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
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

namespace {

// The console table as usual, and each benchmark's real time per iteration kept by name: the
// fastest of its repetitions when there are several (--benchmark_repetitions=N), the least
// disturbed by other load; with --benchmark_enable_random_interleaving=true the repetitions of the
// yardstick and of Ballast's benchmarks alternate, so that a burst of load hits both alike.
class Recorder : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> ns;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
      const double t = r.GetAdjustedRealTime() * 1e3;  // reported in µs
      auto [at, fresh] = ns.emplace(r.benchmark_name(), t);
      if (!fresh && t < at->second) at->second = t;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Recorder recorder;
  benchmark::RunSpecifiedBenchmarks(&recorder);
  const auto& t = recorder.ns;
  auto has = [&](const std::string& n) { return t.count(n) != 0; };
  if (!has("json_library_parse/large")) return 0;
  const double yard = t.at("json_library_parse/large");
  std::printf("\nSPEC 15 in this run (the large case; the JSON library parses its text in %.2f ms; the fastest of each "
              "benchmark's repetitions):\n",
              yard / 1e6);
  auto row = [&](const char* what, const std::string& name, const char* target) {
    if (has(name)) std::printf("  %-52s %6.2fx   target %s\n", what, t.at(name) / yard, target);
  };
  row("parse and validation / the JSON library's parse", "ballast_parse/large", "(none)");
  row("evaluation after parsing / the JSON library's parse", "ballast_evaluate/large", "<= 0.33x");
  row("end to end, text in, report out / that parse", "ballast_end_to_end/large", "<= 2x");
  std::printf("  (the plan: ballast_plan_bench; WebAssembly and the v3 SDK: node bench/wasm_node.mjs)\n");
  return 0;
}
