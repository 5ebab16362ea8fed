// What to trade (docs/planner.md, What is traded): the value each target must move, sellers paired
// with buyers, and for each pair of targets the member assets, their venues and caps, and the
// share of the value each pair of members takes.
#include "planner.h"

#include <algorithm>

namespace ballast::planning {

// edge: every target within its band; target: within 1 bp of its weight.
bool Planner::done(const sim::Snapshot& s) const {
  for (const Target& t : policy_.targets) {
    const Frac d = abs(sim::deviation(s, t));
    const long long limit = options_.goal == PlanGoal::Edge ? t.band_bps : std::min<long long>(1, t.band_bps);
    if (compare(d, Frac{limit, 10000}) > 0) return false;
  }
  return true;
}

std::vector<Int> Planner::moves(const sim::Snapshot& s) const {
  const Int& nav = s.nav();
  const std::size_t n = policy_.targets.size();
  std::vector<Int> move(n, Int(0));
  // Aim (in 1/100 000 of NAV): edge 10 % of the band inside the nearer edge, target the weight.
  auto aim = [&](const Target& t, int side) {  // side +1: from above, -1: from below
    const long long inside = options_.goal == PlanGoal::Edge ? t.band_bps * 9 : 0;
    return Int(nav * (t.weight_bps * 10 + side * inside) / 100000);
  };
  Int sell = 0, buy = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const Target& t = policy_.targets[k];
    const Frac d = sim::deviation(s, t);
    const Int v = s.value(t.select);
    const bool out = options_.goal == PlanGoal::Target ? compare(abs(d), Frac{1, 10000}) > 0
                                                       : compare(abs(d), Frac{t.band_bps, 10000}) > 0;
    if (!out) continue;
    move[k] = d.num > 0 ? Int(v - aim(t, 1)) : Int(v - aim(t, -1));
    if (move[k] > 0) sell += move[k]; else buy -= move[k];
  }
  // The side with less to move takes more from targets with room, first toward their weight,
  // then up to 10 % inside their band; what remains is cut from the larger side.
  const int tiers = options_.goal == PlanGoal::Edge ? 2 : 1;  // goal target: never past a weight
  for (int tier = 0; tier < tiers && sell != buy; ++tier) {
    for (std::size_t k = 0; k < n && sell != buy; ++k) {
      const Target& t = policy_.targets[k];
      const Int v = s.value(t.select);
      const long long inside = tier == 0 ? 0 : t.band_bps * 9;
      if (sell > buy && move[k] <= 0) {  // room to buy
        Int room = nav * (t.weight_bps * 10 + inside) / 100000 - v + move[k];
        room = std::min<Int>(room, sell - buy);
        if (room > 0) { move[k] -= room; buy += room; }
      } else if (buy > sell && move[k] >= 0) {  // room to sell
        Int room = v - move[k] - nav * (t.weight_bps * 10 - inside) / 100000;
        room = std::min<Int>(room, buy - sell);
        if (room > 0) { move[k] += room; sell += room; }
      }
    }
  }
  Int excess = sell > buy ? Int(sell - buy) : Int(buy - sell);
  for (std::size_t k = n; k-- > 0 && excess > 0;) {
    if (sell > buy && move[k] > 0) {
      const Int cut = std::min<Int>(excess, move[k]);
      move[k] -= cut;
      excess -= cut;
    } else if (buy > sell && move[k] < 0) {
      const Int cut = std::min<Int>(excess, -move[k]);
      move[k] += cut;
      excess -= cut;
    }
  }
  return move;
}

bool Planner::venue_allowed(const Venue& v) const {
  const auto& allow = policy_.execution.venues_allow;
  return !allow || std::find(allow->value.begin(), allow->value.end(), v.id) != allow->value.end();
}

const std::vector<std::size_t>& Planner::neighbours(const Treasury& t, std::size_t asset) const {
  if (neighbours_.empty()) {
    std::vector<std::set<std::size_t>> n(t.assets.size());
    for (const Venue& v : t.venues) {
      if (!has_curve(v.state) || !venue_allowed(v)) continue;
      for (std::size_t x : v.tokens)
        for (std::size_t y : v.tokens)
          if (x != y) n[x].insert(y);
    }
    // The native coin trades wherever its wrapped token does, and is reached wherever it is.
    if (t.native_asset && t.wrapped_native) {
      const std::size_t eth = *t.native_asset, weth = *t.wrapped_native;
      n[eth].insert(n[weth].begin(), n[weth].end());
      for (std::size_t y : n[weth]) n[y].insert(eth);
      n[eth].erase(weth);
      n[weth].erase(eth);
    }
    for (const auto& set : n) neighbours_.emplace_back(set.begin(), set.end());
  }
  return neighbours_[asset];
}

bool Planner::buy_allowed(std::size_t asset) const {
  const auto& allow = policy_.assets_allow;
  return !allow || book_.any_match(asset, allow->value);
}

// The venues that trade `sell` for `buy` directly and may be used, with their caps at `amount`.
std::vector<Candidate> Planner::venues_for(const Treasury& t, std::size_t sell, std::size_t buy,
                                           const Int& amount) const {
  // Pools and rules are the same in every tranche (the arbitrage assumption): a pair's caps are
  // found once, at the first (largest) amount asked; a binding cap does not depend on the amount.
  auto known = caps_.find({sell, buy});
  if (known != caps_.end()) return known->second;
  std::vector<Candidate>& out = caps_[{sell, buy}];
  const Execution& e = policy_.execution;
  for (std::size_t v = 0; v < t.venues.size(); ++v) {
    const Venue& venue = t.venues[v];
    if (!has_curve(venue.state) || !venue_allowed(venue)) continue;
    const std::size_t a = traded_as(t, venue, sell), b = traded_as(t, venue, buy);
    if (a == b || std::find(venue.tokens.begin(), venue.tokens.end(), a) == venue.tokens.end() ||
        std::find(venue.tokens.begin(), venue.tokens.end(), b) == venue.tokens.end())
      continue;
    SwapAction s;
    s.venue = v;
    s.sell = sell;
    s.buy = buy;
    s.amount = amount;
    const PoolQuote q = quote_pool(t, s, venue.state);
    if (!q.mid || q.mid->num <= 0) continue;  // an empty pool
    // A pool whose price strays from the oracle's beyond the limit is skipped (it may be manipulated).
    if (e.max_oracle_deviation_bps && q.oracle_deviation &&
        compare(*q.oracle_deviation, Frac{e.max_oracle_deviation_bps->value, 10000}) > 0)
      continue;
    auto cap = max_passing(t, s, venue.state, q, sized_figure(e, true), Frac{1, 1});
    if (!cap || *cap <= 0) continue;
    out.push_back({v, *cap});
  }
  return out;
}

void Planner::note(std::vector<Unreached>& u, Unreached x) const {
  for (const auto& e : u)
    if (e.rule == x.rule && e.subject == x.subject) return;
  u.push_back(std::move(x));
}

// What to trade from state `s`: the targets' moves paired (largest first), and for each pair the
// member assets with the deepest allowed venues between them, within balances.
std::vector<Pair> Planner::pairs(const Treasury& t, const sim::Snapshot& s, std::vector<Unreached>& unreached) {
  const std::vector<Int> move = moves(s);
  struct Side {
    std::size_t target;
    Int value;
  };
  std::vector<Side> sellers, buyers;
  for (std::size_t k = 0; k < move.size(); ++k) {
    if (move[k] > 0) sellers.push_back({k, move[k]});
    if (move[k] < 0) buyers.push_back({k, -move[k]});
  }
  auto larger = [](const Side& a, const Side& b) { return a.value != b.value ? a.value > b.value : a.target < b.target; };
  std::sort(sellers.begin(), sellers.end(), larger);
  std::sort(buyers.begin(), buyers.end(), larger);
  std::vector<Int> left = s.balances();  // what is not yet planned to be sold
  std::map<std::pair<std::size_t, std::size_t>, Pair> found;
  std::size_t i = 0, j = 0;
  while (i < sellers.size() && j < buyers.size()) {
    Int value = std::min(sellers[i].value, buyers[j].value);
    const Target& from = policy_.targets[sellers[i].target];
    const Target& to = policy_.targets[buyers[j].target];
    sellers[i].value -= value;
    buyers[j].value -= value;
    std::vector<Option> options = member_options(t, from, to, left);
    share(t, options, value, left, found);
    for (const auto& [key, pair] : found) {
      sold_.insert(key.first);
      bought_.insert(key.second);
    }
    if (value > 0) {
      Message m;
      m << "no allowed venue (or no balance left) to move " << Figure::value(value) << " " << t.numeraire
        << " from " << from.select << " to " << to.select;
      note(unreached, {"target.drift", options.empty() ? from.select : to.select, m});
    }
    if (sellers[i].value == 0) ++i;
    if (buyers[j].value == 0) ++j;
  }
  std::vector<Pair> out;
  for (auto& [key, pair] : found) out.push_back(std::move(pair));
  return out;
}

// The pairs of members of `from` and `to` that allowed pools trade directly, with the venues
// between them and their caps (at the whole balance: a cap is the largest amount that passes,
// whatever is asked), most capacity first; where there is none, the best two-hop route.
std::vector<Option> Planner::member_options(const Treasury& t, const Target& from, const Target& to,
                                            const std::vector<Int>& left) const {
  std::vector<Option> options;
  const std::vector<std::size_t> sellable = book_.members(from.select), buyable = book_.members(to.select);
  std::vector<bool> can_buy(t.assets.size(), false), in_from(t.assets.size(), false);
  for (std::size_t a : sellable) in_from[a] = true;
  for (std::size_t b : buyable)
    can_buy[b] = !in_from[b] && !sold_.count(b) && prices_[b] > 0 && buy_allowed(b);  // in both: moves neither
  for (std::size_t a : sellable) {
    if (bought_.count(a) || left[a] <= 0 || prices_[a] <= 0) continue;
    for (std::size_t b : neighbours(t, a)) {  // only assets an allowed pool trades against a
      if (!can_buy[b]) continue;
      std::vector<Candidate> venues = venues_for(t, a, b, left[a]);
      Int cap = 0;
      for (const Candidate& c : venues) cap += c.cap;
      if (cap > 0) options.push_back({a, b, asset_value(cap, prices_[a], t.assets[a].decimals), std::move(venues), {}, 0});
    }
  }
  if (options.empty())
    if (auto r = route_option(t, sellable, can_buy, left)) options.push_back(std::move(*r));
  std::stable_sort(options.begin(), options.end(), [](const Option& x, const Option& y) { return x.capacity > y.capacity; });
  return options;
}

// Multi-hop only where no direct pool is allowed: one route through the hub asset whose two hops
// (the largest-capacity venue of each, both Uniswap v2 or both v3: a route export can write) take
// the most.
std::optional<Option> Planner::route_option(const Treasury& t, const std::vector<std::size_t>& sellable,
                                            const std::vector<bool>& can_buy, const std::vector<Int>& left) const {
  auto widest = [](const std::vector<Candidate>& c) {
    return std::max_element(c.begin(), c.end(), [](const Candidate& x, const Candidate& y) { return x.cap < y.cap; });
  };
  std::optional<Option> best;
  for (std::size_t a : sellable) {
    if (bought_.count(a) || left[a] <= 0 || prices_[a] <= 0) continue;
    for (std::size_t h : neighbours(t, a)) {
      if (prices_[h] <= 0) continue;
      for (std::size_t b : neighbours(t, h)) {
        if (b == a || !can_buy[b]) continue;
        // Both hops on one router family (Uniswap v2 pairs or v3 pools), as export writes a route.
        for (const char* kind : {"uniswap_v2", "uniswap_v3"}) {
          auto of_kind = [&](std::vector<Candidate> c) {
            c.erase(std::remove_if(c.begin(), c.end(), [&](const Candidate& x) { return t.venues[x.venue].kind != kind; }),
                    c.end());
            return c;
          };
          const std::vector<Candidate> first = of_kind(venues_for(t, a, h, left[a]));
          if (first.empty()) continue;
          const auto v1 = widest(first);
          const Int mid = v1->cap * prices_[a] / pow10(t.assets[a].decimals) * pow10(t.assets[h].decimals) / prices_[h];
          const std::vector<Candidate> second = of_kind(venues_for(t, h, b, mid > 0 ? mid : Int(1)));
          if (second.empty()) continue;
          const auto v2 = widest(second);
          const Int cap = std::min(asset_value(v1->cap, prices_[a], t.assets[a].decimals),
                                   asset_value(v2->cap, prices_[h], t.assets[h].decimals));
          if (cap > 0 && (!best || cap > best->capacity))
            best = Option{a, b, cap, {{v1->venue, v1->cap}}, {v1->venue, v2->venue}, h};
        }
      }
    }
  }
  return best;
}

// `value` (wad) shared among the options: the direct pairs at the joint optimum (share_value: equal
// marginal rates in value across every venue of every pair, within caps and balances), a route
// (only where no pair has a direct pool) up to its capacity; then what the caps leave over to the
// options in order, within balances (the next tranches' swaps take it). Into `found`.
void Planner::share(const Treasury& t, const std::vector<Option>& options, Int& value, std::vector<Int>& left,
                    std::map<std::pair<std::size_t, std::size_t>, Pair>& found) const {
  auto add = [&](const Option& o, Int amount) {
    amount = std::min(amount, left[o.a]);
    if (amount <= 0) return;
    left[o.a] -= amount;
    value -= std::min<Int>(value, asset_value(amount, prices_[o.a], t.assets[o.a].decimals));
    Pair& pair = found[{o.a, o.b}];
    pair.sell = o.a;
    pair.buy = o.b;
    pair.amount += amount;
    pair.venues = o.venues;
    pair.route = o.route;
    pair.via = o.via;
  };
  auto units = [&](const Option& o, const Int& v) {  // ceil(v × 10^decimals / price)
    return Int((v * pow10(t.assets[o.a].decimals) + prices_[o.a] - 1) / prices_[o.a]);
  };
  std::vector<const Option*> routes, direct_of;
  std::vector<TradePair> direct;
  for (const Option& o : options) {
    if (bought_.count(o.a) || sold_.count(o.b) || left[o.a] <= 0) continue;
    if (!o.route.empty()) {
      routes.push_back(&o);
      continue;
    }
    direct.push_back({o.a, o.b, o.venues});
    direct_of.push_back(&o);
  }
  if (!direct.empty()) {
    const std::vector<Int> amounts = share_value(t, MarketState::of(t), direct, left, value);
    for (std::size_t k = 0; k < direct.size(); ++k) add(*direct_of[k], amounts[k]);
  }
  for (const Option* o : routes) add(*o, units(*o, std::min(o->capacity, value)));
  for (const Option* o : direct_of)
    if (value > 0) add(*o, units(*o, value));
}

}  // namespace ballast::planning
