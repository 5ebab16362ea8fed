// An imported proposal written out: proposal/1 JSON (to edit and check again) and one readable
// line per action in token units (`ballast import`).
#include "write.h"

#include "../report/text_report.h"

#include "../text_out.h"

namespace ballast {

namespace {

ojson swap_json(const SwapAction& s, const Treasury& t) {
  ojson j = ojson::object();
  j["type"] = "swap";
  if (s.route.empty()) {
    j["venue"] = t.venues[s.venue].id;
  } else {
    ojson route = ojson::array(), via = ojson::array();
    for (std::size_t v : s.route) route.push_back(t.venues[v].id);
    for (std::size_t a : s.via) via.push_back(t.assets[a].id);
    j["route"] = std::move(route);
    j["via"] = std::move(via);
  }
  j["sell"] = t.assets[s.sell].id;
  j["buy"] = t.assets[s.buy].id;
  j[s.exact_in ? "amount_in" : "amount_out"] = to_string(s.amount);
  if (s.bound) j[s.exact_in ? "min_amount_out" : "max_amount_in"] = to_string(*s.bound);
  if (s.recipient) j["recipient"] = *s.recipient;
  if (s.deadline) j["deadline"] = format_time(*s.deadline);
  if (s.spender) j["spender"] = *s.spender;
  return j;
}

ojson action_json(const Action& a, const Treasury& t) {
  ojson j = ojson::object();
  if (const SwapAction* s = a.swap()) {
    j = swap_json(*s, t);
  } else if (const TransferAction* tr = a.transfer()) {
    j["type"] = "transfer";
    j["asset"] = t.assets[tr->asset].id;
    j["amount"] = to_string(tr->amount);
    j["to"] = tr->to;
  } else if (const ApproveAction* ap = a.approve()) {
    j["type"] = "approve";
    j["asset"] = t.assets[ap->asset].id;
    j["spender"] = ap->spender;
    j["amount"] = to_string(ap->amount);
  } else if (const WrapAction* w = a.wrap()) {
    j["type"] = w->unwrap ? "unwrap" : "wrap";
    j["amount"] = to_string(w->amount);
  } else if (const CallAction* c = a.call()) {
    j["type"] = "call";
    j["to"] = c->to;
    j["value"] = to_string(c->value);
    if (c->selector) j["selector"] = selector_hex(*c->selector);
    if (c->delegatecall) j["delegatecall"] = true;
    if (!c->unverifiable.empty()) j["unverifiable"] = c->unverifiable;
  }
  if (!a.origin.call.empty()) j["origin"] = a.origin.call;
  return j;
}

std::string units_of(const Treasury& t, std::size_t asset, const Int& amount) {
  if (amount == two_pow_256() - 1) return "unlimited " + t.assets[asset].id;
  return report::units(amount, t.assets[asset].decimals) + " " + t.assets[asset].id;
}

}  // namespace

std::string action_line(const Action& a, const Treasury& t) {
  TextOut o;
  if (const SwapAction* s = a.swap()) {
    o << "swap " << (s->exact_in ? units_of(t, s->sell, s->amount) : "up to " + (s->bound ? units_of(t, s->sell, *s->bound) : "any " + t.assets[s->sell].id))
      << " for " << (s->exact_in ? (s->bound ? "at least " + units_of(t, s->buy, *s->bound) : "any " + t.assets[s->buy].id) : units_of(t, s->buy, s->amount))
      << " on ";
    const auto venues = s->venues();
    for (std::size_t k = 0; k < venues.size(); ++k) o << (k ? " -> " : "") << t.venues[venues[k]].id;
    if (s->recipient && (!t.account || *s->recipient != *t.account)) o << ", paid to " << *s->recipient;
    if (s->deadline) o << ", deadline " << format_time(*s->deadline);
  } else if (const TransferAction* tr = a.transfer()) {
    o << "transfer " << units_of(t, tr->asset, tr->amount) << " to " << tr->to;
  } else if (const ApproveAction* ap = a.approve()) {
    o << "approve " << units_of(t, ap->asset, ap->amount) << " for " << ap->spender;
  } else if (const WrapAction* w = a.wrap()) {
    const std::size_t from = w->unwrap ? *t.wrapped_native : *t.native_asset;
    const std::size_t to = w->unwrap ? *t.native_asset : *t.wrapped_native;
    o << (w->unwrap ? "unwrap " : "wrap ") << units_of(t, from, w->amount) << " into " << t.assets[to].id;
  } else if (const CallAction* c = a.call()) {
    o << (c->delegatecall ? "delegatecall " : "call ") << c->to << " "
      << (c->selector ? "selector " + selector_hex(*c->selector) : std::string("(no calldata)"));
    if (c->value > 0) o << " with " << to_string(c->value) << " wei";
    if (!c->unverifiable.empty()) o << ": unverifiable (" << c->unverifiable << ")";
  }
  return o.str();
}

ojson proposal_object(const Proposal& p, const Treasury& t) {
  ojson j = ojson::object();
  j["ballast"] = "proposal/1";
  if (!p.id.empty()) j["id"] = p.id;
  if (!p.title.empty()) j["title"] = p.title;
  if (p.submitted_at) j["submitted_at"] = format_time(*p.submitted_at);
  if (p.source) {
    ojson src = ojson::object();
    src["format"] = p.source->format;
    if (p.source->checksum_valid) src["checksum_valid"] = *p.source->checksum_valid;
    j["source"] = std::move(src);
  }
  ojson actions = ojson::array();
  for (const Action& a : p.actions) actions.push_back(action_json(a, t));
  j["actions"] = std::move(actions);
  return j;
}

std::string proposal_json(const Proposal& p, const Treasury& t) {
  return proposal_object(p, t).dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

std::string proposal_text(const Proposal& p, const Treasury& t) {
  TextOut o;
  o << p.id << ": " << p.actions.size() << " action" << (p.actions.size() == 1 ? "" : "s") << " from a "
    << (p.source && p.source->format == "tx-builder" ? "Safe Transaction Builder file" : "calls/1 document");
  if (p.source && p.source->checksum_valid) o << (*p.source->checksum_valid ? " (checksum valid)" : " (checksum does NOT match: edited after export)");
  o << "\n";
  for (std::size_t i = 0; i < p.actions.size(); ++i)
    o << "  #" << i << " " << action_line(p.actions[i], t) << "   [" << p.actions[i].origin.call << "]\n";
  return o.str();
}

}  // namespace ballast
