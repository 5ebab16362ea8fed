// The venue objects of a treasury, validated so that the simulation only meets states the
// contracts can be in: Uniswap v2 pairs, Uniswap v3 pools (with their tick window), Curve plain
// pools, limit-order venues.
#include "readers.h"

#include <algorithm>
#include <memory>

namespace ballast::documents {

namespace {

namespace v3 = uniswap_v3;

// A signed integer in a string ("-123"), |value| < 2^bits.
std::optional<Int> signed_integer(Reader& r, const Node& n, const Path& path, unsigned bits) {
  std::string_view s = n.kind == Node::Kind::String ? std::string_view(n.text) : std::string_view();
  bool negative = !s.empty() && s[0] == '-';
  auto v = n.kind == Node::Kind::String ? parse_amount(negative ? s.substr(1) : s) : std::nullopt;
  if (!v || (negative && *v == 0)) {
    r.error(code::type_amount, path, "expected a signed integer as a string like \"-123\", got " + quote(n));
    return std::nullopt;
  }
  if (*v >= (Int(1) << bits)) {
    r.error(code::value_range, path, quote(n) + " does not fit int" + std::to_string(bits + 1));
    return std::nullopt;
  }
  return negative ? Int(-*v) : *v;
}

// token0 and token1 of a pair or pool; false when either is missing or unknown.
bool read_pair_tokens(Reader& r, Obj& o, Venue& v, const References& refs) {
  auto token = [&](const char* key) {
    return o.get(key, true, [&](const Node& n, const Path& p) { return refs.asset(r, n, p); });
  };
  auto t0 = token("token0");
  auto t1 = token("token1");
  if (!t0 || !t1) return false;
  if (*t0 == *t1) r.error(code::value_range, o.at("token1"), "token1 is the same asset as token0");
  v.tokens = {*t0, *t1};
  return true;
}

void read_uniswap_v2(Reader& r, Obj& o, Venue& v, const References& refs) {
  UniswapV2Pool pool;
  read_pair_tokens(r, o, v, refs);
  auto reserve = [&](const char* key, Int& out) {
    if (auto a = o.amount(key, true)) {
      if (*a > uniswap_v2::max_reserve())
        r.error(code::value_range, o.at(key), "reserve " + to_string(*a) + " does not fit in uint112");
      out = *a;
    }
  };
  reserve("reserve0", pool.reserve0);
  reserve("reserve1", pool.reserve1);
  if (auto fee = o.bps("fee_bps", false, 0, 9999)) pool.fee_bps = *fee;
  v.state = pool;
}

// The pool's fee, spacing, price, tick and liquidity; false when any is missing or out of the
// contract's range. `spacing` is the tick spacing when it is valid.
bool read_v3_price(Reader& r, Obj& o, UniswapV3Pool& pool, std::optional<int>& spacing_out) {
  auto fee = o.integer("fee_pips", true, 0, 999999);
  auto spacing = o.integer("tick_spacing", true, 1, 16384);
  if (spacing) spacing_out = static_cast<int>(*spacing);
  auto tick = o.integer("tick", true, v3::kMinTick, v3::kMaxTick);
  auto sqrt_price = o.amount("sqrt_price_x96", true);
  auto liquidity = o.amount("liquidity", true);
  bool ok = fee && spacing && tick && sqrt_price && liquidity;
  if (sqrt_price && (*sqrt_price < v3::min_sqrt_ratio() || *sqrt_price >= v3::max_sqrt_ratio())) {
    r.error(code::value_range, o.at("sqrt_price_x96"),
            "sqrt_price_x96 " + to_string(*sqrt_price) + " is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)");
    ok = false;
  }
  if (liquidity && *liquidity >= (Int(1) << 128)) {
    r.error(code::value_range, o.at("liquidity"), "liquidity " + to_string(*liquidity) + " does not fit uint128");
    ok = false;
  }
  if (ok) {
    // The pool's stored tick is getTickAtSqrtRatio(price), or one less when a swap down ended
    // exactly on a tick's price.
    int expected = v3::tick_at_sqrt_ratio(*sqrt_price);
    bool on_boundary = v3::sqrt_ratio_at_tick(expected) == *sqrt_price;
    if (*tick != expected && !(on_boundary && *tick == expected - 1)) {
      r.error(code::value_range, o.at("tick"),
              "tick " + std::to_string(*tick) + " does not match sqrt_price_x96 (its tick is " + std::to_string(expected) + ")");
      ok = false;
    }
  }
  if (!ok) return false;
  pool.tick_spacing = static_cast<int>(*spacing);
  pool.fee_pips = *fee;
  pool.sqrt_price_x96 = *sqrt_price;
  pool.tick = static_cast<int>(*tick);
  pool.liquidity = *liquidity;
  return true;
}

// The initialized ticks: in range, on the spacing (when known), sorted, unique.
bool read_v3_ticks(Reader& r, Obj& o, std::optional<int> spacing, std::vector<V3Tick>& ticks) {
  bool ok = true;
  if (const Node* list = o.opt("ticks"); list && list->kind == Node::Kind::Array)
    ticks.reserve(std::min(list->items.size(), r.limits().max_ticks));
  each_object(r, o, "ticks", true, r.limits().max_ticks, "ticks", [&](Obj& to, std::size_t) {
    auto index = to.integer("index", true, v3::kMinTick, v3::kMaxTick);
    auto net = to.get("liquidity_net", true, [&](const Node& n, const Path& p) { return signed_integer(r, n, p, 127); });
    if (!index || !net) {
      ok = false;
      return;
    }
    if (spacing && *index % *spacing != 0) {
      r.error(code::value_range, to.at("index"), "tick " + std::to_string(*index) + " is not on the tick spacing " + std::to_string(*spacing));
      ok = false;
    }
    if (!ticks.empty() && ticks.back().index >= *index) {
      r.error(code::value_range, to.at("index"), "ticks must be sorted by index, without repeats (tick " +
                                                      std::to_string(*index) + " after " + std::to_string(ticks.back().index) + ")");
      ok = false;
    }
    ticks.push_back(V3Tick{static_cast<int>(*index), *net});
  });
  return ok;
}

// The stated tick_window, when there is one: [lower, upper] with lower <= upper.
bool read_v3_window(Reader& r, Obj& o, std::optional<std::pair<int, int>>& window) {
  const Node* wn = o.opt("tick_window");
  if (!wn) return true;
  const std::string wp = o.at("tick_window");
  const auto* items = wn->kind == Node::Kind::Array && wn->items.size() == 2 ? &wn->items : nullptr;
  if (!items) {
    r.error(code::type_mismatch, wp, "expected [lower, upper] (two tick indices), got " + quote(*wn));
    return false;
  }
  auto lo = r.integer((*items)[0], pointer_join(wp, 0), v3::kMinTick, v3::kMaxTick);
  auto hi = r.integer((*items)[1], pointer_join(wp, 1), v3::kMinTick, v3::kMaxTick);
  if (lo && hi && *lo > *hi)
    r.error(code::value_range, wp, "tick_window " + quote(*wn) + " has its lower end above its upper end");
  else if (lo && hi)
    window = std::pair<int, int>(static_cast<int>(*lo), static_cast<int>(*hi));
  return window.has_value();
}

std::string window_text(const std::pair<int, int>& w) {
  return "[" + std::to_string(w.first) + ", " + std::to_string(w.second) + "]";
}

// The window in which the ticks list every initialized tick: stated, else the listed ticks and
// the current tick together. A stated window holds the current tick and every listed tick.
bool settle_v3_window(Reader& r, Obj& o, UniswapV3Pool& pool, const std::vector<V3Tick>& ticks,
                      std::optional<std::pair<int, int>> window) {
  if (!window) {
    window = std::pair<int, int>(pool.tick, pool.tick);
    if (!ticks.empty()) window = {std::min(ticks.front().index, pool.tick), std::max(ticks.back().index, pool.tick)};
  } else if (pool.tick < window->first || pool.tick > window->second) {
    r.error(code::value_range, o.at("tick_window"),
            "the current tick " + std::to_string(pool.tick) + " lies outside tick_window " + window_text(*window));
    return false;
  } else {
    for (std::size_t k = 0; k < ticks.size(); ++k)
      if (ticks[k].index < window->first || ticks[k].index > window->second) {
        r.error(code::value_range, pointer_join(o.at("ticks"), k) + "/index",
                "tick " + std::to_string(ticks[k].index) + " lies outside tick_window " + window_text(*window));
        return false;
      }
  }
  pool.window_lower = window->first;
  pool.window_upper = window->second;
  return true;
}

// Crossing the ticks in either direction must never take the liquidity out of uint128.
bool check_v3_crossings(Reader& r, Obj& o, const UniswapV3Pool& pool, const std::vector<V3Tick>& ticks) {
  auto above = std::upper_bound(ticks.begin(), ticks.end(), pool.tick, [](int t, const V3Tick& x) { return t < x.index; });
  const Int limit = Int(1) << 128;
  auto cross = [&](Int& l, std::vector<V3Tick>::const_iterator it, bool upward) {
    if (upward)
      l += it->liquidity_net;
    else
      l -= it->liquidity_net;
    if (l >= 0 && l < limit) return true;
    std::size_t k = static_cast<std::size_t>(it - ticks.begin());
    r.error(code::value_range, pointer_join(o.at("ticks"), k) + "/liquidity_net",
            "crossing tick " + std::to_string(it->index) + (upward ? " upward" : " downward") + " makes the liquidity " +
                to_string(l));
    return false;
  };
  bool ok = true;
  Int up = pool.liquidity, down = pool.liquidity;
  for (auto it = above; ok && it != ticks.end(); ++it) ok = cross(up, it, true);
  for (auto it = above; ok && it != ticks.begin();) ok = cross(down, --it, false);
  return ok;
}

void read_uniswap_v3(Reader& r, Obj& o, Venue& v, const References& refs) {
  UniswapV3Pool pool;
  const bool tokens = read_pair_tokens(r, o, v, refs);
  std::optional<int> spacing;
  const bool priced = read_v3_price(r, o, pool, spacing);
  auto ticks = std::make_shared<std::vector<V3Tick>>();
  bool ok = read_v3_ticks(r, o, spacing, *ticks) && priced && tokens;
  std::optional<std::pair<int, int>> window;
  ok = read_v3_window(r, o, window) && ok;
  ok = ok && settle_v3_window(r, o, pool, *ticks, window) && check_v3_crossings(r, o, pool, *ticks);
  if (ok) pool.ticks = std::move(ticks);
  v.state = pool;
}

// A Curve plain pool: 2 to 4 distinct coins of at most 18 decimals, positive balances, A within
// the contract's bounds, fees below the contract's maxima.
void read_curve(Reader& r, Obj& o, Venue& v, const References& refs, const std::vector<Asset>& assets) {
  CurveStableSwapPool pool;
  bool ok = true;
  std::vector<std::size_t> coins;
  if (const Node* cn = o.req("coins")) {
    each_item(r, *cn, Path(o, "coins"), 4, "coins", [&](const Node& n, const Path& p) {
      auto a = refs.asset(r, n, p);
      if (!a) {
        ok = false;
        return;
      }
      if (std::find(coins.begin(), coins.end(), *a) != coins.end()) {
        r.error(code::value_range, p, "coin " + quote(n) + " is listed twice");
        ok = false;
      }
      if (assets[*a].decimals > 18) {
        r.error(code::value_range, p, "coin " + quote(n) + " has more than 18 decimals, which the pool's rates cannot express");
        ok = false;
      }
      coins.push_back(*a);
    });
    if (cn->kind == Node::Kind::Array && cn->items.size() < 2) {
      r.error(code::value_range, o.at("coins"), "a Curve pool has 2 to 4 coins");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const Node* bn = o.req("balances")) {
    each_item(r, *bn, Path(o, "balances"), 4, "balances", [&](const Node& n, const Path& p) {
      auto b = r.amount(n, p);
      if (!b) {
        ok = false;
        return;
      }
      if (*b == 0) {
        r.error(code::value_range, p, "a Curve balance of 0: get_D divides by every balance");
        ok = false;
      }
      pool.balances.push_back(*b);
    });
  } else {
    ok = false;
  }
  if (ok && pool.balances.size() != coins.size()) {
    r.error(code::value_range, o.at("balances"), "one balance per coin is needed (" + std::to_string(coins.size()) + " coins)");
    ok = false;
  }
  auto amp = o.integer("amp", true, 1, 1000000);
  auto amp_precise = o.integer("amp_precise", false, curve::kAPrecision, 1000000LL * curve::kAPrecision);
  auto fee_units = [&](const char* key, bool required, const Int& max) -> std::optional<Int> {
    auto f = o.amount(key, required);
    if (f && *f > max) {
      r.error(code::value_range, o.at(key), std::string(key) + " " + to_string(*f) + " is above the contract's maximum " + to_string(max));
      return std::nullopt;
    }
    return f;
  };
  auto fee = fee_units("fee", true, Int("5000000000"));
  auto admin_fee = fee_units("admin_fee", false, Int("10000000000"));
  if (!amp || !fee || (o.opt("admin_fee") && !admin_fee) || (o.opt("amp_precise") && !amp_precise)) ok = false;
  if (ok) {
    for (std::size_t c : coins) pool.rates.push_back(wad() * pow10(18 - assets[c].decimals));
    pool.amp_precise = amp_precise ? Int(*amp_precise) : Int(*amp) * curve::kAPrecision;
    pool.fee = *fee;
    pool.admin_fee = admin_fee.value_or(0);
    v.tokens = coins;
  }
  v.state = pool;
}

}  // namespace

void read_venue(Reader& r, Obj& o, Venue& v, const References& refs, const std::vector<Asset>& assets) {
  if (auto a = o.address("address")) v.address = *a;
  if (v.kind == "curve_stableswap") {
    if (auto t = o.string("template")) {
      if (*t == "plain") v.curve_template = CurveTemplate::Plain;
      else if (*t == "ng") v.curve_template = CurveTemplate::Ng;
      else if (*t == "crypto") v.curve_template = CurveTemplate::Crypto;
      else r.error(code::value_range, o.at("template"), "expected \"plain\", \"ng\" or \"crypto\", got " + quote(std::string_view(*t)));
    }
  }
  if (v.kind == "uniswap_v2") {
    read_uniswap_v2(r, o, v, refs);
  } else if (v.kind == "uniswap_v3") {
    read_uniswap_v3(r, o, v, refs);
  } else if (v.kind == "limit_order") {
    v.state = LimitOrderVenue{};
  } else if (v.kind == "curve_stableswap") {
    read_curve(r, o, v, refs, assets);
  } else {
    r.error(code::value_range, o.at("kind"),
            "unknown venue kind " + quote(v.kind) + " (uniswap_v2, uniswap_v3, curve_stableswap, limit_order)");
    o.ignore_rest();
  }
}

}  // namespace ballast::documents
