#include "figures.h"

namespace ballast::evaluation {

StateFigures state_figures(const CaseRef& c, const sim::Snapshot& s) {
  const Policy& p = c.policy;
  const Treasury& t = c.treasury;
  StateFigures f;
  f.nav = s.nav();
  f.assets.reserve(t.assets.size());
  for (std::size_t i = 0; i < t.assets.size(); ++i) {
    Frac w = s.nav() == 0 ? Frac{0, 1} : Frac{s.values()[i], s.nav()};
    f.assets.push_back({t.assets[i].id, s.balances()[i], s.values()[i], w, t.assets[i].decimals});
  }
  auto add_sel = [&](const std::string& sel) { f.selectors[sel] = SelectorFigure{s.value(sel), s.weight(sel)}; };
  for (const auto& x : p.targets) add_sel(x.select);
  for (const auto& l : p.limits) {
    add_sel(l.select);
    if (l.of) add_sel(*l.of);
  }
  for (const auto& x : p.floors) add_sel(x.select);
  for (const auto& b : p.backing) add_sel(b.select);
  for (const auto& x : c.proposal.allocation) add_sel(x.select);
  for (const auto& x : p.targets) {
    Frac d = sim::deviation(s, x);
    f.targets.push_back({x.select, x.weight_bps, x.band_bps, s.weight(x.select), d,
                         compare(abs(d), Frac{x.band_bps, 10000}) <= 0});
  }
  if (!p.targets.empty()) f.total_drift = sim::total_drift(s, p.targets);
  if (t.monthly_opex && *t.monthly_opex > 0)
    for (const auto& x : p.floors)
      if (x.min_months) f.runway_months[x.select] = Frac{s.value(x.select), *t.monthly_opex};
  for (const auto& b : p.backing) {
    const Int& l = t.liabilities.at(b.liability);
    BackingFigure bf{b.select, b.liability, std::nullopt};
    if (l > 0) bf.ratio = Frac{s.value(b.select), l};
    f.backing.push_back(std::move(bf));
  }
  return f;
}

namespace {

SwapFigures swap_figures(const Treasury& t, const SwapAction& s) {
  SwapFigures sf;
  sf.venue = t.venues[s.venue].id;
  sf.sell = t.assets[s.sell].id;
  sf.buy = t.assets[s.buy].id;
  for (std::size_t v : s.route) sf.route.push_back(t.venues[v].id);
  for (std::size_t a : s.via) sf.via.push_back(t.assets[a].id);
  sf.recipient = s.recipient.value_or("");
  sf.deadline = s.deadline;
  sf.spender = s.spender.value_or("");
  sf.exact_in = s.exact_in;
  sf.amount = s.amount;
  sf.bound = s.bound;
  return sf;
}

}  // namespace

ActionFigures stated_figures(const CaseRef& c, const Action& a, std::size_t index) {
  const Treasury& t = c.treasury;
  ActionFigures af;
  af.index = index;
  af.origin = a.origin.call;
  if (const TransferAction* tr = a.transfer()) {
    const Asset& as = t.assets[tr->asset];
    af.figures = TransferFigures{as.id, tr->to, tr->amount, asset_value(tr->amount, as.price, as.decimals)};
  } else if (const ApproveAction* ap = a.approve()) {
    af.figures = ApproveFigures{t.assets[ap->asset].id, ap->spender, ap->amount};
  } else if (const WrapAction* w = a.wrap()) {
    const std::string native = t.native_asset ? t.assets[*t.native_asset].id : "";
    const std::string wrapped = t.wrapped_native ? t.assets[*t.wrapped_native].id : "";
    af.figures = WrapFigures{w->unwrap, w->unwrap ? wrapped : native, w->unwrap ? native : wrapped, w->amount};
  } else if (const CallAction* call = a.call()) {
    af.figures = CallFigures{call->to, call->value, call->selector, call->delegatecall};
  } else {
    af.figures = swap_figures(t, *a.swap());
  }
  return af;
}

void add_swap_figures(ActionFigures& af, const SwapOutcome& o) {
  SwapFigures& sf = std::get<SwapFigures>(af.figures);
  sf.expected = sf.exact_in ? o.result.amount_out : o.result.amount_in;
  sf.value_in = o.value_in;
  sf.value_out = o.value_out;
  sf.loss = o.loss;
  sf.price_impact = o.impact;
  sf.slippage = o.slippage;
  sf.pool_share = o.pool_share;
  sf.oracle_deviation = o.oracle_deviation;
  for (const auto& h : o.hops)
    sf.hops.push_back({sf.route.empty() ? sf.venue : sf.route[sf.hops.size()], h.amount_in, h.amount_out, h.impact,
                       h.pool_share, h.oracle_deviation});
}

}  // namespace ballast::evaluation
