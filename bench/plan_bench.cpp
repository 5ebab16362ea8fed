// The planner's benchmark (SPEC 15, docs/planner.md), ratios measured in one run:
//   - plan time for 10 assets × 30 venues (bench/workload.h, plan_documents) and for the generated
//     large case's policy and treasury (its ETH-like tokens tripled, so that it needs a plan), against nlohmann::json parsing the large case's text (the
//     yardstick of SPEC 15);
//   - routing quality: on 1,000 random single-pair trades over 2–8 Uniswap v2 pools (0.1 % to 50 %
//     of the depth) and on every trade of the 10 × 30 plan's tranche 1, the output of the plan's
//     split against the best single venue and the best split on a 5 % grid (AlphaRouter's
//     granularity, found by dynamic programming over the venues): median, p99 and worst, in bps.
// Usage: ballast_plan_bench                 everything above
//        ballast_plan_bench write DIR       the 10 × 30 documents as DIR/plan-policy.json, DIR/plan-treasury.json
//        ballast_plan_bench time DIR [runs] median wall time of plan_json on them, in ns (for bench/plan_node.mjs)
#include "ballast/ballast.h"
#include "ballast/plan.h"
#include "workload.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace ballast;

namespace {

double median_ms(const std::function<void()>& fn, int runs) {
  std::vector<double> t;
  fn();  // warm up
  for (int i = 0; i < runs; ++i) {
    const auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::optional<Int> out_of(const Treasury& t, std::size_t v, std::size_t sell, const Int& amount) {
  if (amount == 0) return Int(0);
  VenueState s = t.venues[v].state;
  SwapRequest rq;
  rq.in = t.venues[v].tokens[0] == sell ? 0 : 1;
  rq.out = 1 - rq.in;
  rq.amount = amount;
  const SwapResult r = swap(s, rq);
  if (!r.ok) return std::nullopt;
  return r.amount_out;
}

// Best single venue and best 5 %-grid split of `amount` over `venues` (exact outputs).
std::pair<Int, Int> references(const Treasury& t, const std::vector<std::size_t>& venues, std::size_t sell, const Int& amount) {
  Int single = 0;
  std::vector<Int> best(21, Int(-1));
  best[0] = 0;
  for (std::size_t v : venues) {
    std::vector<Int> out(21, Int(-1));
    for (int k = 0; k <= 20; ++k)
      if (auto o = out_of(t, v, sell, amount * k / 20)) out[static_cast<std::size_t>(k)] = *o;
    if (out[20] > single) single = out[20];
    std::vector<Int> next = best;
    for (std::size_t j = 0; j <= 20; ++j)
      for (std::size_t k = 1; k <= j; ++k)
        if (best[j - k] >= 0 && out[k] >= 0) next[j] = std::max(next[j], best[j - k] + out[k]);
    best = std::move(next);
  }
  return {single, best[20]};
}

struct Gains {
  std::vector<double> single, grid;  // bps of the plan's output
  void add(const Int& plan, const Int& single_out, const Int& grid_out) {
    auto bps = [&](const Int& ref) { return static_cast<double>(Int((plan - ref) * 1000000 / plan)) / 100.0; };
    single.push_back(bps(single_out));
    grid.push_back(bps(grid_out));
  }
  static std::string line(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    char buf[160];
    std::snprintf(buf, sizeof buf, "median %+.2f bps, p99 %+.2f bps, min %+.2f bps, max %+.2f bps", v[v.size() / 2],
                  v[v.size() * 99 / 100], v.front(), v.back());
    return buf;
  }
};

Treasury random_pair(std::mt19937_64& g, std::vector<std::size_t>& venues, Int& amount) {
  Treasury t = workload::two_asset_treasury();
  const int n = 2 + static_cast<int>(g() % 7);
  Int depth = 0;
  for (int k = 0; k < n; ++k) {
    const Int x = pow10(18 + static_cast<unsigned>(1 + g() % 4)) * (100 + g() % 900) / 100;
    const Int y = x * (2910 + g() % 180) * pow10(6) / pow10(18);
    const long long fees[] = {5, 30, 100};
    Venue v;
    v.id = "v" + std::to_string(k);
    v.kind = "uniswap_v2";
    v.tokens = {0, 1};
    v.state = UniswapV2Pool{x, y, fees[g() % 3]};
    t.venues.push_back(v);
    venues.push_back(static_cast<std::size_t>(k));
    depth += x;
  }
  amount = depth * (1 + g() % 500) / 1000;
  return t;
}

// The large case's policy and treasury with every ETH-like token tripled: its targets out of their
// bands, so that it needs a plan.
workload::PlanDocuments large_plan_documents(const std::string& large) {
  auto lc = nlohmann::json::parse(large);
  for (auto& a : lc["treasury"]["assets"])
    if (a["tags"][0] == "eth") a["balance"] = to_string(Int(a["balance"].get<std::string>()) * 3);
  return {lc["policy"].dump(), lc["treasury"].dump()};
}

int run_all() {
  const std::string large = workload::case_json(workload::large());
  volatile bool parsed_object = false;  // keeps the parse from being optimised away
  const double yard = median_ms([&] { parsed_object = nlohmann::json::parse(large).is_object(); }, 20);
  const workload::PlanDocuments docs = workload::plan_documents();
  const Parsed<Case> small = parse_status_documents(docs.policy, docs.treasury);
  const workload::PlanDocuments tripled = large_plan_documents(large);
  const Parsed<Case> big = parse_status_documents(tripled.policy, tripled.treasury);
  if (!small.value || !big.value) {
    std::fprintf(stderr, "the benchmark documents do not parse\n");
    return 2;
  }
  Plan p10;
  const double plan10 = median_ms([&] { p10 = make_plan(small.value->policy, small.value->treasury, {}); }, 20);
  const double plan10_e2e = median_ms([&] { (void)plan_json(docs.policy, docs.treasury, {}); }, 20);
  Plan pl;
  const double plan_large = median_ms([&] { pl = make_plan(big.value->policy, big.value->treasury, {}); }, 5);
  std::printf("JSON library parses the large case (yardstick):        %8.2f ms\n", yard);
  std::printf("plan, 10 assets x 30 venues (parsed documents):         %8.2f ms  = %.2fx the yardstick (%s, %zu tranches)\n",
              plan10, plan10 / yard, plan_status_name(p10.status), p10.tranches.size());
  std::printf("plan, 10 assets x 30 venues, text in, plan/1 out:       %8.2f ms  = %.2fx\n", plan10_e2e, plan10_e2e / yard);
  std::printf("plan, the large case, ETH tripled (1,000 assets, 70 venues): %6.2f ms  = %.2fx (%s, %zu tranches)\n", plan_large,
              plan_large / yard, plan_status_name(pl.status), pl.tranches.size());

  // Routing quality on random single-pair trades.
  std::mt19937_64 g(15);
  Gains random;
  for (int i = 0; i < 1000; ++i) {
    std::vector<std::size_t> venues;
    Int amount;
    const Treasury t = random_pair(g, venues, amount);
    std::vector<Candidate> c;
    for (std::size_t v : venues) c.push_back({v, amount});
    const Split s = split_trade(t, MarketState::of(t), 0, 1, amount, c);
    const auto [single, grid] = references(t, venues, 0, amount);
    random.add(s.amount_out, single, grid);
  }
  std::printf("\nrouting, 1,000 random trades over 2-8 Uniswap v2 pools (0.1 %% to 50 %% of depth), the plan's output above:\n");
  std::printf("  the best single venue: %s\n", Gains::line(random.single).c_str());
  std::printf("  the best 5 %% grid split: %s\n", Gains::line(random.grid).c_str());
  // The 10 x 30 plan's tranche 1: each trade against the same references over its venues.
  const Treasury& t = small.value->treasury;
  // The pools tranche 1's routes move are not the splits' to use (one swap per pool and direction).
  std::vector<std::size_t> routed;
  if (!p10.tranches.empty())
    for (const Action& a : p10.tranches.front().proposal.actions)
      if (a.swap() && !a.swap()->route.empty()) routed.insert(routed.end(), a.swap()->route.begin(), a.swap()->route.end());
  Gains tranche;
  for (const Routing& r : p10.routing) {
    Int amount = 0, out = 0;
    for (const SplitLeg& l : r.venues) amount += l.amount_in, out += l.amount_out;
    std::vector<std::size_t> venues;
    for (std::size_t v = 0; v < t.venues.size(); ++v) {
      const auto& tk = t.venues[v].tokens;
      if (std::find(routed.begin(), routed.end(), v) != routed.end()) continue;
      if (tk.size() == 2 && ((tk[0] == r.sell && tk[1] == r.buy) || (tk[1] == r.sell && tk[0] == r.buy))) venues.push_back(v);
    }
    const auto [single, grid] = references(t, venues, r.sell, amount);
    tranche.add(out, single, grid);
  }
  if (!tranche.single.empty()) {
    std::printf("routing, the %zu trades of the 10 x 30 plan's tranche 1 (the same pools, no caps applied to the references):\n",
                tranche.single.size());
    std::printf("  the best single venue: %s\n", Gains::line(tranche.single).c_str());
    std::printf("  the best 5 %% grid split: %s\n", Gains::line(tranche.grid).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 1) return run_all();
  const std::string cmd = argv[1];
  if (argc >= 3 && cmd == "write") {  // plan-*.json: 10 assets x 30 venues; large-*.json: the large case tripled
    const workload::PlanDocuments d = workload::plan_documents();
    std::ofstream(std::string(argv[2]) + "/plan-policy.json") << d.policy;
    std::ofstream(std::string(argv[2]) + "/plan-treasury.json") << d.treasury;
    const workload::PlanDocuments l = large_plan_documents(workload::case_json(workload::large()));
    std::ofstream(std::string(argv[2]) + "/large-policy.json") << l.policy;
    std::ofstream(std::string(argv[2]) + "/large-treasury.json") << l.treasury;
    return 0;
  }
  if (argc >= 3 && cmd == "time") {
    const std::string name = argc >= 5 ? argv[4] : "plan";
    const auto policy = workload::read_file(std::string(argv[2]) + "/" + name + "-policy.json");
    const auto treasury = workload::read_file(std::string(argv[2]) + "/" + name + "-treasury.json");
    if (!policy || !treasury) return 2;
    const int runs = argc >= 4 ? std::atoi(argv[3]) : 20;
    std::printf("%.0f\n", median_ms([&] { (void)plan_json(*policy, *treasury, {}); }, runs) * 1e6);
    return 0;
  }
  std::fprintf(stderr, "usage: ballast_plan_bench [write DIR | time DIR [runs [plan|large]]]\n");
  return 64;
}
