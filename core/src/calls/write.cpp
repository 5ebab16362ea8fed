// An imported proposal written out: proposal/1 JSON (to edit and check again) and one readable
// line per action in token units (`ballast import`).
#include "write.h"

#include "../report/text_report.h"

#include "../text_out.h"

namespace ballast {

namespace {

using report::JsonWriter;

// A swap's members (the object around them is the caller's).
void write_swap(JsonWriter& w, const SwapAction& s, const Treasury& t) {
  w.field("type", "swap");
  if (s.route.empty()) {
    w.field("venue", t.venues[s.venue].id);
  } else {
    w.key("route").begin_array();
    for (std::size_t v : s.route) w.value(t.venues[v].id);
    w.end_array();
    w.key("via").begin_array();
    for (std::size_t a : s.via) w.value(t.assets[a].id);
    w.end_array();
  }
  w.field("sell", t.assets[s.sell].id);
  w.field("buy", t.assets[s.buy].id);
  w.field(s.exact_in ? "amount_in" : "amount_out", to_string(s.amount));
  if (s.bound) w.field(s.exact_in ? "min_amount_out" : "max_amount_in", to_string(*s.bound));
  w.field("recipient", s.recipient);
  if (s.deadline) w.field("deadline", format_time(*s.deadline));
  w.field("spender", s.spender);
}

void write_action(JsonWriter& w, const Action& a, const Treasury& t) {
  w.begin_object();
  if (const SwapAction* s = a.swap()) {
    write_swap(w, *s, t);
  } else if (const TransferAction* tr = a.transfer()) {
    w.field("type", "transfer");
    w.field("asset", t.assets[tr->asset].id);
    w.field("amount", to_string(tr->amount));
    w.field("to", tr->to);
  } else if (const ApproveAction* ap = a.approve()) {
    w.field("type", "approve");
    w.field("asset", t.assets[ap->asset].id);
    w.field("spender", ap->spender);
    w.field("amount", to_string(ap->amount));
  } else if (const WrapAction* wr = a.wrap()) {
    w.field("type", wr->unwrap ? "unwrap" : "wrap");
    w.field("amount", to_string(wr->amount));
  } else if (const CallAction* c = a.call()) {
    w.field("type", "call");
    w.field("to", c->to);
    w.field("value", to_string(c->value));
    if (c->selector) w.field("selector", selector_hex(*c->selector));
    if (c->delegatecall) w.field("delegatecall", true);
    w.field_nonempty("unverifiable", c->unverifiable);
  }
  w.field_nonempty("origin", a.origin.call);
  w.end_object();
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

void write_proposal(JsonWriter& w, const Proposal& p, const Treasury& t) {
  w.begin_object();
  w.field("ballast", "proposal/1");
  w.field_nonempty("id", p.id);
  w.field_nonempty("title", p.title);
  if (p.submitted_at) w.field("submitted_at", format_time(*p.submitted_at));
  if (p.source) {
    w.key("source").begin_object();
    w.field("format", p.source->format);
    if (p.source->checksum_valid) w.field("checksum_valid", *p.source->checksum_valid);
    w.end_object();
  }
  w.key("actions").begin_array();
  for (const Action& a : p.actions) write_action(w, a, t);
  w.end_array();
  w.end_object();
}

std::string proposal_json(const Proposal& p, const Treasury& t) {
  JsonWriter w;
  write_proposal(w, p, t);
  return w.take() + "\n";
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
