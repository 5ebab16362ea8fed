// proposal/1: the actions (swaps, routes, transfers, approvals, wraps and calls, resolved against the treasury when there is one)
// and the allocation the proposal claims.
#include "readers.h"

#include "ballast/calls.h"

#include <algorithm>

namespace ballast::documents {

namespace {

const char* const kListedHint = ": every traded asset must be listed";

// An asset reference: resolved when the treasury is known, else only checked to be an id.
std::optional<std::size_t> asset_ref(Reader& r, const References* refs, const Node& n, const Path& path) {
  if (refs) return refs->asset(r, n, path, kListedHint);
  return r.id(n, path) ? std::optional<std::size_t>(0) : std::nullopt;
}

// Whether venue `v` trades `asset` (the native coin where it lists the wrapped one).
bool venue_trades(const Treasury& t, const Venue& v, std::size_t asset) {
  const std::size_t as = traded_as(t, v, asset);
  return v.tokens.empty() || std::find(v.tokens.begin(), v.tokens.end(), as) != v.tokens.end();
}

// The asset a route passes through after the venue at `k`: the other token of a two-token venue
// that the next venue trades; nullopt (with an error) when the venues do not chain.
std::optional<std::size_t> derive_via(Reader& r, Obj& a, const Treasury& t, const std::vector<std::size_t>& route,
                                      std::size_t k, std::size_t from) {
  const Venue& v = t.venues[route[k]];
  const Venue& next = t.venues[route[k + 1]];
  const std::size_t in = traded_as(t, v, from);
  std::vector<std::size_t> candidates;
  for (std::size_t x : v.tokens)
    if (x != in && venue_trades(t, next, x)) candidates.push_back(x);
  if (candidates.size() == 1) return candidates.front();
  r.error(code::value_range, pointer_join(a.at("route"), k + 1),
          "cannot tell which asset the route passes between " + quote(std::string_view(v.id)) + " and " +
              quote(std::string_view(next.id)) + ": name it in \"via\"");
  return std::nullopt;
}

// What a swap must satisfy against the treasury: different assets, each hop's assets traded by its
// venue, the route's intermediate assets, and the bound a limit-order venue fills at.
bool check_swap_against(Reader& r, Obj& a, SwapAction& s, const Treasury& t, bool has_in) {
  if (s.sell == s.buy) {
    r.error(code::value_range, a.at("buy"), "a swap must buy a different asset than it sells");
    return false;
  }
  if (!s.route.empty() && s.via.empty()) {
    std::size_t from = s.sell;
    for (std::size_t k = 0; k + 1 < s.route.size(); ++k) {
      auto x = derive_via(r, a, t, s.route, k, from);
      if (!x) return false;
      s.via.push_back(*x);
      from = *x;
    }
  }
  const std::vector<std::size_t> venues = s.venues();
  for (std::size_t k = 0; k < venues.size(); ++k) {
    const Venue& v = t.venues[venues[k]];
    const std::string where = s.route.empty() ? std::string() : pointer_join(a.at("route"), k);
    for (auto [key, asset] : {std::pair<const char*, std::size_t>{"sell", s.hop_sell(k)}, {"buy", s.hop_buy(k)}}) {
      if (venue_trades(t, v, asset)) continue;
      r.error(code::ref_not_in_venue, where.empty() ? a.at(key) : where,
              "venue " + quote(std::string_view(v.id)) + " does not trade " + quote(std::string_view(t.assets[asset].id)));
      return false;
    }
    if (std::holds_alternative<LimitOrderVenue>(v.state) && venues.size() > 1) {
      r.error(code::value_range, where, "a limit_order venue cannot be a hop of a route");
      return false;
    }
  }
  if (std::holds_alternative<LimitOrderVenue>(t.venues[s.venue].state) && !a.opt(has_in ? "min_amount_out" : "max_amount_in")) {
    r.error(code::field_missing, a.at(has_in ? "min_amount_out" : "max_amount_in"),
            "a limit_order venue fills at the stated bound: \"" + std::string(has_in ? "min_amount_out" : "max_amount_in") +
                "\" is required");
    return false;
  }
  return true;
}

// A venue reference, resolved when the treasury is known.
std::optional<std::size_t> venue_ref(Reader& r, const References* refs, const Node& n, const Path& path) {
  if (refs) return refs->venue(r, n, path);
  return r.id(n, path) ? std::optional<std::size_t>(0) : std::nullopt;
}

// `venue`, or `route` (two venues or more, with optional `via` assets): false on an error.
bool read_venues(Reader& r, Obj& a, const References* refs, SwapAction& s) {
  const bool has_route = a.opt("route") != nullptr;
  if (has_route == (a.opt("venue") != nullptr)) {
    r.error(has_route ? code::value_range : code::field_missing, a.at(has_route ? "venue" : "route"),
            "a swap names exactly one of \"venue\" (one pool) and \"route\" (several, in trade order)");
    a.opt("via");
    return false;
  }
  if (!has_route) {
    auto v = a.get("venue", true, [&](const Node& n, const Path& path) { return venue_ref(r, refs, n, path); });
    if (v) s.venue = *v;
    if (a.opt("via")) r.error(code::field_unknown, a.at("via"), "\"via\" goes with \"route\"");
    return v.has_value();
  }
  bool ok = true;
  each_item(r, *a.opt("route"), Path(a, "route"), 8, "route venues", [&](const Node& n, const Path& path) {
    auto v = venue_ref(r, refs, n, path);
    if (v) s.route.push_back(*v);
    else ok = false;
  });
  if (ok && s.route.size() < 2) {
    r.error(code::value_range, a.at("route"), "a route has two venues or more (one venue: use \"venue\")");
    ok = false;
  }
  if (const Node* via = a.opt("via")) {
    each_item(r, *via, Path(a, "via"), 7, "route assets", [&](const Node& n, const Path& path) {
      auto x = asset_ref(r, refs, n, path);
      if (x) s.via.push_back(*x);
      else ok = false;
    });
    if (ok && s.via.size() + 1 != s.route.size()) {
      r.error(code::value_range, a.at("via"), "\"via\" names one asset between each two venues of the route");
      ok = false;
    }
  }
  if (ok) s.venue = s.route.front();
  return ok;
}

std::optional<SwapAction> read_swap(Reader& r, Obj& a, const Treasury* t, const References* refs) {
  SwapAction s;
  const bool venues_ok = read_venues(r, a, refs, s);
  auto asset = [&](const Node& n, const Path& path) { return asset_ref(r, refs, n, path); };
  auto sell = a.get("sell", true, asset);
  auto buy = a.get("buy", true, asset);
  auto in = a.amount("amount_in");
  auto out = a.amount("amount_out");
  auto min_out = a.amount("min_amount_out");
  auto max_in = a.amount("max_amount_in");
  s.recipient = a.address("recipient");
  s.deadline = a.time("deadline");
  s.spender = a.address("spender");
  bool has_in = a.opt("amount_in") != nullptr, has_out = a.opt("amount_out") != nullptr;
  bool ok = true;
  if (has_in == has_out) {
    r.error(has_in ? code::value_range : code::field_missing, a.at(has_in ? "amount_out" : "amount_in"),
            "a swap states exactly one of \"amount_in\" (exact input) and \"amount_out\" (exact output)");
    ok = false;
  }
  if (has_in && a.opt("max_amount_in"))
    r.error(code::field_unknown, a.at("max_amount_in"), "\"max_amount_in\" goes with \"amount_out\", not \"amount_in\"");
  if (has_out && a.opt("min_amount_out"))
    r.error(code::field_unknown, a.at("min_amount_out"), "\"min_amount_out\" goes with \"amount_in\", not \"amount_out\"");
  if (!venues_ok || !sell || !buy || (!in && !out) || !ok) return std::nullopt;
  s.sell = *sell;
  s.buy = *buy;
  s.exact_in = has_in;
  s.amount = has_in ? *in : *out;
  s.bound = has_in ? min_out : max_in;
  if (refs && t && !check_swap_against(r, a, s, *t, has_in)) return std::nullopt;
  return s;
}

std::optional<TransferAction> read_transfer(Reader& r, Obj& a, const References* refs) {
  auto as = a.get("asset", true, [&](const Node& n, const Path& path) { return asset_ref(r, refs, n, path); });
  auto am = a.amount("amount", true);
  auto to = a.address("to", true);
  if (!as || !am || !to) return std::nullopt;
  return TransferAction{*as, *am, *to};
}

std::optional<ApproveAction> read_approve(Reader& r, Obj& a, const References* refs) {
  auto as = a.get("asset", true, [&](const Node& n, const Path& path) { return asset_ref(r, refs, n, path); });
  auto sp = a.address("spender", true);
  auto am = a.amount("amount", true);
  if (!as || !am || !sp) return std::nullopt;
  return ApproveAction{*as, *sp, *am};
}

// wrap / unwrap: the treasury must hold both the native asset and the wrapped one.
std::optional<WrapAction> read_wrap(Reader& r, Obj& a, const Treasury* t, bool unwrap) {
  auto am = a.amount("amount", true);
  if (!am) return std::nullopt;
  if (t && (!t->native_asset || !t->wrapped_native)) {
    r.error(code::value_range, a.at("type"),
            std::string(unwrap ? "unwrap" : "wrap") + " needs a native asset and the asset at the chain's WETH address "
            "in the treasury");
    return std::nullopt;
  }
  return WrapAction{unwrap, *am};
}

std::optional<CallAction> read_call(Reader& r, Obj& a) {
  CallAction c;
  auto to = a.address("to", true);
  if (auto v = a.amount("value")) c.value = *v;
  if (auto v = a.string("selector")) {
    c.selector = parse_selector_hex(*v);
    if (!c.selector) {
      r.error(code::value_range, a.at("selector"), "expected \"0x\" and 8 hex digits, got " + quote(std::string_view(*v)));
      return std::nullopt;
    }
  }
  if (auto v = a.boolean("delegatecall")) c.delegatecall = *v;
  if (auto v = a.string("unverifiable")) c.unverifiable = *v;
  if (!to) return std::nullopt;
  c.to = *to;
  return c;
}

// One action of `type`; nullopt on an error (reported).
std::optional<decltype(Action::op)> read_op(Reader& r, Obj& a, const Node& type, const Treasury* t, const References* refs) {
  const std::string_view name = type.kind == Node::Kind::String ? std::string_view(type.text) : std::string_view();
  auto lift = [](auto&& x) { return x ? std::optional<decltype(Action::op)>(std::move(*x)) : std::nullopt; };
  if (name == "swap") return lift(read_swap(r, a, t, refs));
  if (name == "transfer") return lift(read_transfer(r, a, refs));
  if (name == "approve") return lift(read_approve(r, a, refs));
  if (name == "wrap" || name == "unwrap") return lift(read_wrap(r, a, t, name == "unwrap"));
  if (name == "call") return lift(read_call(r, a));
  r.error(code::value_range, a.at("type"),
          "expected action type \"swap\", \"transfer\", \"approve\", \"wrap\", \"unwrap\" or \"call\", got " + quote(type));
  a.ignore_rest();
  return std::nullopt;
}

void read_source(Reader& r, Obj& o, Proposal& p) {
  const Node* n = o.opt("source");
  if (!n) return;
  Obj s(r, *n, o.at("source"));
  if (!s.ok()) return;
  ImportSource src;
  if (auto f = s.string("format", true)) {
    if (*f != "tx-builder" && *f != "calls/1")
      r.error(code::value_range, s.at("format"), "expected \"tx-builder\" or \"calls/1\", got " + quote(std::string_view(*f)));
    src.format = *f;
  }
  src.checksum_valid = s.boolean("checksum_valid");
  p.source = std::move(src);
}

}  // namespace

std::optional<Proposal> read_proposal(Reader& r, const Node& root, const Treasury* t, const References* refs) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  if (!check_kind(r, o, "proposal/1")) return std::nullopt;
  Proposal p;
  if (auto v = o.string("id")) p.id = *v;
  if (auto v = o.string("title")) p.title = *v;
  o.opt("description");
  p.submitted_at = o.time("submitted_at");
  read_source(r, o, p);
  each_object(r, o, "actions", true, r.limits().max_actions, "actions", [&](Obj& a, std::size_t i) {
    Action act;
    act.origin.path = "/proposal" + pointer_join("/actions", i);
    a.opt("note");
    if (auto o = a.string("origin")) act.origin.call = *o;
    const Node* type = a.req("type");
    if (!type) return;
    auto op = read_op(r, a, *type, t, refs);
    if (!op) return;
    act.op = std::move(*op);
    p.actions.push_back(std::move(act));
  });
  std::set<std::string> claim_ids;
  each_object(r, o, "allocation", false, r.limits().max_list, "allocation claims", [&](Obj& c, std::size_t) {
    AllocationClaim x;
    x.meta = read_meta(r, c, &claim_ids);
    auto s = c.selector("select", true);
    auto w = c.bps("weight_bps", true);
    auto tol = c.bps("tolerance_bps");
    if (!s || !w) return;
    x.select = *s;
    x.weight_bps = *w;
    x.tolerance_bps = tol.value_or(0);
    p.allocation.push_back(std::move(x));
  });
  return p;
}

}  // namespace ballast::documents
