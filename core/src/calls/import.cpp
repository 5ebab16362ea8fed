// From decoded calls to proposal/1 actions (SPEC 11.3): each call that executes, in order, becomes
// the action it performs on the treasury's assets and venues, or a `call` that the rules judge.
#include "../documents/reader.h"
#include "abi.h"
#include "ballast/calls.h"

#include <algorithm>

namespace ballast {

namespace {

const char* const kDoc = "calls";
constexpr std::int64_t kLastRfc3339Second = 253402300799;  // 9999-12-31T23:59:59Z

class Importer {
 public:
  Importer(const Treasury& t, long long chain, Diagnostics& d)
      : t_(t), account_(*t.account), chain_(chain), contracts_(contracts_of(t)), diags_(d) {}

  void add(const Call& c, const std::vector<CowOrder>& orders) {
    const Contract* k = find_contract(contracts_, c.to);
    if (c.delegatecall) return push(unknown(c), c.origin);
    if (c.data.empty()) return plain_value(c, k);
    if (k && k->kind == ContractKind::Weth && weth_call(c)) return;
    if (k && router_call(c, *k)) return;
    if (k && k->kind == ContractKind::CowSettlement && presignature(c, orders)) return;
    if (curve_call(c)) return;
    if (token_call(c)) return;
    push(unknown(c), c.origin);
  }

  std::vector<Action> actions;

 private:
  void push(decltype(Action::op) op, const std::string& origin) {
    Action a;
    a.op = std::move(op);
    a.origin.call = origin;
    a.origin.path = "/proposal" + pointer_join("/actions", actions.size());
    actions.push_back(std::move(a));
  }

  static CallAction unknown(const Call& c) {
    CallAction x;
    x.to = c.to;
    x.value = c.value;
    if (c.data.size() >= 4) x.selector = calls::selector_of(c.data);
    x.delegatecall = c.delegatecall;
    return x;
  }

  std::optional<std::size_t> asset_at(const std::string& address) const {
    for (std::size_t i = 0; i < t_.assets.size(); ++i)
      if (!t_.assets[i].address.empty() && t_.assets[i].address == address) return i;
    return std::nullopt;
  }

  // A value transfer with no data: into WETH it is a deposit (its fallback), else a transfer of
  // the native asset.
  void plain_value(const Call& c, const Contract* k) {
    if (k && k->kind == ContractKind::Weth && t_.native_asset && t_.wrapped_native)
      return push(WrapAction{false, c.value}, c.origin);
    if (t_.native_asset && c.value > 0) return push(TransferAction{*t_.native_asset, c.value, c.to}, c.origin);
    push(unknown(c), c.origin);
  }

  bool weth_call(const Call& c) {
    auto tc = decode_token_call(c, kDoc, diags_);
    if (!tc || !t_.native_asset || !t_.wrapped_native) return false;
    if (tc->kind == TokenCall::Kind::Deposit) push(WrapAction{false, c.value}, c.origin);
    else if (tc->kind == TokenCall::Kind::Withdraw) push(WrapAction{true, tc->amount}, c.origin);
    else return false;  // transfer / approve of WETH: an ERC-20 call
    return true;
  }

  bool token_call(const Call& c) {
    const auto asset = asset_at(c.to);
    if (!asset) return false;
    auto tc = decode_token_call(c, kDoc, diags_);
    if (!tc || c.value > 0) return false;
    switch (tc->kind) {
      case TokenCall::Kind::Transfer: push(TransferAction{*asset, tc->amount, tc->to}, c.origin); return true;
      case TokenCall::Kind::Approve: push(ApproveAction{*asset, tc->to, tc->amount}, c.origin); return true;
      case TokenCall::Kind::TransferFrom:
        if (tc->from != account_) return false;  // moves someone else's tokens: call.unknown
        push(TransferAction{*asset, tc->amount, tc->to}, c.origin);
        return true;
      default: return false;
    }
  }

  bool router_call(const Call& c, const Contract& k) {
    std::optional<std::vector<RouterSwap>> swaps;
    switch (k.kind) {
      case ContractKind::UniswapV2Router:
        swaps = decode_router_call(c, RouterKind::V2Router02, k.address, account_, kDoc, diags_);
        break;
      case ContractKind::UniswapV3SwapRouter:
        swaps = decode_router_call(c, RouterKind::SwapRouter, k.address, account_, kDoc, diags_);
        break;
      case ContractKind::UniswapSwapRouter02:
        swaps = decode_router_call(c, RouterKind::SwapRouter02, k.address, account_, kDoc, diags_);
        break;
      case ContractKind::UniswapUniversalRouter:
        if (auto v = universal_router_version(k.version))
          swaps = decode_universal_router_call(c, *v, k.address, account_, kDoc, diags_);
        break;
      default: return false;
    }
    if (!swaps) return false;
    if (swaps->empty()) push(unknown(c), c.origin);
    // A swap paid to the router is held until the next swap spends the router's balance: the two
    // are one route (its origin the first's). Held and not spent, it is a swap paid to the router.
    std::optional<SwapAction> held;
    std::string held_origin;
    auto flush = [&] {
      if (held) push(std::move(*held), held_origin);
      held.reset();
    };
    for (const RouterSwap& s : *swaps) {
      const bool chained = s.router_balance && held;
      if (!chained) flush();
      auto a = router_swap(s, k.address, chained ? &*held : nullptr);
      if (chained && !a) flush();
      if (!a) {
        push(unknown(c), s.origin);
        continue;
      }
      const std::string origin = chained ? held_origin : s.origin;
      held.reset();
      if (a->exact_in && a->recipient == k.address) {
        held = std::move(a);
        held_origin = origin;
      } else {
        push(std::move(*a), origin);
      }
    }
    flush();
    return true;
  }

  // The venue a hop trades on: a v3 pool of that pair and fee, or the v2 pair.
  std::optional<std::size_t> hop_venue(std::size_t a, std::size_t b, std::optional<std::uint32_t> fee) const {
    for (std::size_t v = 0; v < t_.venues.size(); ++v) {
      const Venue& x = t_.venues[v];
      const bool pair = x.tokens.size() == 2 && ((x.tokens[0] == a && x.tokens[1] == b) || (x.tokens[0] == b && x.tokens[1] == a));
      if (!pair) continue;
      if (fee && std::holds_alternative<UniswapV3Pool>(x.state) &&
          std::get<UniswapV3Pool>(x.state).fee_pips == static_cast<long long>(*fee))
        return v;
      if (!fee && std::holds_alternative<UniswapV2Pool>(x.state)) return v;
    }
    return std::nullopt;
  }

  std::optional<Time> deadline(const std::optional<Int>& d) const {
    if (!d || *d > Int(kLastRfc3339Second)) return std::nullopt;  // beyond 9999: no deadline in effect
    Time t;
    t.seconds = static_cast<std::int64_t>(*d);
    return t;
  }

  // The swap a router states, on the treasury's venues. With `held` (the swap before it in the same
  // call, paid to the router), a swap of the router's balance continues it: one route from the
  // held swap's input to this one's output and bound.
  std::optional<SwapAction> router_swap(const RouterSwap& r, const std::string& router,
                                        const SwapAction* held = nullptr) const {
    if (r.path.size() < 2 || (r.router_balance && !held)) return std::nullopt;
    std::vector<std::size_t> assets;
    for (const std::string& token : r.path) {
      auto a = asset_at(token);
      if (!a) return std::nullopt;
      assets.push_back(*a);
    }
    SwapAction s;
    std::vector<std::size_t> venues = held ? held->venues() : std::vector<std::size_t>{};
    if (held) {
      if (held->buy != assets.front()) return std::nullopt;
      s.via = held->via;
      s.via.push_back(held->buy);
    }
    for (std::size_t k = 0; k + 1 < assets.size(); ++k) {
      auto v = hop_venue(assets[k], assets[k + 1], r.fees.empty() ? std::nullopt : std::optional<std::uint32_t>(r.fees[k]));
      if (!v) return std::nullopt;
      venues.push_back(*v);
      if (k > 0) s.via.push_back(assets[k]);
    }
    s.venue = venues.front();
    if (venues.size() > 1) s.route = std::move(venues);
    // A v3 router pays only a WETH input from msg.value: another token's swap sent value does not sell ETH.
    const bool native_in = r.sells_native && t_.native_asset &&
                           (r.wrapped_input.empty() || (t_.wrapped_native && t_.assets[*t_.wrapped_native].address == r.wrapped_input));
    s.sell = held ? held->sell : native_in ? *t_.native_asset : assets.front();
    s.buy = r.buys_native && t_.native_asset ? *t_.native_asset : assets.back();
    if (s.sell == s.buy) return std::nullopt;  // a circular path: not a swap a proposal can state
    s.exact_in = r.exact_in;
    s.amount = held ? held->amount : r.amount;
    s.bound = r.bound;
    s.recipient = r.recipient;
    for (const auto& p : r.payments)
      if (p.recipient != account_) s.recipient = p.recipient;  // part of the output paid away
    s.deadline = deadline(r.deadline);
    if (held) s.spender = held->spender;
    else if (!native_in) s.spender = router;
    return s;
  }

  bool curve_call(const Call& c) {
    for (std::size_t v = 0; v < t_.venues.size(); ++v) {
      const Venue& x = t_.venues[v];
      if (x.address != c.to || !std::holds_alternative<CurveStableSwapPool>(x.state)) continue;
      auto e = decode_curve_call(c, x.curve_template, kDoc, diags_);
      if (!e || e->underlying || e->use_eth || e->i >= x.tokens.size() || e->j >= x.tokens.size()) return false;
      SwapAction s;
      s.venue = v;
      s.sell = x.tokens[e->i];
      s.buy = x.tokens[e->j];
      s.amount = e->dx;
      s.bound = e->min_dy;
      s.recipient = e->receiver.value_or(account_);
      s.spender = x.address;
      push(std::move(s), c.origin);
      return true;
    }
    return false;
  }

  // setPreSignature(uid, true) with the order's terms: a swap on the treasury's limit-order venue
  // that trades the pair; without terms that hash to the UID, an unverifiable call.
  bool presignature(const Call& c, const std::vector<CowOrder>& orders) {
    auto ps = decode_presignature(c, kDoc, diags_);
    if (!ps) return false;
    CallAction x = unknown(c);
    if (!ps->second) {
      x.unverifiable.clear();
      push(std::move(x), c.origin);  // revoking a pre-signature: a call like any other
      return true;
    }
    const std::string owner = ps->first.size() == 56 ? calls::address_hex(std::string_view(ps->first).substr(32, 20)) : "";
    const CowOrder* order = nullptr;
    for (const CowOrder& o : orders)
      if (cow_order_uid(o, account_, chain_, c.to) == ps->first) order = &o;
    if (owner != account_) x.unverifiable = "the order's owner is " + owner + ", not the account";
    else if (!order) x.unverifiable = "no order terms hash to UID " + to_hex(ps->first);
    if (!x.unverifiable.empty()) return push(std::move(x), c.origin), true;
    auto sell = asset_at(order->sell_token), buy = asset_at(order->buy_token);
    if (sell && buy && *sell == *buy) sell.reset();
    std::optional<std::size_t> venue;
    for (std::size_t v = 0; v < t_.venues.size() && sell && buy; ++v) {
      const Venue& w = t_.venues[v];
      const bool trades = w.tokens.empty() || (std::count(w.tokens.begin(), w.tokens.end(), *sell) &&
                                               std::count(w.tokens.begin(), w.tokens.end(), *buy));
      if (std::holds_alternative<LimitOrderVenue>(w.state) && trades && !venue) venue = v;
    }
    if (!venue) {
      x.unverifiable = "the order's tokens are not assets of the treasury, or no limit_order venue trades them";
      return push(std::move(x), c.origin), true;
    }
    SwapAction s;
    s.venue = *venue;
    s.sell = *sell;
    s.buy = *buy;
    s.exact_in = order->sell;
    s.amount = order->sell ? order->sell_amount : order->buy_amount;
    s.bound = order->sell ? order->buy_amount : order->sell_amount;
    if (order->receiver != "0x0000000000000000000000000000000000000000") s.recipient = order->receiver;
    Time valid;
    valid.seconds = order->valid_to;
    s.deadline = valid;
    push(std::move(s), c.origin);
    return true;
  }

  const Treasury& t_;
  const std::string account_;
  long long chain_;
  std::vector<Contract> contracts_;
  Diagnostics& diags_;
};

}  // namespace

Parsed<Proposal> import_calls(std::string_view text, const Treasury& treasury, const CheckLimits& limits) {
  Parsed<Proposal> out;
  Parsed<Batch> batch = read_batch(text, treasury, limits);
  if (!batch.value) {
    out.errors = std::move(batch.errors);
    return out;
  }
  Diagnostics d;
  CallLimits cl;
  cl.max_calls = limits.max_actions;
  cl.max_bytes = limits.max_bytes;
  const std::vector<Call> calls = unwrap_calls(batch.value->calls, *treasury.account, contracts_of(treasury), kDoc, d, cl);
  Importer im(treasury, *treasury.chain_id, d);
  for (const Call& c : calls) im.add(c, batch.value->orders);
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) return out;
  Proposal p;
  p.id = batch.value->name.empty() ? "imported" : batch.value->name;
  p.title = batch.value->description;
  p.actions = std::move(im.actions);
  p.source = ImportSource{batch.value->format, batch.value->checksum_valid};
  out.value = std::move(p);
  return out;
}

}  // namespace ballast
