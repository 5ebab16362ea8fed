// treasury/1: assets, venues (core/src/documents/venues.cpp), obligations, history.
#include "readers.h"

#include "ballast/calls.h"

namespace ballast::documents {

std::optional<std::size_t> References::asset(Reader& r, const Node& n, const Path& path, const char* hint) const {
  auto id = r.id(n, path);
  if (!id) return std::nullopt;
  auto it = assets.find(*id);
  if (it == assets.end()) {
    r.error(code::ref_unknown_asset, path, "unknown asset " + quote(n) + hint);
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::size_t> References::venue(Reader& r, const Node& n, const Path& path) const {
  auto id = r.id(n, path);
  if (!id) return std::nullopt;
  auto it = venues.find(*id);
  if (it == venues.end()) {
    r.error(code::ref_unknown_venue, path, "unknown venue " + quote(n));
    return std::nullopt;
  }
  return it->second;
}

namespace {

// One asset; false when it cannot be listed (no id, or a duplicate). Sets `overflow` when its
// value is not below 2^256 wad.
bool read_asset(Reader& r, Obj& a, Asset& as, References& refs, std::size_t index, bool& overflow) {
  bool ok = true;
  if (auto v = a.id("id", true)) {
    as.id = *v;
    if (!refs.assets.emplace(as.id, index).second) {
      r.error(code::id_duplicate, a.at("id"), "duplicate asset id " + quote(as.id));
      ok = false;
    }
  } else {
    ok = false;
  }
  if (auto v = a.id("chain")) as.chain = *v;
  if (auto v = a.address("address")) as.address = *v;
  if (auto v = a.boolean("native")) as.native = *v;
  if (as.native && !as.address.empty())
    r.error(code::value_range, a.at("address"), "a native asset (the chain's coin) has no token address");
  if (auto v = a.integer("decimals", true, 0, 77)) as.decimals = static_cast<unsigned>(*v);
  auto bal = a.amount("balance", true);
  auto price = a.decimal("price", true);
  if (bal) as.balance = *bal;
  if (price) as.price = *price;
  if (bal && price && asset_value(as.balance, as.price, as.decimals) >= two_pow_256()) {
    r.error(code::arith_overflow, a.at("balance"), "value of " + quote(as.id) + " (balance times price) is not below 2^256 wad");
    overflow = true;
  }
  if (const Node* tags = a.opt("tags")) {
    std::set<std::string> seen;
    each_item(r, *tags, Path(a, "tags"), 64, "tags", [&](const Node& n, const Path& p) {
      if (auto tg = r.tag(n, p)) {
        if (seen.insert(*tg).second) as.tags.push_back(*tg);
      }
    });
  }
  return ok;
}

void read_obligations(Reader& r, Obj& o, Treasury& t) {
  const Node* ob = o.opt("obligations");
  if (!ob) return;
  Obj oo(r, *ob, o.at("obligations"));
  if (!oo.ok()) return;
  t.monthly_opex = oo.decimal("monthly_opex");
  const Node* li = oo.opt("liabilities");
  if (!li) return;
  if (li->kind != Node::Kind::Object) {
    r.error(code::type_mismatch, oo.at("liabilities"), "expected an object of named amounts, got " + quote(*li));
    return;
  }
  for (const auto& m : li->members) {
    std::string p = pointer_join(oo.at("liabilities"), m.first);
    if (!valid_id(m.first)) {
      r.error(code::type_id, p, "liability name " + quote(std::string_view(m.first)) + " is not an id");
      continue;
    }
    if (auto v = r.decimal(m.second, p)) t.liabilities[m.first] = *v;
  }
}

void read_history(Reader& r, Obj& o, Treasury& t) {
  each_object(r, o, "history", false, r.limits().max_history, "history entries", [&](Obj& h, std::size_t) {
    HistoryEntry e;
    if (auto v = h.time("at", true)) e.at = *v;
    if (const Node* k = h.req("kind")) {
      if (k->kind == Node::Kind::String && (k->text == "swap" || k->text == "transfer"))
        e.kind = k->text;
      else
        r.error(code::value_range, h.at("kind"), "expected \"swap\" or \"transfer\", got " + quote(*k));
    }
    if (auto v = h.decimal("value", true)) e.value = *v;
    if (auto v = h.decimal("loss", false, true)) e.loss = *v;
    h.opt("note");  // free text, ignored
    t.history.push_back(std::move(e));
  });
}

void read_contracts(Reader& r, Obj& o, Treasury& t) {
  each_object(r, o, "contracts", false, r.limits().max_list, "contracts", [&](Obj& c, std::size_t) {
    auto address = c.address("address", true);
    auto kind = c.string("kind", true);
    auto version = c.string("version");
    if (!address || !kind) return;
    auto k = parse_contract_kind(*kind);
    if (!k) {
      r.error(code::value_range, c.at("kind"), "unknown contract kind " + quote(std::string_view(*kind)) +
                                                   " (uniswap_v2_router, uniswap_v3_swap_router, uniswap_swap_router02, "
                                                   "uniswap_universal_router, safe_multisend, safe_multisend_call_only, "
                                                   "cow_settlement, weth, governor, governor_bravo)");
      return;
    }
    if (*k == ContractKind::UniswapUniversalRouter && (!version || !universal_router_version(*version))) {
      r.error(version ? code::value_range : code::field_missing, c.at("version"),
              "a Universal Router needs its version as a dotted number (\"1.2\", \"2.0\", \"2.1.1\"): the input layout "
              "changes between versions");
      return;
    }
    if (find_contract(t.contracts, *address)) {
      r.error(code::id_duplicate, c.at("address"), "contract " + *address + " is listed twice");
      return;
    }
    t.contracts.push_back({*address, *k, version.value_or("")});
  });
}

// The native asset (at most one) and the asset at the chain's wrapped-native (WETH) address.
void find_native(Reader& r, Treasury& t) {
  for (std::size_t i = 0; i < t.assets.size(); ++i) {
    if (!t.assets[i].native) continue;
    if (t.native_asset) r.error(code::value_range, pointer_join("/assets", i) + "/native", "at most one asset is native");
    else t.native_asset = i;
  }
  for (const Contract& c : contracts_of(t)) {
    if (c.kind != ContractKind::Weth) continue;
    for (std::size_t i = 0; i < t.assets.size() && !t.wrapped_native; ++i)
      if (t.assets[i].address == c.address) t.wrapped_native = i;
  }
}

}  // namespace

std::optional<Treasury> read_treasury(Reader& r, const Node& root, References& refs) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  Treasury t;
  if (!check_kind(r, o, "treasury/1")) return std::nullopt;
  if (auto v = o.time("as_of", true)) t.as_of = *v;
  if (auto v = o.id("numeraire", true)) t.numeraire = *v;
  if (auto v = o.address("account")) t.account = lower(*v);
  if (auto v = o.integer("chain_id", false, 1, 9007199254740991LL)) t.chain_id = *v;
  if (auto v = o.integer("block", false, 0, 9007199254740991LL)) t.block = *v;
  const CheckLimits& lim = r.limits();
  bool overflow = false;
  each_object(r, o, "assets", true, lim.max_assets, "assets", [&](Obj& a, std::size_t) {
    Asset as;
    if (read_asset(r, a, as, refs, t.assets.size(), overflow)) t.assets.push_back(std::move(as));
  });
  Int nav = 0;
  for (const auto& a : t.assets) nav += asset_value(a.balance, a.price, a.decimals);
  if (!overflow && nav >= two_pow_256()) r.error(code::arith_overflow, "/assets", "total value of the assets is not below 2^256 wad");

  each_object(r, o, "venues", false, lim.max_venues, "venues", [&](Obj& vo, std::size_t) {
    Venue v;
    auto id = vo.id("id", true);
    auto kind = vo.string("kind", true);
    if (!id || !kind) return;
    v.id = *id;
    v.kind = *kind;
    if (!refs.venues.emplace(v.id, t.venues.size()).second) {
      r.error(code::id_duplicate, vo.at("id"), "duplicate venue id " + quote(v.id));
      return;
    }
    read_venue(r, vo, v, refs, t.assets);
    t.venues.push_back(std::move(v));
  });
  read_contracts(r, o, t);
  find_native(r, t);
  read_obligations(r, o, t);
  read_history(r, o, t);
  return t;
}

}  // namespace ballast::documents
