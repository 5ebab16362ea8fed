// The market a batch changes, and one action applied to it (docs/semantics.md).
#include "ballast/sim.h"

namespace ballast {

namespace {

std::size_t position(const Venue& v, std::size_t asset_index, std::size_t fallback) {
  for (std::size_t k = 0; k < v.tokens.size(); ++k)
    if (v.tokens[k] == asset_index) return k;
  return fallback;
}

ActionOutcome cannot(std::string subject, std::string why) {
  ActionOutcome o;
  o.subject = std::move(subject);
  o.failure = std::move(why);
  return o;
}

}  // namespace

MarketState MarketState::of(const Treasury& t) {
  MarketState m;
  for (const auto& a : t.assets) m.balances.push_back(a.balance);
  for (const auto& v : t.venues) m.venues.push_back(v.state);
  return m;
}

PoolQuote quote_pool(const Treasury& t, const SwapAction& s, const VenueState& state) {
  const Venue& v = t.venues[s.venue];
  PoolQuote q;
  q.in = position(v, traded_as(t, v, s.sell), 0);
  q.out = position(v, traded_as(t, v, s.buy), 1);
  q.mid = mid_rate(state, q.in, q.out);
  q.reserve_in = reserve_of(state, q.in);
  q.fee = fee_fraction(state);
  const Asset& a_in = t.assets[s.sell];
  const Asset& a_out = t.assets[s.buy];
  if (q.mid && q.mid->num > 0 && a_in.price > 0 && a_out.price > 0) {
    // oracle rate, out base units per in base unit
    Frac oracle{a_in.price * pow10(a_out.decimals), a_out.price * pow10(a_in.decimals)};
    Int diff = q.mid->num * oracle.den - oracle.num * q.mid->den;
    if (diff < 0) diff = -diff;
    q.oracle_deviation = Frac{diff, oracle.num * q.mid->den};
  }
  return q;
}

std::optional<Int> bound_at(const SwapAction& s, const Int& amount, const VenueState& state) {
  if (!s.bound || amount == s.amount || has_curve(state) || s.amount <= 0) return s.bound;
  // A limit order fills at its bound: another size keeps the price, min out rounded up, max in down.
  return s.exact_in ? (*s.bound * amount + s.amount - 1) / s.amount : *s.bound * amount / s.amount;
}

SwapOutcome simulate_swap(const Treasury& t, const SwapAction& s, const Int& amount, VenueState& state,
                          const PoolQuote& q) {
  SwapRequest rq;
  rq.in = q.in;
  rq.out = q.out;
  rq.exact_in = s.exact_in;
  rq.amount = amount;
  rq.bound = bound_at(s, amount, state);
  const std::optional<Int>& bound = rq.bound;
  SwapOutcome sim;
  const Asset& a_in = t.assets[s.sell];
  const Asset& a_out = t.assets[s.buy];
  sim.oracle_deviation = q.oracle_deviation;
  sim.result = swap(state, rq);
  if (!sim.result.ok) return sim;
  const Int& in = sim.result.amount_in;
  const Int& out = sim.result.amount_out;
  sim.value_in = asset_value(in, a_in.price, a_in.decimals);
  sim.value_out = asset_value(out, a_out.price, a_out.decimals);
  if (sim.value_in > 0) sim.loss = Frac{sim.value_in - sim.value_out, sim.value_in};
  if (q.mid && q.mid->num > 0 && in > 0) {
    Int in_net = in * (q.fee.den - q.fee.num);  // input after fee, times fee.den
    sim.impact = Frac{in_net * q.mid->num - out * q.fee.den * q.mid->den, in_net * q.mid->num};
  }
  if (q.reserve_in && *q.reserve_in > 0) sim.pool_share = Frac{in, *q.reserve_in};
  set_slippage(sim, s.exact_in, bound, in, out);
  return sim;
}

void set_slippage(SwapOutcome& o, bool exact_in, const std::optional<Int>& bound, const Int& in, const Int& out) {
  if (exact_in) {
    Int min_out = bound ? *bound : Int(0);
    if (out > 0) o.slippage = Frac{out - min_out, out};
    else if (min_out == 0) o.slippage = Frac{1, 1};  // buys nothing and accepts it: 100 %
  } else if (bound) {
    o.slippage = Frac{*bound - in, in};
  } else {
    o.slippage_unbounded = true;
  }
}

bool pays_account(const Treasury& t, const SwapAction& s) {
  return !s.recipient || (t.account && *s.recipient == *t.account);
}

std::vector<std::size_t> touched_assets(const Treasury& t, const Action& a) {
  if (const SwapAction* s = a.swap()) return {s->sell, s->buy};
  if (const TransferAction* tr = a.transfer()) return {tr->asset};
  if (a.wrap() && t.native_asset && t.wrapped_native) return {*t.native_asset, *t.wrapped_native};
  return {};
}

namespace {

ActionOutcome done() {
  ActionOutcome o;
  o.ok = true;
  return o;
}

// Takes `amount` of `asset` from the market's balance, or says why it cannot.
std::optional<ActionOutcome> debit(const Treasury& t, MarketState& m, std::size_t asset, const Int& amount,
                                   const char* what) {
  const Asset& as = t.assets[asset];
  if (m.balances[asset] >= amount) {
    m.balances[asset] -= amount;
    return std::nullopt;
  }
  return cannot(as.id, "the balance of " + as.id + " is " + to_string(m.balances[asset]) + ", the " + what + " " +
                           to_string(amount));
}

ActionOutcome apply_wrap(const Treasury& t, MarketState& m, const WrapAction& w) {
  if (!t.native_asset || !t.wrapped_native) return cannot("", "the treasury has no native and wrapped-native asset");
  const std::size_t from = w.unwrap ? *t.wrapped_native : *t.native_asset;
  const std::size_t to = w.unwrap ? *t.native_asset : *t.wrapped_native;
  if (auto no = debit(t, m, from, w.amount, w.unwrap ? "unwrap needs" : "wrap needs")) return *no;
  m.balances[to] += w.amount;
  return done();
}

ActionOutcome apply_swap(const Treasury& t, MarketState& m, const SwapAction& s) {
  if (!s.route.empty()) return apply_route(t, m, s);
  ActionOutcome o;
  o.venue_before = m.venues[s.venue];
  o.quote = quote_pool(t, s, o.venue_before);
  VenueState work = o.venue_before;
  o.swap = simulate_swap(t, s, s.amount, work, o.quote);
  const SwapResult& r = o.swap->result;
  if (!r.ok) {
    o.subject = t.venues[s.venue].id;
    o.failure = r.failure;
    return o;
  }
  if (auto no = debit(t, m, s.sell, r.amount_in, "swap sells")) {
    no->swap = std::move(o.swap);
    no->quote = o.quote;
    no->venue_before = std::move(o.venue_before);
    return *no;
  }
  if (pays_account(t, s)) m.balances[s.buy] += r.amount_out;
  m.venues[s.venue] = std::move(work);
  o.ok = true;
  return o;
}

}  // namespace

ActionOutcome apply_action(const Treasury& t, MarketState& m, const Action& a, std::optional<Time> now) {
  if (const TransferAction* tr = a.transfer()) {
    if (auto no = debit(t, m, tr->asset, tr->amount, "transfer needs")) return *no;
    return done();
  }
  if (const WrapAction* w = a.wrap()) return apply_wrap(t, m, *w);
  if (const SwapAction* s = a.swap()) {
    if (now && s->deadline && *s->deadline < *now)
      return cannot(t.venues[s->venue].id, "the router's deadline " + format_time(*s->deadline) +
                                               " has passed at the evaluation time " + format_time(*now));
    return apply_swap(t, m, *s);
  }
  return done();  // approve and call change no balance Ballast simulates
}

}  // namespace ballast
