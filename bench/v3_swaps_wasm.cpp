// A benchmark-only WebAssembly module: the core's Uniswap v3 swap simulation, callable from Node
// on a pool given as JSON (the treasury's uniswap_v3 venue fields), so that bench/wasm_node.mjs
// can time it against @uniswap/v3-sdk in the same process. Not part of the npm package.
#include "ballast/venues.h"

#include <emscripten/bind.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ballast;

UniswapV3Pool pool_from(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  UniswapV3Pool p;
  p.fee_pips = j.at("fee_pips").get<long long>();
  p.tick_spacing = j.at("tick_spacing").get<int>();
  p.sqrt_price_x96 = Int(j.at("sqrt_price_x96").get<std::string>());
  p.tick = j.at("tick").get<int>();
  p.liquidity = Int(j.at("liquidity").get<std::string>());
  auto ticks = std::make_shared<std::vector<V3Tick>>();
  for (const auto& t : j.at("ticks")) ticks->push_back(V3Tick{t.at("index").get<int>(), Int(t.at("liquidity_net").get<std::string>())});
  p.ticks = ticks;
  return p;
}

// Exact-input swaps of each amount (comma-separated) on a fresh copy of the pool, `repeat` times
// over; returns the outputs of the last pass, comma-separated ("x" for a failed swap). Only the
// swaps are repeated: the outputs are written in decimal once, after the passes (the SDK's side
// of the comparison does not format its amounts either).
std::string swap_all(const std::string& pool_json, const std::string& amounts_csv, bool zero_for_one, int repeat) {
  const UniswapV3Pool pool = pool_from(pool_json);
  std::vector<Int> amounts;
  std::stringstream ss(amounts_csv);
  for (std::string a; std::getline(ss, a, ',');) amounts.emplace_back(a);
  std::vector<std::optional<Int>> outputs(amounts.size());
  for (int r = 0; r < repeat; ++r)
    for (std::size_t k = 0; k < amounts.size(); ++k) {
      VenueState state = pool;
      const SwapResult res = swap(state, SwapRequest{zero_for_one ? 0u : 1u, zero_for_one ? 1u : 0u, true, amounts[k], std::nullopt});
      outputs[k] = res.ok ? std::optional<Int>(res.amount_out) : std::nullopt;
    }
  std::string out;
  for (const auto& o : outputs) {
    if (!out.empty()) out += ',';
    out += o ? to_string(*o) : std::string("x");
  }
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(ballast_bench) { emscripten::function("v3SwapAll", &swap_all); }
