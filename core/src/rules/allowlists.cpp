// Allowlists: what a swap may buy, where it may trade, and to whom a transfer may go.
#include "context.h"

#include <algorithm>

namespace ballast::rules {

Finding make_finding(const std::string& rule, const RuleMeta& meta, std::string subject, Message message) {
  Finding f;
  f.rule = rule;
  f.severity = meta.severity;
  f.id = meta.id;
  f.subject = std::move(subject);
  f.path = meta.path;
  f.message = std::move(message);
  return f;
}

Finding& add_action_finding(const Context& x, std::vector<Finding>& out, const std::string& rule,
                            const RuleMeta& meta, std::string subject, Message message) {
  Finding f = make_finding(rule, meta, std::move(subject), std::move(message));
  f.path = x.action->path();
  f.origin = x.action->origin.call;
  f.rule_path = meta.path;
  out.push_back(std::move(f));
  return out.back();
}

void check_asset_allowlist(const Context& x, std::vector<Finding>& out) {
  const SwapAction* s = x.action->swap();
  const auto& allow = x.policy().assets_allow;
  if (!s || !allow || x.book.any_match(s->buy, allow->value)) return;
  const std::string& id = x.treasury().assets[s->buy].id;
  Finding& f = add_action_finding(x, out, "asset.not_allowed", allow->meta, id,
                                  Message("buys " + quote(id) + ", which matches no selector of the asset allowlist"));
  f.observed = Figure::named(id);
}

void check_recipient_allowlist(const Context& x, std::vector<Finding>& out) {
  const TransferAction* tr = x.action->transfer();
  const auto& allow = x.policy().recipients_allow;
  if (!tr || !allow) return;
  if (std::find(allow->value.begin(), allow->value.end(), tr->to) != allow->value.end()) return;
  Finding& f = add_action_finding(x, out, "recipient.not_allowed", allow->meta, tr->to,
                                  Message("recipient " + tr->to + " is not in the recipient allowlist"));
  f.observed = Figure::named(tr->to);
}

void check_venue_allowlist(const Context& x, std::vector<Finding>& out) {
  const SwapAction* s = x.action->swap();
  const auto& allow = x.policy().execution.venues_allow;
  if (!s || !allow) return;
  for (std::size_t v : s->venues()) {  // every hop of a route
    const std::string& id = x.treasury().venues[v].id;
    if (std::find(allow->value.begin(), allow->value.end(), id) != allow->value.end()) continue;
    Finding& f = add_action_finding(x, out, "venue.not_allowed", allow->meta, id,
                                    Message("venue " + quote(id) + " is not in the venue allowlist"));
    f.observed = Figure::named(id);
  }
}

}  // namespace ballast::rules
