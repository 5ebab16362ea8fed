// proposal/1: the actions (swaps and transfers, resolved against the treasury when there is one)
// and the allocation the proposal claims.
#include "readers.h"

#include <algorithm>

namespace ballast::documents {

namespace {

const char* const kListedHint = ": every traded asset must be listed";

// An asset reference: resolved when the treasury is known, else only checked to be an id.
std::optional<std::size_t> asset_ref(Reader& r, const References* refs, const Node& n, const std::string& path) {
  if (refs) return refs->asset(r, n, path, kListedHint);
  return r.id(n, path) ? std::optional<std::size_t>(0) : std::nullopt;
}

// What a swap must satisfy against the treasury: two assets, both traded by the venue, and the
// bound a limit-order venue fills at.
bool check_swap_against(Reader& r, Obj& a, const SwapAction& s, const Treasury& t, bool has_in) {
  if (s.sell == s.buy) {
    r.error(code::value_range, a.at("buy"), "a swap must buy a different asset than it sells");
    return false;
  }
  const Venue& v = t.venues[s.venue];
  auto in_venue = [&](std::size_t asset) {
    return v.tokens.empty() || std::find(v.tokens.begin(), v.tokens.end(), asset) != v.tokens.end();
  };
  for (auto [key, asset] : {std::pair<const char*, std::size_t>{"sell", s.sell}, {"buy", s.buy}}) {
    if (!in_venue(asset)) {
      r.error(code::ref_not_in_venue, a.at(key),
              "venue " + quote(std::string_view(v.id)) + " does not trade " + quote(std::string_view(t.assets[asset].id)));
      return false;
    }
  }
  if (std::holds_alternative<LimitOrderVenue>(v.state) && !a.opt(has_in ? "min_amount_out" : "max_amount_in")) {
    r.error(code::field_missing, a.at(has_in ? "min_amount_out" : "max_amount_in"),
            "a limit_order venue fills at the stated bound: \"" + std::string(has_in ? "min_amount_out" : "max_amount_in") +
                "\" is required");
    return false;
  }
  return true;
}

std::optional<SwapAction> read_swap(Reader& r, Obj& a, const Treasury* t, const References* refs) {
  auto venue = a.get("venue", true, [&](const Node& n, const std::string& path) -> std::optional<std::size_t> {
    if (refs) return refs->venue(r, n, path);
    return r.id(n, path) ? std::optional<std::size_t>(0) : std::nullopt;
  });
  auto asset = [&](const Node& n, const std::string& path) { return asset_ref(r, refs, n, path); };
  auto sell = a.get("sell", true, asset);
  auto buy = a.get("buy", true, asset);
  auto in = a.amount("amount_in");
  auto out = a.amount("amount_out");
  auto min_out = a.amount("min_amount_out");
  auto max_in = a.amount("max_amount_in");
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
  if (!venue || !sell || !buy || (!in && !out) || !ok) return std::nullopt;
  SwapAction s{*venue, *sell, *buy, has_in, has_in ? *in : *out, has_in ? min_out : max_in};
  if (refs && t && !check_swap_against(r, a, s, *t, has_in)) return std::nullopt;
  return s;
}

std::optional<TransferAction> read_transfer(Reader& r, Obj& a, const References* refs) {
  auto as = a.get("asset", true, [&](const Node& n, const std::string& path) { return asset_ref(r, refs, n, path); });
  auto am = a.amount("amount", true);
  auto to = a.address("to", true);
  if (!as || !am || !to) return std::nullopt;
  return TransferAction{*as, *am, *to};
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
  each_object(r, o, "actions", true, r.limits().max_actions, "actions", [&](Obj& a, std::size_t i) {
    Action act;
    act.origin.path = "/proposal" + pointer_join("/actions", i);
    a.opt("note");
    const Node* type = a.req("type");
    if (!type) return;
    const bool is_string = type->kind == Node::Kind::String;
    if (is_string && type->text == "swap") {
      auto s = read_swap(r, a, t, refs);
      if (!s) return;
      act.op = std::move(*s);
    } else if (is_string && type->text == "transfer") {
      auto tr = read_transfer(r, a, refs);
      if (!tr) return;
      act.op = std::move(*tr);
    } else {
      r.error(code::value_range, a.at("type"), "expected action type \"swap\" or \"transfer\", got " + quote(*type));
      return;
    }
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
