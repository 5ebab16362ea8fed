#include "ballast/venues/curve_stableswap.h"

namespace ballast::curve {

namespace {

const Int& precision() { return wad(); }
const Int& fee_denominator() {
  static const Int v("10000000000");
  return v;
}

// A uint256 value of the contract: anything outside [0, 2^256) reverts.
bool ok256(const Int& v) { return v >= 0 && v < two_pow_256(); }

std::optional<std::vector<Int>> xp_of(const CurveStableSwapPool& p) {
  std::vector<Int> xp;
  xp.reserve(p.balances.size());
  for (std::size_t k = 0; k < p.balances.size(); ++k) {
    Int v = p.rates[k] * p.balances[k];
    if (!ok256(v)) return std::nullopt;
    xp.push_back(v / precision());
  }
  return xp;
}

// The pool's normalised balances and invariant, computed once for any number of quotes on the
// same state.
struct Prepared {
  std::vector<Int> xp;
  Int d;
};

std::optional<Prepared> prepare(const CurveStableSwapPool& p) {
  // The last state's invariant is remembered: searches quote the same state many times over.
  // A pure cache (same inputs, same result), one per thread.
  struct Memo {
    std::vector<Int> balances, rates;
    Int amp_precise;
    std::optional<Prepared> prepared;
  };
  thread_local Memo memo;
  if (memo.balances == p.balances && memo.rates == p.rates && memo.amp_precise == p.amp_precise && !p.balances.empty())
    return memo.prepared;
  std::optional<Prepared> result;
  if (auto xp = xp_of(p))
    if (auto d = get_D(*xp, p.amp_precise)) result = Prepared{std::move(*xp), std::move(*d)};
  memo.balances = p.balances;
  memo.rates = p.rates;
  memo.amp_precise = p.amp_precise;
  memo.prepared = result;
  return result;
}

std::optional<Int> y_given_d(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp,
                             const Int& amp_precise, const Int& d);

// dy before the fee, in normalised units: xp[j] - y - 1.
std::optional<Int> raw_dy(const CurveStableSwapPool& p, const Prepared& pr, std::size_t i, std::size_t j,
                          const Int& dx) {
  Int scaled = dx * p.rates[i];
  if (!ok256(scaled)) return std::nullopt;
  Int x = pr.xp[i] + scaled / precision();
  if (!ok256(x)) return std::nullopt;
  if (i == j || i >= pr.xp.size() || j >= pr.xp.size()) return std::nullopt;
  auto y = y_given_d(i, j, x, pr.xp, p.amp_precise, pr.d);
  if (!y) return std::nullopt;
  Int dy = pr.xp[j] - *y - 1;
  if (dy < 0) return std::nullopt;
  return dy;
}

// get_dy on a prepared state.
std::optional<Int> dy_with_fee(const CurveStableSwapPool& p, const Prepared& pr, std::size_t i, std::size_t j,
                               const Int& dx) {
  auto dy = raw_dy(p, pr, i, j, dx);
  if (!dy) return dy;
  Int fee = p.fee * *dy / fee_denominator();
  return (*dy - fee) * precision() / p.rates[j];
}

}  // namespace

std::optional<Int> get_D(const std::vector<Int>& xp, const Int& amp_precise) {
  const Int n = static_cast<long long>(xp.size());
  Int s = 0;
  for (const auto& x : xp) s += x;
  if (!ok256(s)) return std::nullopt;
  if (s == 0) return Int(0);
  Int d = s, d_prev = 0;
  const Int ann = amp_precise * n;
  for (int round = 0; round < 255; ++round) {
    Int d_p = d;
    for (const auto& x : xp) {
      Int num = d_p * d, den = x * n;
      if (!ok256(num) || !ok256(den) || den == 0) return std::nullopt;
      d_p = num / den;
    }
    d_prev = d;
    Int a = ann * s / kAPrecision + d_p * n;
    Int numerator = a * d;
    Int denominator = (ann - kAPrecision) * d / kAPrecision + (n + 1) * d_p;
    if (!ok256(numerator) || !ok256(denominator) || denominator == 0 || ann < kAPrecision) return std::nullopt;
    d = numerator / denominator;
    Int diff = d > d_prev ? Int(d - d_prev) : Int(d_prev - d);
    if (diff <= 1) return d;
  }
  return std::nullopt;  // the contract raises: no convergence
}

std::optional<Int> get_y(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp, const Int& amp_precise) {
  const std::size_t count = xp.size();
  if (i == j || i >= count || j >= count) return std::nullopt;
  auto d = get_D(xp, amp_precise);
  if (!d) return std::nullopt;
  return y_given_d(i, j, x, xp, amp_precise, *d);
}

namespace {

// get_y's iteration once D is known (the contract computes D first, from xp alone).
std::optional<Int> y_given_d(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp,
                             const Int& amp_precise, const Int& d_value) {
  const std::size_t count = xp.size();
  const std::optional<Int> d = d_value;
  const Int n = static_cast<long long>(count);
  const Int ann = amp_precise * n;
  Int c = *d, s = 0;
  for (std::size_t k = 0; k < count; ++k) {
    Int xk;
    if (k == i)
      xk = x;
    else if (k != j)
      xk = xp[k];
    else
      continue;
    s += xk;
    Int num = c * *d, den = xk * n;
    if (!ok256(num) || !ok256(den) || den == 0) return std::nullopt;
    c = num / den;
  }
  Int num = c * *d * kAPrecision, den = ann * n;
  if (!ok256(num) || den == 0) return std::nullopt;
  c = num / den;
  Int b = s + *d * kAPrecision / ann;
  Int y = *d, y_prev = 0;
  for (int round = 0; round < 255; ++round) {
    y_prev = y;
    Int top = y * y + c;
    Int bottom = 2 * y + b - *d;
    if (!ok256(top) || bottom <= 0 || !ok256(bottom)) return std::nullopt;
    y = top / bottom;
    Int diff = y > y_prev ? Int(y - y_prev) : Int(y_prev - y);
    if (diff <= 1) return y;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Int> get_dy(const CurveStableSwapPool& p, std::size_t i, std::size_t j, const Int& dx) {
  auto pr = prepare(p);
  if (!pr) return std::nullopt;
  return dy_with_fee(p, *pr, i, j, dx);
}

std::optional<Int> get_dy_no_fee(const CurveStableSwapPool& p, std::size_t i, std::size_t j, const Int& dx) {
  auto pr = prepare(p);
  if (!pr) return std::nullopt;
  auto dy = raw_dy(p, *pr, i, j, dx);
  if (!dy) return dy;
  return *dy * precision() / p.rates[j];
}

std::optional<Frac> marginal_rate(const CurveStableSwapPool& p, std::size_t i, std::size_t j) {
  // The invariant F = Ann·Σx + D − Ann·D − D^(n+1)/(n^n·Πx) = 0 (Ann = A·n^n, the contract's
  // amp·n) gives −dx_j/dx_i = ∂F/∂x_i / ∂F/∂x_j = (Ann + Q/x_i) / (Ann + Q/x_j), Q = D^(n+1)/(n^n·Πx);
  // multiplied through by A_PRECISION·n^n·Πx·x_i·x_j to stay in integers.
  auto pr = prepare(p);
  if (!pr || i == j || i >= pr->xp.size() || j >= pr->xp.size() || pr->xp.size() > 4) return std::nullopt;
  const std::size_t count = pr->xp.size();
  const Int n = static_cast<long long>(count);
  Int product = 1, nn = 1, dn = pr->d;
  for (const Int& x : pr->xp) {
    if (x <= 0 || boost::multiprecision::msb(x) >= 128) return std::nullopt;
    product *= x;
    nn *= n;
    dn *= pr->d;
  }
  const Int a = p.amp_precise * n * nn * product;  // A_PRECISION · Ann · n^n · Πx
  const Int q = dn * kAPrecision;                 // A_PRECISION · D^(n+1)
  const Int keep = fee_denominator() - p.fee;
  Frac r{(a * pr->xp[i] + q) * pr->xp[j] * p.rates[i] * keep, (a * pr->xp[j] + q) * pr->xp[i] * p.rates[j] * fee_denominator()};
  if (r.num <= 0 || r.den <= 0) return std::nullopt;
  return r;
}

std::optional<Int> exchange(CurveStableSwapPool& p, std::size_t i, std::size_t j, const Int& dx) {
  auto pr = prepare(p);
  if (!pr) return std::nullopt;
  auto dy = raw_dy(p, *pr, i, j, dx);
  if (!dy) return dy;
  Int dy_fee = *dy * p.fee / fee_denominator();
  Int out = (*dy - dy_fee) * precision() / p.rates[j];
  Int admin = dy_fee * p.admin_fee / fee_denominator() * precision() / p.rates[j];
  Int new_i = p.balances[i] + dx;
  Int new_j = p.balances[j] - out - admin;
  if (!ok256(new_i) || new_j < 0) return std::nullopt;
  p.balances[i] = new_i;
  p.balances[j] = new_j;
  return out;
}

std::optional<Int> dx_for_dy(const CurveStableSwapPool& p, std::size_t i, std::size_t j, const Int& dy) {
  // get_dy is non-decreasing in dx; a revert (tiny amounts round below zero, huge ones overflow)
  // counts as "not reached". The answer is the least reaching dx.
  auto pr = prepare(p);
  if (!pr || i == j || i >= pr->xp.size() || j >= pr->xp.size() || dy <= 0) return std::nullopt;
  auto reaches = [&](const Int& dx) {
    if (dx <= 0) return false;
    auto got = dy_with_fee(p, *pr, i, j, dx);
    return got && *got >= dy;
  };
  // Estimate by inverting the curve (the pool's invariant solved for coin i at coin j's new
  // balance, the fee grossed up), then settle exactly: gallop from the estimate to a bracket
  // [lo, hi] with lo not reaching and hi reaching, and bisect.
  Int lo = 0, hi = 0;
  Int estimate = 0;
  {
    const Int raw = dy * p.rates[j] / precision() + 1;
    const Int gross = raw * fee_denominator() / (fee_denominator() - p.fee) + 1;
    if (p.fee < fee_denominator() && gross + 1 < pr->xp[j]) {
      auto x = y_given_d(j, i, pr->xp[j] - gross - 1, pr->xp, p.amp_precise, pr->d);
      if (x && *x > pr->xp[i]) estimate = (*x - pr->xp[i]) * precision() / p.rates[i] + 1;
    }
  }
  Int step = 1;
  if (estimate > 0 && reaches(estimate)) {
    hi = estimate;
    for (;;) {  // gallop down to a non-reaching amount
      lo = hi - step;
      if (lo <= 0) {
        lo = 0;
        break;
      }
      if (!reaches(lo)) break;
      hi = lo;
      step *= 2;
    }
  } else {
    lo = estimate;  // not reaching (or 0)
    for (;;) {  // gallop up to a reaching amount
      hi = lo + step;
      if (hi >= two_pow_256()) return std::nullopt;
      if (reaches(hi)) break;
      lo = hi;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    Int mid = (lo + hi) / 2;
    if (reaches(mid))
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

}  // namespace ballast::curve
