// Rules on calls and what they grant (SPEC 11.5): calls Ballast cannot interpret, delegatecalls,
// unverifiable pre-signed orders, swap outputs paid away from the account, allowances granted
// and not spent, unlimited allowances, and a Tx Builder file edited after export.
#include "context.h"

#include "ballast/calls.h"

#include <algorithm>
#include <map>

namespace ballast::rules {

namespace {

std::string selector_text(const std::optional<std::uint32_t>& sel) {
  return sel ? "selector " + selector_hex(*sel) : std::string("no calldata");
}

bool allowed(const Policy& p, const CallAction& c) {
  if (!p.calls_allow || !c.selector) return false;
  const auto& list = p.calls_allow->value;
  return std::any_of(list.begin(), list.end(),
                     [&](const AllowedCall& a) { return a.to == c.to && a.selector == *c.selector; });
}

RuleMeta default_meta(const char* rule, const std::string& path = {}) {
  RuleMeta m;
  for (const RuleSpec& r : rule_registry())
    if (std::string_view(r.id) == rule) m.severity = r.default_severity;
  m.path = path;
  return m;
}

// The Permit2 contract (the same address on every chain): a Universal Router pulls a swap's input
// through it, so an ERC-20 allowance to Permit2 is spent by the router's swaps.
constexpr const char* kPermit2 = "0x000000000022d473030f116ddee9f6b43ac78ba3";
// The CoW Protocol vault relayer: pre-signed orders pull their sell amount (and fee) through it.
constexpr const char* kCowVaultRelayer = "0xc92e8bdf79f0507f65a392b0ab4667716bfe0110";

}  // namespace

void check_call_unknown(const Context& x, std::vector<Finding>& out) {
  const CallAction* c = x.action->call();
  if (!c || !c->unverifiable.empty() || allowed(x.policy(), *c)) return;
  const RuleMeta meta = x.policy().calls_allow ? x.policy().calls_allow->meta : default_meta("call.unknown");
  Message m;
  m << (c->delegatecall ? "delegatecall to " : "call to ") << c->to << " (" << selector_text(c->selector)
    << ") is not a call Ballast can interpret, and calls.allow does not list it: it can change anything";
  Finding& f = add_action_finding(x, out, "call.unknown", meta, c->to, m);
  f.observed = Figure::named(c->to);
}

void check_call_delegatecall(const Context& x, std::vector<Finding>& out) {
  const CallAction* c = x.action->call();
  if (!c || !c->delegatecall) return;
  Message m;
  m << "delegatecall to " << c->to << ": the target's code runs as the account, with all its assets and rights";
  Finding& f = add_action_finding(x, out, "call.delegatecall", default_meta("call.delegatecall"), c->to, m);
  f.rule_path.clear();
  f.observed = Figure::named(c->to);
}

void check_call_unverifiable(const Context& x, std::vector<Finding>& out) {
  const CallAction* c = x.action->call();
  if (!c || c->unverifiable.empty()) return;
  Finding& f = add_action_finding(x, out, "call.unverifiable", default_meta("call.unverifiable"), c->to,
                                  Message("a pre-signed order Ballast cannot verify: " + c->unverifiable));
  f.rule_path.clear();
}

void check_swap_recipient(const Context& x, std::vector<Finding>& out) {
  const SwapAction* s = x.action->swap();
  if (!s || !s->recipient) return;
  const auto& account = x.treasury().account;
  if (account && *s->recipient == *account) return;
  Message m;
  m << "the swap's output goes to " << *s->recipient << ", not to the account "
    << (account ? *account : std::string("(the treasury names none)"));
  Finding& f = add_action_finding(x, out, "swap.recipient", default_meta("swap.recipient"), *s->recipient, m);
  f.rule_path.clear();
  f.observed = Figure::named(*s->recipient);
  if (account) f.limit = Figure::named(*account);
}

void check_approval_unlimited(const Context& x, std::vector<Finding>& out) {
  const ApproveAction* a = x.action->approve();
  if (!a || a->amount != two_pow_256() - 1) return;
  const std::string& id = x.treasury().assets[a->asset].id;
  Finding& f = add_action_finding(x, out, "approval.unlimited", default_meta("approval.unlimited"), a->spender,
                                  Message("unlimited allowance (2^256 - 1) of " + id + " for " + a->spender));
  f.rule_path.clear();
}

void check_approval_leftover(const Context& x, std::vector<Finding>& out) {
  const auto& allow = x.policy().execution.allow_leftover_approvals;
  if (allow && allow->value) return;
  const Treasury& t = x.treasury();
  const std::vector<Contract> contracts = contracts_of(t);
  struct Grant {
    Int left;
    const Action* action;
    bool unlimited;
  };
  std::map<std::pair<std::size_t, std::string>, Grant> grants;  // (asset, spender) -> what is left
  auto spend = [&](std::size_t asset, const std::string& spender, const Int& amount) {
    auto it = grants.find({asset, spender});
    if (it != grants.end()) it->second.left = it->second.left > amount ? Int(it->second.left - amount) : Int(0);
  };
  const auto& actions = x.c.proposal.actions;
  for (std::size_t i = 0; i < actions.size() && i < x.pulled.size(); ++i) {
    const Action& a = actions[i];
    if (const ApproveAction* ap = a.approve()) {
      grants[{ap->asset, ap->spender}] = Grant{ap->amount, &a, ap->amount == two_pow_256() - 1};
      continue;
    }
    const SwapAction* s = a.swap();
    if (!s || !x.pulled[i]) continue;
    if (std::holds_alternative<LimitOrderVenue>(t.venues[s->venue].state)) spend(s->sell, kCowVaultRelayer, *x.pulled[i]);
    if (!s->spender) continue;
    spend(s->sell, *s->spender, *x.pulled[i]);
    const Contract* router = find_contract(contracts, *s->spender);
    if (router && router->kind == ContractKind::UniswapUniversalRouter) spend(s->sell, kPermit2, *x.pulled[i]);
  }
  for (const auto& [key, g] : grants) {
    if (g.left == 0) continue;
    const std::string& id = t.assets[key.first].id;
    Message m;
    if (g.unlimited)
      m << "the batch leaves the unlimited allowance of " << id << " it grants " << key.second << " in place";
    else
      m << "the batch leaves an allowance of " << Figure::amount(g.left, id) << " for " << key.second
        << " that it does not spend";
    const RuleMeta meta = allow ? allow->meta : default_meta("approval.leftover");
    Finding f = make_finding("approval.leftover", meta, key.second, m);
    f.path = g.action->path();
    f.origin = g.action->origin.call;
    f.rule_path = allow ? meta.path : "";
    f.observed = g.unlimited ? Figure::named("unlimited") : Figure::amount(g.left, id);
    f.unit = id;
    out.push_back(std::move(f));
  }
}

void check_calls_checksum(const Context& x, std::vector<Finding>& out) {
  const auto& src = x.c.proposal.source;
  if (!src || !src->checksum_valid || *src->checksum_valid) return;
  Finding f = make_finding("calls.checksum", default_meta("calls.checksum", "/proposal/source"), "meta.checksum",
                           Message("the Tx Builder file's checksum does not match its content: it was edited after "
                                   "export"));
  out.push_back(std::move(f));
}

}  // namespace ballast::rules
