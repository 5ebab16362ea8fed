// Orchestration only (docs/semantics.md, Evaluation): the before state, the actions in order on a working copy
// of the market, the rules of each phase from the registry, stress, and the verdict. The rules
// live in core/src/rules/, the simulation in core/src/sim/, the text in core/src/report/.
#include "ballast/evaluate.h"

#include "../rules/stress.h"
#include "figures.h"

namespace ballast {

namespace {

using rules::Context;

// One evaluation of a case.
class Run {
 public:
  explicit Run(const CaseRef& c)
      : c_(c), book_(c.treasury.assets, c.policy, c.proposal),
        now_(c.proposal.submitted_at ? *c.proposal.submitted_at : c.treasury.as_of) {
    for (const auto& a : c.treasury.assets) prices_.push_back(a.price);
  }

  Report check() const;
  Report status() const;

 private:
  Context context() const {
    Context x{c_, book_, now_, nullptr, nullptr, {}, nullptr, nullptr, nullptr, nullptr, 0, 0, false, {}};
    return x;
  }
  void run_phase(Phase phase, const Context& x, std::vector<Finding>& out) const {
    for (const RuleSpec& rule : rule_registry())
      if (rule.phase == phase && rule.check) rule.check(x, out);
  }
  // Moves `s` to the market's balances for the assets an action touched.
  void follow(sim::Snapshot& s, const MarketState& m, const Action& a) const {
    for (std::size_t i : touched_assets(c_.treasury, a)) s.update(i, m.balances[i], prices_[i]);
  }
  static Finding infeasible_finding(const Action& a, std::size_t i, const ActionOutcome& o) {
    RuleMeta meta;
    meta.path = a.path();
    Finding f = rules::make_finding("action.infeasible", meta, o.subject,
                                    Message("action " + std::to_string(i) + " cannot execute: " + o.failure +
                                            "; the whole batch reverts"));
    f.origin = a.origin.call;
    return f;
  }

  const CaseRef c_;
  sim::Book book_;
  Time now_;
  std::vector<Int> prices_;
};

Report Run::check() const {
  Report r;
  r.decimals.reserve(c_.treasury.assets.size());
  for (const auto& a : c_.treasury.assets) r.decimals.emplace(a.id, a.decimals);
  r.numeraire = c_.treasury.numeraire;
  r.policy_name = c_.policy.name;
  r.proposal_id = c_.proposal.id;
  r.proposal_title = c_.proposal.title;
  r.actions.reserve(c_.proposal.actions.size());
  MarketState market = MarketState::of(c_.treasury);
  const sim::Snapshot before(book_, market.balances, prices_);
  r.before = evaluation::state_figures(c_, before);
  sim::Snapshot prev = before, now = before;  // around the action being applied
  Context x = context();
  bool infeasible = false;
  for (std::size_t i = 0; i < c_.proposal.actions.size(); ++i) {
    const Action& a = c_.proposal.actions[i];
    ActionFigures af = evaluation::stated_figures(c_, a, i);
    x.any_swap = x.any_swap || a.swap();
    const ActionOutcome o = apply_action(c_.treasury, market, a, now_);
    x.pulled.push_back(o.swap ? std::optional<Int>(o.swap->result.amount_in) : std::nullopt);
    if (!o.ok) {
      r.findings.push_back(infeasible_finding(a, i, o));
      r.actions.push_back(std::move(af));
      infeasible = true;
      break;
    }
    follow(now, market, a);
    if (o.swap) {
      evaluation::add_swap_figures(af, *o.swap);
      x.traded += o.swap->value_in;
      if (o.swap->value_in > o.swap->value_out) x.lost += o.swap->value_in - o.swap->value_out;
    }
    r.actions.push_back(std::move(af));
    x.action = &a;
    x.outcome = &o;
    x.state_before_action = &prev;
    x.state_after_action = &now;
    const std::size_t first = r.findings.size();  // this action's findings start here
    run_phase(Phase::PerAction, x, r.findings);
    if (auto* sf = std::get_if<SwapFigures>(&r.actions.back().figures))
      sf->suggested = rules::suggest_fix(x, {r.findings.begin() + static_cast<std::ptrdiff_t>(first), r.findings.end()});
    prev.restore(now, touched_assets(c_.treasury, a));  // prev catches up: now moved from it on these alone
  }
  x.action = nullptr;
  x.outcome = nullptr;
  x.before = &before;
  if (!infeasible) {
    x.after = &now;
    r.after = evaluation::state_figures(c_, now);
    rules::run_after_rules(x, nullptr, r.findings);
    run_phase(Phase::Proposal, x, r.findings);
    r.stress = rules::run_stress(x, prices_);
  }
  run_phase(Phase::History, x, r.findings);
  sort_findings(r.findings);
  r.verdict = r.count(Severity::Error) > 0 ? Verdict::Fail : Verdict::Pass;
  return r;
}

Report Run::status() const {
  Report r;
  r.mode = Mode::Status;
  r.decimals.reserve(c_.treasury.assets.size());
  for (const auto& a : c_.treasury.assets) r.decimals.emplace(a.id, a.decimals);
  r.numeraire = c_.treasury.numeraire;
  r.policy_name = c_.policy.name;
  const sim::Snapshot before(book_, MarketState::of(c_.treasury).balances, prices_);
  r.before = evaluation::state_figures(c_, before);
  Context x = context();
  x.after = &before;  // the current state, judged without a before
  rules::run_after_rules(x, nullptr, r.findings);
  r.stress = rules::run_stress(x, prices_);
  sort_findings(r.findings);
  r.verdict = r.count(Severity::Error) + r.count(Severity::Warning) > 0 ? Verdict::Attention : Verdict::Pass;
  return r;
}

}  // namespace

Report evaluate(const CaseRef& c) { return Run(c).check(); }

Report evaluate_status(const CaseRef& c) { return Run(c).status(); }

Report error_report(std::vector<Diagnostic> errors, Mode mode) {
  Report r;
  r.mode = mode;
  r.verdict = Verdict::Error;
  r.errors = std::move(errors);
  return r;
}

}  // namespace ballast
