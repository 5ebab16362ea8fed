#include "ballast/venues/curve_stableswap.h"

#include "ballast/wide.h"

namespace ballast::curve {

namespace {

// The Newton iterations (get_D, get_y) run on the contract's own words: every value the contract
// holds is a U256, checked where the Vyper code's uint256 would revert; the few intermediates the
// 1,024-bit implementation let grow unchecked (Ann·S, (Ann − A_PRECISION)·D, D·A_PRECISION, sums of
// balances) are 512-bit, so that results and reverts are the same (tests/oracle/curve_int1024.cpp,
// the differential in the unit suite and the `integers` fuzz harness).
using W = U512;

// (The 512-bit products and quotients below are the ones FullMath's mulDiv instantiates, U256 by
// U256 and U512 by U256, so that the browser's download carries no other.)
W wide(const U256& v) { return v.resize<8>(); }
W times(const U256& a, std::uint64_t k) { return mul_full(a, U256(k)); }
W quotient(const W& a, const U256& d) {
  W q;
  divmod(a, d, &q, static_cast<U256*>(nullptr));
  return q;
}
// A 512-bit value as a uint256, or nullopt when it is 2^256 or more.
std::optional<U256> fits(const W& v) {
  for (unsigned i = 4; i < 8; ++i)
    if (v.w[i]) return std::nullopt;
  return v.resize<4>();
}
bool within_one(const U256& a, const U256& b) { return (a > b ? a - b : b - a) <= U256(1); }

// The contract's inputs as words: each below 2^256, and A_precise below 2^64 (documents admit up
// to 10^8; beyond 2^64 the contract's Ann·S overflows for any pool worth quoting). nullopt otherwise.
std::optional<std::vector<U256>> words(const std::vector<Int>& xs) {
  std::vector<U256> out;
  out.reserve(xs.size());
  for (const Int& x : xs) {
    auto w = to_wide<4>(x);
    if (!w) return std::nullopt;
    out.push_back(*w);
  }
  return out;
}
std::optional<U256> amp_word(const Int& amp_precise) {
  auto a = to_wide<4>(amp_precise);
  if (!a || a->limbs() > 1) return std::nullopt;
  return a;
}

std::optional<U256> d_of(const std::vector<U256>& xp, const U256& amp) {
  const std::uint64_t n = xp.size();
  U256 s = 0;
  for (const U256& x : xp)
    if (add_carry(s, s, x)) return std::nullopt;
  if (s.is_zero()) return U256(0);
  const U256 ann = amp * U256(n);  // amp < 2^64: no wrap
  if (ann < U256(kAPrecision)) return std::nullopt;
  const W ann_s = quotient(mul_full(ann, s), U256(kAPrecision));
  U256 d = s;
  for (int round = 0; round < 255; ++round) {
    U256 d_p = d;
    for (const U256& x : xp) {
      const auto num = mul_checked(d_p, d);
      const auto den = mul_checked(x, U256(n));
      if (!num || !den || den->is_zero()) return std::nullopt;
      d_p = *num / *den;
    }
    const U256 d_prev = d;
    const auto a = fits(ann_s + times(d_p, n));
    if (!a) return std::nullopt;  // then Ann·S/A_PRECISION·D overflows too (D >= 1, or the denominator is 0)
    const auto numerator = mul_checked(*a, d);
    const auto denominator = fits(quotient(mul_full(ann - U256(kAPrecision), d), U256(kAPrecision)) + times(d_p, n + 1));
    if (!numerator || !denominator || denominator->is_zero()) return std::nullopt;
    d = *numerator / *denominator;
    if (within_one(d, d_prev)) return d;
  }
  return std::nullopt;  // the contract raises: no convergence
}

std::optional<U256> y_of(std::size_t i, std::size_t j, const U256& x, const std::vector<U256>& xp, const U256& amp,
                         const U256& d) {
  const std::size_t count = xp.size();
  const std::uint64_t n = count;
  const U256 ann = amp * U256(n);
  U256 c = d;
  W s = 0;
  for (std::size_t k = 0; k < count; ++k) {
    if (k == j) continue;
    const U256& xk = k == i ? x : xp[k];
    s = s + wide(xk);
    const auto num = mul_checked(c, d);
    const auto den = mul_checked(xk, U256(n));
    if (!num || !den || den->is_zero()) return std::nullopt;
    c = *num / *den;
  }
  const auto cd = mul_checked(c, d);
  const auto num = cd ? mul_checked(*cd, U256(kAPrecision)) : std::nullopt;
  const U256 den = ann * U256(n);
  if (!num || den.is_zero()) return std::nullopt;
  c = *num / den;
  const W b = s + quotient(times(d, kAPrecision), ann);
  U256 y = d;
  for (int round = 0; round < 255; ++round) {
    const U256 y_prev = y;
    const auto top = fits(mul_full(y, y) + wide(c));
    const W two_y_b = times(y, 2) + b;  // bottom = 2y + b − D, checked for ≤ 0 and for 2^256
    if (!top || two_y_b <= wide(d)) return std::nullopt;
    const auto bottom = fits(two_y_b - wide(d));
    if (!bottom) return std::nullopt;
    y = *top / *bottom;
    if (within_one(y, y_prev)) return y;
  }
  return std::nullopt;
}

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
// same state: as words for the iterations, as Int for the figures around them.
struct Prepared {
  std::vector<Int> xp;
  Int d;
  std::vector<U256> xp_w;
  U256 d_w, amp_w;
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
  auto xp = xp_of(p);
  auto amp = amp_word(p.amp_precise);
  if (xp && amp) {
    std::vector<U256> xp_w = *words(*xp);  // xp_of keeps every value below 2^256
    if (auto d = d_of(xp_w, *amp)) result = Prepared{std::move(*xp), to_int(*d), std::move(xp_w), *d, *amp};
  }
  memo.balances = p.balances;
  memo.rates = p.rates;
  memo.amp_precise = p.amp_precise;
  memo.prepared = result;
  return result;
}

// get_y's iteration on a prepared state, for coin i's new normalised balance x.
std::optional<Int> y_given_d(std::size_t i, std::size_t j, const Int& x, const Prepared& pr) {
  auto xw = to_wide<4>(x);
  if (!xw) return std::nullopt;
  auto y = y_of(i, j, *xw, pr.xp_w, pr.amp_w, pr.d_w);
  if (!y) return std::nullopt;
  return to_int(*y);
}

// dy before the fee, in normalised units: xp[j] - y - 1.
std::optional<Int> raw_dy(const CurveStableSwapPool& p, const Prepared& pr, std::size_t i, std::size_t j,
                          const Int& dx) {
  Int scaled = dx * p.rates[i];
  if (!ok256(scaled)) return std::nullopt;
  Int x = pr.xp[i] + scaled / precision();
  if (!ok256(x)) return std::nullopt;
  if (i == j || i >= pr.xp.size() || j >= pr.xp.size()) return std::nullopt;
  auto y = y_given_d(i, j, x, pr);
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
  auto xw = words(xp);
  auto amp = amp_word(amp_precise);
  if (!xw || !amp) return std::nullopt;
  auto d = d_of(*xw, *amp);
  if (!d) return std::nullopt;
  return to_int(*d);
}

std::optional<Int> get_y(std::size_t i, std::size_t j, const Int& x, const std::vector<Int>& xp, const Int& amp_precise) {
  const std::size_t count = xp.size();
  if (i == j || i >= count || j >= count) return std::nullopt;
  auto xw = words(xp);
  auto amp = amp_word(amp_precise);
  auto x_w = to_wide<4>(x);
  if (!xw || !amp || !x_w) return std::nullopt;
  auto d = d_of(*xw, *amp);
  if (!d) return std::nullopt;
  auto y = y_of(i, j, *x_w, *xw, *amp, *d);
  if (!y) return std::nullopt;
  return to_int(*y);
}

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
      auto x = y_given_d(j, i, pr->xp[j] - gross - 1, *pr);
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
