// ballast-workload: writes a generated case, or measures one check of a case file natively.
//   ballast-workload emit large|pathological          the case/1 JSON on stdout
//   ballast-workload time FILE [runs]                 fastest wall time of check_json over the runs, in ns
//   ballast-workload peak FILE                        peak resident memory of one check
// `time` prints one number so that other harnesses (bench/wasm_node.mjs) can compare runtimes
// in the same run.
#include "ballast/ballast.h"
#include "workload.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::string read_file(const char* path) {
  auto text = ballast::workload::read_file(path);
  if (!text) {
    std::fprintf(stderr, "ballast-workload: cannot read %s\n", path);
    std::exit(2);
  }
  return *text;
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int usage() {
  std::fprintf(stderr, "usage: ballast-workload emit large|pathological | time FILE [runs] | peak FILE\n");
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string cmd = argv[1];
  if (cmd == "emit") {
    const std::string shape = argv[2];
    if (shape != "large" && shape != "pathological") return usage();
    std::cout << ballast::workload::case_json(shape == "large" ? ballast::workload::large()
                                                               : ballast::workload::pathological());
    return 0;
  }
  const std::string text = read_file(argv[2]);
  if (cmd == "time") {
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 50;
    std::vector<long long> ns;
    std::size_t sink = 0;
    for (int i = 0; i < runs; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      sink += ballast::check_json(text).size();
      ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
    }
    // The fastest run: a shared machine's other load only ever slows a run down.
    std::printf("%lld\n", *std::min_element(ns.begin(), ns.end()));
    return sink == 0;
  }
  if (cmd == "peak") {
    const long before = max_rss_kib();
    const std::string report = ballast::check_json(text);
    const long after = max_rss_kib();
    std::printf("input %zu bytes, report %zu bytes, peak RSS %ld KiB (%ld KiB above the input's)\n", text.size(),
                report.size(), after, after - before);
    return 0;
  }
  return usage();
}
