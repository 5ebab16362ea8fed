// Rules on the batch as a whole and its history: proposal size, rolling budgets of traded value
// and of loss, the cooldown since the last swap, and the allocation the proposal claims.
#include "context.h"

namespace ballast::rules {

namespace {

bool in_window(const Context& x, const HistoryEntry& h, long long hours) {
  Time start{x.now.seconds - hours * 3600, x.now.nanos};
  return h.kind == "swap" && !(h.at < start);
}

}  // namespace

void check_proposal_value(const Context& x, std::vector<Finding>& out) {
  const auto& th = x.policy().execution.max_proposal_value;
  if (!th || x.traded <= th->value) return;
  Message msg;
  msg << "proposal trades " << Figure::value(x.traded) << " " << x.numeraire() << ", above the maximum "
      << Figure::value(th->value);
  Finding f = make_finding("proposal.max_value", th->meta, "proposal", msg);
  f.observed = Figure::value(x.traded);
  f.limit = Figure::value(th->value);
  f.unit = x.numeraire();
  out.push_back(std::move(f));
}

void check_budget_window(const Context& x, std::vector<Finding>& out) {
  if (!x.any_swap) return;
  for (const auto& b : x.policy().execution.budgets) {
    Int hist = 0;
    for (const auto& h : x.treasury().history)
      if (in_window(x, h, b.window_hours)) hist += h.value;
    Int total = hist + x.traded;
    if (total <= b.max_value) continue;
    Message msg;
    msg << "traded over the last " << std::to_string(b.window_hours) << " hours would be " << Figure::value(total) << " "
        << x.numeraire() << " (history " << Figure::value(hist) << " + proposal " << Figure::value(x.traded)
        << "), above the budget " << Figure::value(b.max_value);
    Finding f = make_finding("budget.window", b.meta, "proposal", msg);
    f.observed = Figure::value(total);
    f.limit = Figure::value(b.max_value);
    f.before = Figure::value(hist);
    f.unit = x.numeraire();
    out.push_back(std::move(f));
  }
}

void check_budget_loss(const Context& x, std::vector<Finding>& out) {
  const auto& lb = x.policy().execution.loss_budget;
  if (!x.any_swap || !lb) return;
  Int hist = 0;
  for (const auto& h : x.treasury().history)
    if (in_window(x, h, lb->window_hours) && h.loss > 0) hist += h.loss;
  const Int total = hist + x.lost;
  const Int& nav = x.before->nav();
  if (total * 10000 <= Int(lb->max_bps) * nav) return;
  Finding f = make_finding("budget.loss", lb->meta, "proposal", {});
  f.limit = Figure::bps(lb->max_bps);
  f.unit = "bps";
  if (nav > 0) {
    f.observed = Figure::bps(Frac{total, nav});
    f.before = Figure::bps(Frac{hist, nav});
  }
  f.message << "loss over the last " << std::to_string(lb->window_hours) << " hours would be " << Figure::value(total)
            << " " << x.numeraire() << " (";
  if (f.observed) f.message << *f.observed; else f.message << "n/a";
  f.message << " bps of NAV; history " << Figure::value(hist) << " + proposal " << Figure::value(x.lost)
            << "), above the budget of " << *f.limit << " bps";
  out.push_back(std::move(f));
}

void check_cooldown(const Context& x, std::vector<Finding>& out) {
  const auto& cd = x.policy().execution.cooldown_hours;
  if (!x.any_swap || !cd) return;
  const HistoryEntry* last = nullptr;
  for (const auto& h : x.treasury().history)
    if (h.kind == "swap" && (!last || last->at < h.at)) last = &h;
  if (!last) return;
  Int elapsed_ns = (Int(x.now.seconds) - last->at.seconds) * 1000000000 + (x.now.nanos - last->at.nanos);
  Int needed_ns = Int(cd->value) * 3600 * 1000000000;
  if (elapsed_ns >= needed_ns) return;
  const Figure hours = Figure::hours(Frac{elapsed_ns, Int(3600) * 1000000000});
  Message msg;
  msg << "last swap was " << hours << " hours before, the cooldown is " << std::to_string(cd->value) << " hours";
  Finding f = make_finding("cooldown", cd->meta, "swap", msg);
  f.observed = hours;
  f.limit = Figure::hours(Frac{cd->value, 1});
  f.unit = "hours";
  out.push_back(std::move(f));
}

void check_allocation(const Context& x, std::vector<Finding>& out) {
  for (const auto& c : x.c.proposal.allocation) {
    Frac w = x.after->weight(c.select);
    Frac claimed{c.weight_bps, 10000};
    Frac diff{w.num * claimed.den - claimed.num * w.den, w.den * claimed.den};
    if (compare(abs(diff), Frac{c.tolerance_bps, 10000}) <= 0) continue;
    Message msg;
    msg << "the proposal claims " << c.select << " at " << Figure::bps(claimed) << " ± "
        << std::to_string(c.tolerance_bps) << " bps, the simulation gives " << Figure::bps(w);
    Finding f = make_finding("allocation.mismatch", c.meta, c.select, msg);
    f.observed = Figure::bps(w);
    f.limit = Figure::bps(claimed);
    f.unit = "bps";
    out.push_back(std::move(f));
  }
}

}  // namespace ballast::rules
