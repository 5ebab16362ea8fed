// The test oracle for the core's Curve StableSwap math: the same functions on 1,024-bit `Int`, where
// no intermediate can overflow and the contract's uint256 bounds are checked explicitly (the core's
// implementation before its Newton iterations moved to fixed-width words). Results and reverts must
// be identical to ballast::curve's on the contract's domain (balances, rates and amounts below
// 2^256, amp_precise below 2^64).
#include "curve_int1024.h"

namespace ballast::oracle::curve {

using ballast::curve::kAPrecision;

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
  auto xp = xp_of(p);
  if (!xp) return std::nullopt;
  auto d = get_D(*xp, p.amp_precise);
  if (!d) return std::nullopt;
  return Prepared{std::move(*xp), std::move(*d)};
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

}  // namespace ballast::oracle::curve
