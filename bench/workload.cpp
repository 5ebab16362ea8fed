#include "workload.h"

#include "ballast/numeric.h"
#include "ballast/venues.h"

#include <boost/multiprecision/cpp_int.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <memory>
#include <vector>

namespace ballast::workload {

namespace {

using json = nlohmann::ordered_json;

// Asset classes by index: stablecoins, ETH-like tokens, other tokens.
enum class Class { Stable, Eth, Other };

Class class_of(std::size_t i) {
  const std::size_t r = i % 10;
  return r < 3 ? Class::Stable : r < 6 ? Class::Eth : Class::Other;
}

std::string asset_id(std::size_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "A%05zu", i);
  return buf;
}

std::string hex_address(std::size_t seed) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "0x%040zx", seed * 2654435761u + 1);
  return buf;
}

struct GenAsset {
  std::string id;
  unsigned decimals;
  std::string price;  // decimal text
  Int price_wad;
  Class cls;
};

GenAsset make_asset(std::size_t i) {
  GenAsset a;
  a.id = asset_id(i);
  a.cls = class_of(i);
  switch (a.cls) {
    case Class::Stable:
      a.decimals = i % 2 ? 6 : 18;
      a.price = i % 7 == 0 ? "0.9998" : "1.0000";
      break;
    case Class::Eth:
      a.decimals = 18;
      a.price = std::to_string(3000 + (i % 13) * 25) + ".50";
      break;
    case Class::Other:
      a.decimals = i % 3 ? 18 : 8;
      a.price = std::to_string(2 + (i % 17)) + "." + std::to_string(10 + i % 89);
      break;
  }
  a.price_wad = *parse_decimal(a.price, false);
  return a;
}

// Raw units of `a` worth `usd` (whole numeraire units) at its oracle price.
Int units_worth(const GenAsset& a, long long usd) {
  return Int(usd) * wad() * pow10(a.decimals) / a.price_wad;
}

// Indices of the assets of one class, in order.
std::vector<std::size_t> of_class(const std::vector<GenAsset>& assets, Class c) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < assets.size(); ++i)
    if (assets[i].cls == c) out.push_back(i);
  return out;
}

struct GenVenue {
  std::string id;
  std::vector<std::size_t> tokens;
  VenueState state;
};

const char* const kRecipients[] = {"0x1111111111111111111111111111111111111111",
                                   "0x2222222222222222222222222222222222222222"};

}  // namespace

Shape large() { return Shape{}; }

Shape pathological() {
  Shape s;
  s.assets = 10000;
  s.actions = 1000;
  s.v2_pools = 600;
  s.v3_pools = 6;
  s.curve_pools = 394;
  s.ticks_per_pool = 20000;
  s.limits = 1000;
  s.stress = 100;
  s.history = 1000;
  return s;
}

std::string case_json(const Shape& shape) {
  std::vector<GenAsset> assets;
  assets.reserve(shape.assets);
  for (std::size_t i = 0; i < shape.assets; ++i) assets.push_back(make_asset(i));
  const auto stables = of_class(assets, Class::Stable);
  const auto eths = of_class(assets, Class::Eth);
  const auto others = of_class(assets, Class::Other);

  // Each asset's treasury balance: $10M of every stablecoin, $3M of every other token.
  json jassets = json::array();
  std::vector<Int> balances;  // followed through the actions, so that every action can execute
  for (std::size_t i = 0; i < assets.size(); ++i) {
    const GenAsset& a = assets[i];
    const long long usd = a.cls == Class::Stable ? 10000000 : 3000000;
    balances.push_back(units_worth(a, usd));
    json tags = json::array();
    tags.push_back(a.cls == Class::Stable ? "stable" : a.cls == Class::Eth ? "eth" : "other");
    tags.push_back("protocol:p" + std::to_string(i % 90));
    tags.push_back(i % 4 == 3 ? "tier:moderate" : "tier:low");
    if (a.cls == Class::Stable) tags.push_back(i % 2 ? "issuer:circle" : "issuer:maker");
    jassets.push_back(json{{"id", a.id},
                           {"chain", "ethereum"},
                           {"address", hex_address(i)},
                           {"decimals", a.decimals},
                           {"balance", to_string(balances.back())},
                           {"price", a.price},
                           {"tags", tags}});
  }

  // Venues: v2 and v3 pools pair an ETH token with a stablecoin or another token; Curve pools
  // hold three stablecoins. Reserves are consistent with the oracle prices.
  std::vector<GenVenue> venues;
  json jvenues = json::array();
  for (std::size_t k = 0; k < shape.v2_pools; ++k) {
    const std::size_t t0 = stables[k % stables.size()], t1 = eths[(k * 7) % eths.size()];
    UniswapV2Pool p;
    p.reserve0 = units_worth(assets[t0], 20000000);
    p.reserve1 = units_worth(assets[t1], 20000000);
    p.fee_bps = 30;
    char id[32];
    std::snprintf(id, sizeof id, "v2-%04zu", k);
    venues.push_back({id, {t0, t1}, p});
    jvenues.push_back(json{{"id", id}, {"kind", "uniswap_v2"}, {"token0", assets[t0].id},
                           {"token1", assets[t1].id}, {"reserve0", to_string(p.reserve0)},
                           {"reserve1", to_string(p.reserve1)}, {"fee_bps", 30}});
  }
  for (std::size_t k = 0; k < shape.v3_pools; ++k) {
    const std::size_t t0 = stables[(k * 3 + 1) % stables.size()];
    const std::size_t t1 = k % 2 ? others[(k * 5) % others.size()] : eths[(k * 11 + 3) % eths.size()];
    const GenAsset &a0 = assets[t0], &a1 = assets[t1];
    UniswapV3Pool p;
    p.fee_pips = 3000;
    p.tick_spacing = 60;
    // price (token1 raw per token0 raw) = (P0 / 10^d0) / (P1 / 10^d1)
    const Int num = a0.price_wad * pow10(a1.decimals), den = a1.price_wad * pow10(a0.decimals);
    p.sqrt_price_x96 = Int(boost::multiprecision::sqrt((num << 192) / den));
    p.tick = uniswap_v3::tick_at_sqrt_ratio(p.sqrt_price_x96);
    // Active liquidity worth about $20M of token0 as virtual reserve; inner ticks each remove
    // an equal share going away from the price, and a full-range position keeps a base.
    const Int reserve0 = units_worth(a0, 20000000);
    const Int active = reserve0 * p.sqrt_price_x96 >> 96;
    const std::size_t inner = shape.ticks_per_pool >= 2 ? (shape.ticks_per_pool - 2) / 2 : 0;
    const Int step = inner ? active / (2 * Int(inner)) : Int(0);
    const Int base = active - step * Int(inner);
    p.liquidity = active;
    const int spacing = p.tick_spacing;
    const int centre = (p.tick >= 0 ? p.tick / spacing : -((-p.tick + spacing - 1) / spacing)) * spacing;
    auto ticks = std::make_shared<std::vector<V3Tick>>();
    const int min_usable = (uniswap_v3::kMinTick / spacing) * spacing;
    const int max_usable = (uniswap_v3::kMaxTick / spacing) * spacing;
    ticks->push_back(V3Tick{min_usable, base});
    for (std::size_t j = inner; j >= 1; --j) ticks->push_back(V3Tick{centre - spacing * int(j), step});
    for (std::size_t j = 1; j <= inner; ++j) ticks->push_back(V3Tick{centre + spacing * int(j), -step});
    ticks->push_back(V3Tick{max_usable, -base});
    json jticks = json::array();
    for (const V3Tick& t : *ticks) jticks.push_back(json{{"index", t.index}, {"liquidity_net", to_string(t.liquidity_net)}});
    p.ticks = ticks;
    char id[32];
    std::snprintf(id, sizeof id, "v3-%04zu", k);
    jvenues.push_back(json{{"id", id}, {"kind", "uniswap_v3"}, {"token0", a0.id}, {"token1", a1.id},
                           {"fee_pips", 3000}, {"tick_spacing", spacing},
                           {"sqrt_price_x96", to_string(p.sqrt_price_x96)}, {"tick", p.tick},
                           {"liquidity", to_string(p.liquidity)}, {"ticks", jticks}});
    venues.push_back({id, {t0, t1}, p});
  }
  for (std::size_t k = 0; k < shape.curve_pools; ++k) {
    std::vector<std::size_t> coins;
    for (std::size_t c = 0; c < 3; ++c) coins.push_back(stables[(k * 3 + c) % stables.size()]);
    CurveStableSwapPool p;
    json jcoins = json::array(), jbalances = json::array();
    for (std::size_t c : coins) {
      p.balances.push_back(units_worth(assets[c], 30000000));
      p.rates.push_back(wad() * pow10(18 - assets[c].decimals));
      jcoins.push_back(assets[c].id);
      jbalances.push_back(to_string(p.balances.back()));
    }
    p.amp_precise = 2000 * curve::kAPrecision;
    p.fee = 1000000;
    p.admin_fee = Int("5000000000");
    char id[32];
    std::snprintf(id, sizeof id, "curve-%04zu", k);
    jvenues.push_back(json{{"id", id}, {"kind", "curve_stableswap"}, {"coins", jcoins}, {"balances", jbalances},
                           {"amp", 2000}, {"fee", "1000000"}, {"admin_fee", "5000000000"}});
    venues.push_back({id, coins, p});
  }

  json history = json::array();
  for (std::size_t h = 0; h < shape.history; ++h) {
    char at[32];
    std::snprintf(at, sizeof at, "2026-11-%02zuT%02zu:00:00Z", 1 + h % 19, h % 24);
    json e{{"at", at}, {"kind", h % 5 ? "swap" : "transfer"}, {"value", std::to_string(50000 + h * 10)}};
    if (h % 5) e["loss"] = std::to_string(h % 3 ? 40 : -15);
    history.push_back(e);
  }
  const json treasury{{"ballast", "treasury/1"},
                      {"as_of", "2026-11-20T00:00:00Z"},
                      {"numeraire", "USD"},
                      {"assets", jassets},
                      {"venues", jvenues},
                      {"obligations", {{"monthly_opex", "2500000"}}},
                      {"history", history}};

  // Proposal: swaps rotating over the venues (v2, v3, Curve in turn), a transfer every 25th
  // action, an exact-output swap every 20th; bounds from the exact simulation.
  json actions = json::array();
  const std::size_t kinds[] = {0, shape.v2_pools, shape.v2_pools + shape.v3_pools};
  const std::size_t counts[] = {shape.v2_pools, shape.v3_pools, shape.curve_pools};
  std::size_t turn = 0;
  for (std::size_t n = 0; n < shape.actions; ++n) {
    if (n % 25 == 24 || venues.empty()) {
      const std::size_t t = stables[n % stables.size()];
      const Int amount = std::min(units_worth(assets[t], 100000), balances[t] / 4);
      balances[t] -= amount;
      actions.push_back(json{{"type", "transfer"}, {"asset", assets[t].id}, {"amount", to_string(amount)},
                             {"to", kRecipients[n % 2]}});
      continue;
    }
    std::size_t kind = turn % 3;
    while (counts[kind] == 0) kind = (kind + 1) % 3;
    GenVenue& v = venues[kinds[kind] + (turn / 3) % counts[kind]];
    ++turn;
    SwapRequest req;
    // Mostly selling the stablecoin (token0) toward the targets; every fourth swap the other way.
    req.in = n % 4 == 3 ? 1 : 0;
    req.out = 1 - req.in;
    if (kind == 2) req.out = 2 - (n % 3 == 2);  // Curve: coin 0 or 1 into coin 1 or 2
    if (req.out == req.in) req.out = (req.in + 1) % v.tokens.size();
    const GenAsset& sell = assets[v.tokens[req.in]];
    const GenAsset& buy = assets[v.tokens[req.out]];
    const bool oversized = shape.oversized_every && n % shape.oversized_every == shape.oversized_every - 1;
    const long long usd = oversized ? 2000000 : 20000 + static_cast<long long>(n % 7) * 5000;
    req.exact_in = n % 20 != 19 || oversized;  // oversized swaps are exact input, within the balance
    req.amount = req.exact_in ? units_worth(sell, usd) : units_worth(buy, usd);
    json action{{"type", "swap"}, {"venue", v.id}, {"sell", sell.id}, {"buy", buy.id}};
    const std::size_t s_idx = v.tokens[req.in], b_idx = v.tokens[req.out];
    VenueState trial = v.state;
    SwapResult r = swap(trial, req);
    if (!r.ok || r.amount_in * 4 > balances[s_idx] * 3) {  // keep every swap within 3/4 of the balance
      req.exact_in = true;
      req.amount = balances[s_idx] / 2;
      trial = v.state;
      r = swap(trial, req);
    }
    if (r.ok) {
      v.state = trial;
      balances[s_idx] -= r.amount_in;
      balances[b_idx] += r.amount_out;
    }
    if (req.exact_in) {
      action["amount_in"] = to_string(req.amount);
      if (r.ok) action["min_amount_out"] = to_string(r.amount_out * 995 / 1000);
    } else {
      action["amount_out"] = to_string(req.amount);
      if (r.ok) action["max_amount_in"] = to_string(r.amount_in * 1005 / 1000);
    }
    actions.push_back(action);
  }
  const json proposal{{"ballast", "proposal/1"},
                      {"id", "GEN-1"},
                      {"title", "Generated rebalance"},
                      {"submitted_at", "2026-11-21T00:00:00Z"},
                      {"actions", actions}};

  json limits = json::array();
  for (std::size_t l = 0; l < shape.limits; ++l) {
    if (l % 10 == 9)
      limits.push_back(json{{"id", "tier-" + std::to_string(l)}, {"select", "tier:moderate"}, {"max_bps", 3000}});
    else if (l % 10 == 8)
      limits.push_back(json{{"id", "share-" + std::to_string(l)}, {"select", "asset:" + assets[l % assets.size()].id},
                            {"of", "stable"}, {"max_bps", 500}});
    else
      limits.push_back(json{{"id", "protocol-" + std::to_string(l)}, {"select", "protocol:p" + std::to_string(l % 90)},
                            {"max_bps", 500}});
  }
  json stress = json::array();
  for (std::size_t s = 0; s < shape.stress; ++s) {
    const char* select = s % 3 == 0 ? "eth" : s % 3 == 1 ? "issuer:circle" : "other";
    stress.push_back(json{{"name", "scenario " + std::to_string(s)},
                          {"shocks", json::array({json{{"select", select}, {"change_bps", -1000 - int(s % 40) * 100}}})},
                          {"check", json::array({"limits", "floors"})},
                          {"severity", s % 2 ? "warning" : "error"}});
  }
  json venue_allow = json::array();
  for (const GenVenue& v : venues) venue_allow.push_back(v.id);
  const json policy{
      {"ballast", "policy/1"},
      {"name", "Generated policy"},
      {"numeraire", "USD"},
      {"targets", json::array({json{{"id", "stable"}, {"select", "stable"}, {"weight_bps", 5600}, {"band_bps", 300}},
                               json{{"id", "eth"}, {"select", "eth"}, {"weight_bps", 1900}, {"band_bps", 300}},
                               json{{"id", "other"}, {"select", "other"}, {"weight_bps", 2500}, {"band_bps", 300}}})},
      {"limits", limits},
      {"floors", json::array({json{{"id", "runway"}, {"select", "stable"}, {"min_months", "24"}}})},
      {"assets", {{"allow", json::array({"stable", "eth", "other"})}}},
      {"recipients", {{"allow", json::array({kRecipients[0], kRecipients[1]})}}},
      {"execution",
       {{"venues", {{"allow", venue_allow}}},
        {"max_trade_value", "1000000"},
        {"max_proposal_value", "100000000"},
        {"budgets", json::array({json{{"id", "weekly"}, {"window_hours", 168}, {"max_value", "150000000"}}})},
        {"loss_budget", {{"window_hours", 168}, {"max_bps", 50}}},
        {"max_loss_bps", 100},
        {"max_price_impact_bps", 100},
        {"max_slippage_bps", 100},
        {"require_min_out", true},
        {"max_pool_share_bps", 1000},
        {"max_oracle_deviation_bps", 200},
        {"cooldown_hours", 24},
        {"rebalance_only", true}}},
      {"stress", stress}};

  return json{{"ballast", "case/1"}, {"policy", policy}, {"treasury", treasury}, {"proposal", proposal}}.dump();
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

PlanDocuments plan_documents() {
  Shape shape;
  shape.assets = 10;
  shape.actions = 0;
  shape.v2_pools = 15;
  shape.v3_pools = 10;
  shape.curve_pools = 5;
  shape.limits = 0;
  shape.stress = 0;
  shape.history = 0;
  json c = json::parse(case_json(shape));
  json treasury = c["treasury"];
  // 70/30: $30M of each ETH token against $10M of each stablecoin and $3M of each other token.
  for (std::size_t i = 0; i < treasury["assets"].size(); ++i) {
    const GenAsset a = make_asset(i);
    const long long usd = a.cls == Class::Eth ? 30000000 : a.cls == Class::Stable ? 10000000 : 3000000;
    treasury["assets"][i]["balance"] = to_string(units_worth(a, usd));
  }
  json venue_allow = json::array();
  for (const auto& v : treasury["venues"]) venue_allow.push_back(v["id"]);
  const json policy{
      {"ballast", "policy/1"},
      {"name", "Planner benchmark policy"},
      {"numeraire", "USD"},
      {"targets", json::array({json{{"select", "stable"}, {"weight_bps", 4000}, {"band_bps", 500}},
                               json{{"select", "eth"}, {"weight_bps", 4500}, {"band_bps", 500}},
                               json{{"select", "other"}, {"weight_bps", 1500}, {"band_bps", 500}}})},
      {"execution",
       {{"venues", {{"allow", venue_allow}}},
        {"max_trade_value", "5000000"},
        {"max_price_impact_bps", 100},
        {"max_slippage_bps", 50},
        {"max_oracle_deviation_bps", 200},
        {"rebalance_only", true}}}};
  return {policy.dump(), treasury.dump()};
}

UniswapV3Pool v3_ladder_pool() {
  UniswapV3Pool p;
  p.fee_pips = 3000;
  p.tick_spacing = 60;
  p.sqrt_price_x96 = Int(1) << 96;
  p.tick = 0;
  p.liquidity = Int("1000000000000000000000");
  auto ticks = std::make_shared<std::vector<V3Tick>>();
  ticks->push_back(V3Tick{-887220, Int("1000000000000000000")});
  for (int k = 150; k >= 1; --k) ticks->push_back(V3Tick{-60 * k, Int("5000000000000000000")});
  ticks->push_back(V3Tick{887220, -Int("1750000000000000000000")});
  p.ticks = ticks;
  return p;
}

Treasury two_asset_treasury() {
  Treasury t;
  t.numeraire = "USD";
  Asset a, b;
  a.id = "A";
  a.decimals = 18;
  a.price = Int(3000) * wad();
  b.id = "B";
  b.decimals = 6;
  b.price = wad();
  a.balance = b.balance = 0;
  t.assets = {a, b};
  return t;
}

}  // namespace ballast::workload
