// Venue simulation benchmarks (Google Benchmark): a Uniswap v3 swap crossing 1, 10 and 100
// initialized ticks, and a Curve get_dy on a 3-coin pool.
#include "ballast/venues.h"
#include "workload.h"

#include <benchmark/benchmark.h>

using namespace ballast;

namespace {

// The input that moves the price down across `n` initialized ticks (found once, outside timing).
Int amount_crossing(const UniswapV3Pool& base, int n) {
  Int lo = 1, hi = Int(1) << 100;
  while (hi - lo > 1) {
    Int mid = (lo + hi) / 2;
    UniswapV3Pool p = base;
    auto o = uniswap_v3::swap(p, true, mid);
    if (o.ok && p.tick > -60 * n - 1) lo = mid; else hi = mid;
  }
  return lo;
}

void BM_V3SwapCrossingTicks(benchmark::State& state) {
  const UniswapV3Pool base = workload::v3_ladder_pool();
  const Int amount = amount_crossing(base, static_cast<int>(state.range(0))) + 1;
  for (auto _ : state) {
    UniswapV3Pool p = base;
    auto o = uniswap_v3::swap(p, true, amount);
    benchmark::DoNotOptimize(o.amount1);
  }
}
BENCHMARK(BM_V3SwapCrossingTicks)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMicrosecond);

void BM_CurveGetDy(benchmark::State& state) {
  CurveStableSwapPool p;
  p.balances = {Int("61200000000000000000000000"), Int("50300000000000"), Int("39800000000000")};
  p.rates = {wad(), wad() * pow10(12), wad() * pow10(12)};
  p.amp_precise = 200000;
  p.fee = 1000000;
  p.admin_fee = Int("5000000000");
  const Int dx("1000000000000000000000000");
  for (auto _ : state) benchmark::DoNotOptimize(curve::get_dy(p, 0, 1, dx));
}
BENCHMARK(BM_CurveGetDy)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
