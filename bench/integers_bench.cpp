// The integer types measured against each other, natively and in WebAssembly (the same source;
// `node build-wasm/ballast_integers_bench.cjs`), in one run so that the ratios hold:
//   - FullMath.mulDiv, floor(a·b/d), on values shaped like a v3 swap step's (a = liquidity·2^96,
//     b = a price difference, d = a sqrt price) and on 64-bit values: the 1,024-bit Int the core
//     used, Boost.Multiprecision's fixed uint256_t/uint512_t, and the core's U256/U512;
//   - a Uniswap v3 swap crossing 10 initialized ticks: the 1,024-bit oracle (tests/oracle) and the
//     core.
// A plain program (steady_clock, median of 7 rounds) so that Emscripten builds it as it is.
#include "ballast/venues.h"
#include "workload.h"
#include "ballast/wide.h"
#include "uniswap_v3_int1024.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using namespace ballast;
namespace mp = boost::multiprecision;

namespace {

// Median nanoseconds per call of fn(i) over `count` calls, 7 rounds.
double ns_per_op(std::size_t count, const std::function<void(std::size_t)>& fn) {
  std::vector<double> rounds;
  for (int r = 0; r < 8; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) fn(i);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    if (r > 0) rounds.push_back(ns / static_cast<double>(count));  // the first warms up
  }
  std::sort(rounds.begin(), rounds.end());
  return rounds[rounds.size() / 2];
}

struct Triple {
  Int a, b, d;
};

std::vector<Triple> triples(bool v3_shaped) {
  std::mt19937_64 rng(v3_shaped ? 96 : 64);
  auto bits = [&](unsigned n) {
    Int v = 0;
    for (unsigned k = 0; k < n; k += 64) v = (v << 64) | Int(rng());
    return Int(v & ((Int(1) << n) - 1)) | (Int(1) << (n - 1));
  };
  std::vector<Triple> out;
  for (int k = 0; k < 1024; ++k) {
    if (v3_shaped)
      out.push_back({bits(100 + static_cast<unsigned>(rng() % 60)) << 96, bits(60 + static_cast<unsigned>(rng() % 40)),
                     bits(80 + static_cast<unsigned>(rng() % 80))});
    else
      out.push_back({bits(63), bits(63), bits(40)});
  }
  return out;
}

volatile std::uint64_t sink;

void mul_div_row(const char* label, bool v3_shaped) {
  const std::vector<Triple> t = triples(v3_shaped);
  std::vector<mp::uint256_t> ba, bb, bd;
  std::vector<U256> wa, wb, wd;
  for (const auto& x : t) {
    ba.emplace_back(x.a);
    bb.emplace_back(x.b);
    bd.emplace_back(x.d);
    wa.push_back(*to_wide<4>(x.a));
    wb.push_back(*to_wide<4>(x.b));
    wd.push_back(*to_wide<4>(x.d));
  }
  const std::size_t n = t.size();
  const double big = ns_per_op(n, [&](std::size_t i) {
    const Int q = t[i].a * t[i].b / t[i].d;
    sink = static_cast<std::uint64_t>(q & 0xffff);
  });
  const double boost_fixed = ns_per_op(n, [&](std::size_t i) {
    const mp::uint512_t q = mp::uint512_t(ba[i]) * bb[i] / bd[i];
    sink = static_cast<std::uint64_t>(q & 0xffff);
  });
  const double wide = ns_per_op(n, [&](std::size_t i) {
    U512 q;
    divmod(mul_full(wa[i], wb[i]), wd[i], &q, static_cast<U256*>(nullptr));
    sink = q.w[0];
  });
  // The three agree (a benchmark of wrong answers would be worthless).
  for (std::size_t i = 0; i < n; ++i) {
    U512 q;
    divmod(mul_full(wa[i], wb[i]), wd[i], &q, static_cast<U256*>(nullptr));
    const Int expected = t[i].a * t[i].b / t[i].d;
    if (to_int(q) != expected || Int(mp::uint512_t(ba[i]) * bb[i] / bd[i]) != expected) {
      std::printf("MISMATCH at %zu\n", i);
      return;
    }
  }
  std::printf("  %-34s %9.1f ns %9.1f ns %9.1f ns   %5.1fx  %5.1fx\n", label, big, boost_fixed, wide, big / wide,
              boost_fixed / wide);
}

}  // namespace

int main() {
#if defined(__EMSCRIPTEN__)
  std::printf("WebAssembly (Emscripten, Node)\n");
#else
  std::printf("native\n");
#endif
  std::printf("  mulDiv(a, b, d)                    Int 1024-bit  Boost u256/512  U256/U512   vs Int  vs Boost\n");
  mul_div_row("v3 step shapes (a~2^250, d~2^120)", true);
  mul_div_row("64-bit values", false);

  const UniswapV3Pool base = workload::v3_ladder_pool();
  const Int amount("30000000000000000000");  // crosses 10 initialized ticks
  UniswapV3Pool check_core = base, check_oracle = base;
  const auto c = uniswap_v3::swap(check_core, true, amount);
  const auto o = oracle::v3::swap(check_oracle, true, amount);
  if (!c.ok || c.amount1 != o.amount1 || check_core.tick > -600 || check_core.tick <= -660) {
    std::printf("MISMATCH or wrong crossing count (tick %d)\n", check_core.tick);
    return 1;
  }
  const double oracle_ns = ns_per_op(200, [&](std::size_t) {
    UniswapV3Pool p = base;
    sink = oracle::v3::swap(p, true, amount).ok;
  });
  const double core_ns = ns_per_op(200, [&](std::size_t) {
    UniswapV3Pool p = base;
    sink = uniswap_v3::swap(p, true, amount).ok;
  });
  std::printf("  v3 swap crossing 10 ticks           oracle %7.2f us   core %7.2f us   %5.1fx\n", oracle_ns / 1000,
              core_ns / 1000, oracle_ns / core_ns);
  return 0;
}
