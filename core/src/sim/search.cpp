// The amount search behind max_passing (docs/semantics.md): the largest amount of a swap whose
// simulation passes `figure <= limit`. A few interpolation steps on the figure (value and pool
// share are proportional to the amount, loss and price impact nearly affine) land next to the
// answer; a gallop from there brackets it and a bisection of that bracket makes it exact. Where
// the figure is flat over wide ranges (an exact output bought with a coarser token) this costs
// about what plain bisection does; where it is smooth, a handful of simulations.
#include "ballast/sim.h"

namespace ballast {

namespace {

class Search {
 public:
  using FigureFn = std::function<std::optional<Frac>(const SwapOutcome&)>;
  Search(const Treasury& t, const SwapAction& s, const VenueState& state, const PoolQuote& q, const FigureFn& figure,
         const Frac& limit)
      : t_(t), s_(s), state_(state), q_(q), figure_(figure), limit_(limit), lim_(scaled(limit)) {}

  Int run() {
    hi_ = s_.amount;  // lo passes (or is 0), hi fails
    const Probe proposed = probe(hi_);
    if (proposed.pass) return hi_;  // not expected: the caller found the proposed amount failing
    f_last_ = proposed.fig;
    x_last_ = hi_;
    secant();
    gallop();
    while (hi_ - lo_ > 1) {
      const Int mid = (lo_ + hi_) / 2;
      if (probe(mid).pass) lo_ = mid; else hi_ = mid;
    }
    return lo_;
  }

 private:
  struct Probe {
    bool pass = false;
    std::optional<Int> fig;  // scaled figure, when the swap executes and the figure is defined
  };

  // The figure in units of 2^-128 (floor), for interpolation only: exactness comes from the probes.
  static Int scaled(const Frac& f) { return floor_div(f.num << 128, f.den); }

  Probe probe(const Int& amount) const {
    VenueState copy = state_;
    SwapOutcome sim = simulate_swap(t_, s_, amount, copy, q_);
    Probe p;
    if (!sim.result.ok) return p;
    auto f = figure_(sim);
    if (!f) return p;
    p.pass = compare(*f, limit_) <= 0;
    p.fig = scaled(*f);
    return p;
  }

  // Secant steps through the two latest probes (the first from 0, assuming a proportional
  // figure), kept inside the bracket, until a step moves by at most one unit. A step that fails to
  // halve the previous step twice running (a kink, strong curvature, rounding noise) is replaced by a
  // bisection of the bracket. An interpolation landing on an end of the bracket probes the amount
  // next to it; one outside the bracket probes its middle, or, while nothing has passed yet (the
  // low end is 0), a sixteenth of its high end: there the figure is not heading for the limit, so
  // passing amounts, if any, are far smaller (a pool priced off the oracle loses more than the
  // limit at every size), and stepping down by 16 gets there, or to 0, in a quarter of the probes
  // bisection needs. Clamping to the low end instead would probe amounts too small to trade.
  void secant() {
    int slow = 0;
    std::optional<Int> last_step;
    for (int round = 0; round < 48 && hi_ - lo_ > 1 && f_last_; ++round) {
      const Int width = hi_ - lo_;
      Int c;
      if (slow >= 2) {
        c = lo_ + width / 2;
        slow = 0;
        last_step.reset();
      } else {
        if (*f_last_ == f_prev_) {  // flat: nothing to interpolate
          flat_ = true;
          return;
        }
        c = x_last_ + floor_div((x_last_ - x_prev_) * (lim_ - *f_last_), *f_last_ - f_prev_);
        if (c == lo_ && lo_ > 0) c = lo_ + 1;
        else if (c == hi_ && lo_ > 0) c = hi_ - 1;
        else if ((c <= lo_ || c >= hi_) && lo_ == 0 && hi_ >= 32) c = hi_ / 16;
        else if (c <= lo_ || c >= hi_) c = lo_ + width / 2;
      }
      const Probe p = probe(c);
      last_passed_ = p.pass;
      if (p.pass) lo_ = c; else hi_ = c;
      const Int step = c > x_last_ ? Int(c - x_last_) : Int(x_last_ - c);
      x_prev_ = x_last_;
      f_prev_ = *f_last_;
      x_last_ = c;
      f_last_ = p.fig;
      if (step <= 1) return;
      slow = last_step && step * 2 > *last_step ? slow + 1 : 0;
      last_step = step;
    }
  }

  // Gallop away from the last probe until the answer is bracketed, starting from a step of about
  // the last correction (the secant's error shrinks faster than its corrections); not on a flat.
  void gallop() {
    Int step = x_last_ > x_prev_ ? Int(x_last_ - x_prev_) : Int(x_prev_ - x_last_);
    step >>= 4;
    if (step < 1) step = 1;
    for (; !flat_ && hi_ - lo_ > 1 && step * 2 < hi_ - lo_; step *= 2) {
      if (last_passed_) {
        const Int c = lo_ + step;
        if (probe(c).pass) lo_ = c; else { hi_ = c; return; }
      } else {
        const Int c = hi_ - step;
        if (!probe(c).pass) hi_ = c; else { lo_ = c; return; }
      }
    }
  }

  const Treasury& t_;
  const SwapAction& s_;
  const VenueState& state_;
  const PoolQuote& q_;
  const FigureFn& figure_;
  const Frac& limit_;
  const Int lim_;
  Int lo_ = 0, hi_ = 0;
  std::optional<Int> f_last_;
  Int x_last_ = 0, x_prev_ = 0, f_prev_ = 0;
  bool last_passed_ = false, flat_ = false;
};

}  // namespace

std::optional<Int> max_passing(const Treasury& t, const SwapAction& s, const VenueState& state, const PoolQuote& q,
                               const std::function<std::optional<Frac>(const SwapOutcome&)>& figure,
                               const Frac& limit) {
  return Search(t, s, state, q, figure, limit).run();
}

namespace {

// figure / limit as a fraction; a limit of 0 makes any positive figure fail.
Frac over(const Frac& figure, const Frac& limit) {
  if (limit.num == 0) return figure.num > 0 ? Frac{2, 1} : Frac{0, 1};
  return Frac{figure.num * limit.den, figure.den * limit.num};
}

}  // namespace

std::function<std::optional<Frac>(const SwapOutcome&)> sized_figure(const Execution& e, bool curve) {
  return [&e, curve](const SwapOutcome& o) -> std::optional<Frac> {
    Frac worst{0, 1};
    auto take = [&worst](const Frac& ratio) {
      if (compare(worst, ratio) < 0) worst = ratio;
    };
    if (e.max_trade_value) take(over(Frac{o.value_in, 1}, Frac{e.max_trade_value->value, 1}));
    if (!curve) return worst;
    if (e.max_loss_bps && o.loss) take(over(*o.loss, Frac{e.max_loss_bps->value, 10000}));
    if (e.max_price_impact_bps && o.impact) take(over(*o.impact, Frac{e.max_price_impact_bps->value, 10000}));
    if (e.max_pool_share_bps && o.pool_share) take(over(*o.pool_share, Frac{e.max_pool_share_bps->value, 10000}));
    return worst;
  };
}

Int slippage_bound(bool exact_in, const Int& simulated, long long max_slippage_bps) {
  return exact_in ? Int((simulated * (10000 - max_slippage_bps) + 9999) / 10000)
                  : Int(simulated * (10000 + max_slippage_bps) / 10000);
}

}  // namespace ballast
