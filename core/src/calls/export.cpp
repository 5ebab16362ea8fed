// Export (SPEC 16): the calls that perform a proposal from the treasury's account, each action on
// its venue's real contract path, with exactly the approvals its swaps spend. The calldata is
// written by the one ABI encoder the project has (encode.cpp, the Tx Builder's encoding), from the
// functions' signatures and the values as text.
#include "abi.h"
#include "ballast/calls.h"
#include "encode.h"

#include <algorithm>

namespace ballast {

namespace {

using calls::AbiParam;

constexpr const char* kDoc = "proposal";

// The parameters of a signature's argument list ("address,uint256", "(address,uint24),bytes[]"):
// a parenthesised type is a tuple of its components.
std::vector<AbiParam> params_of(std::string_view types) {
  std::vector<AbiParam> out;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= types.size(); ++i) {
    if (i < types.size() && types[i] == '(') ++depth;
    if (i < types.size() && types[i] == ')') --depth;
    if (i < types.size() && (types[i] != ',' || depth > 0)) continue;
    std::string_view t = types.substr(start, i - start);
    start = i + 1;
    if (t.empty()) continue;
    if (t.front() == '(') out.push_back(AbiParam{"tuple", "", params_of(t.substr(1, t.size() - 2))});
    else out.push_back(AbiParam{std::string(t), "", {}});
  }
  return out;
}

// The calldata of `signature` ("approve(address,uint256)") with its values as text, encoded by the
// one ABI encoder the project has.
std::string abi_call(std::string_view signature, const std::vector<std::string>& values) {
  const std::size_t open = signature.find('(');
  return calls::encode_call(std::string(signature.substr(0, open)),
                            params_of(signature.substr(open + 1, signature.size() - open - 2)), values);
}

std::string list(const std::vector<std::string>& items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "," : "") + std::string("\"") + items[i] + "\"";
  return s + "]";
}

// A Uniswap v3 path: token ‖ fee (3 bytes) ‖ token …, as hex.
std::string v3_path(const std::vector<std::string>& tokens, const std::vector<std::uint32_t>& fees) {
  std::string bytes;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    bytes += *from_hex(tokens[k]);
    if (k < fees.size())
      for (int shift = 16; shift >= 0; shift -= 8) bytes += static_cast<char>((fees[k] >> shift) & 0xff);
  }
  return to_hex(bytes);
}

/// Why an action cannot be exported: thrown inside one action, reported at its path.
struct Unsupported {
  std::string why;
};

class Exporter {
 public:
  Exporter(const Treasury& t, const Proposal& p, const ExportOptions& o, Diagnostics& d)
      : t_(t), p_(p), d_(d), contracts_(contracts_of(t)), account_(t.account.value_or("")) {
    at_ = p.submitted_at ? *p.submitted_at : t.as_of;
    deadline_ = at_.seconds + o.deadline_hours * 3600;
  }

  Export run() {
    Export out;
    out.at = at_;
    for (std::size_t i = 0; i < p_.actions.size(); ++i) {
      const Action& a = p_.actions[i];
      origin_ = a.path().empty() ? pointer_join("/actions", i) : a.path();
      try {
        action(a);
      } catch (const Unsupported& u) {
        d_.add(code::export_unsupported, kDoc, origin_, std::string("action ") + std::to_string(i) + " (" +
               action_type_name(a.type()) + "): " + u.why);
      } catch (const calls::EncodeError& e) {
        d_.add(code::export_unsupported, kDoc, origin_, "action " + std::to_string(i) + ": " + e.message);
      }
    }
    out.calls = std::move(calls_);
    out.orders = std::move(orders_);
    return out;
  }

 private:
  void push(const std::string& to, const Int& value, const std::string& data) {
    Call c;
    c.to = to;
    c.value = value;
    c.data = data;
    c.origin = origin_;
    calls_.push_back(std::move(c));
  }

  const std::string& contract(ContractKind kind, const char* what) const {
    for (const Contract& c : t_.contracts)
      if (c.kind == kind) return c.address;
    for (const Contract& c : contracts_)
      if (c.kind == kind) return c.address;
    throw Unsupported{std::string("no ") + what + " is known on chain " + std::to_string(t_.chain_id.value_or(0)) +
                      " (list it in the treasury's contracts)"};
  }

  // The token address a pool trades for an asset: the wrapped coin for the native one.
  std::string token(std::size_t asset) const {
    if (t_.native_asset && asset == *t_.native_asset) return contract(ContractKind::Weth, "WETH");
    const Asset& a = t_.assets[asset];
    if (a.address.empty()) throw Unsupported{"asset " + a.id + " has no address"};
    return a.address;
  }

  bool native(std::size_t asset) const { return t_.native_asset && asset == *t_.native_asset; }

  std::string approve_data(const std::string& spender, const Int& amount) const {
    return abi_call("approve(address,uint256)", {spender, to_string(amount)});
  }

  void action(const Action& a) {
    if (const TransferAction* tr = a.transfer()) {
      if (native(tr->asset)) return push(tr->to, tr->amount, "");
      return push(token(tr->asset), 0,
                  abi_call("transfer(address,uint256)", {tr->to, to_string(tr->amount)}));
    }
    if (const ApproveAction* ap = a.approve()) return push(token(ap->asset), 0, approve_data(ap->spender, ap->amount));
    if (const WrapAction* w = a.wrap()) {
      const std::string& weth = contract(ContractKind::Weth, "WETH");
      if (w->unwrap) return push(weth, 0, abi_call("withdraw(uint256)", {to_string(w->amount)}));
      return push(weth, w->amount, abi_call("deposit()", {}));
    }
    if (a.call()) throw Unsupported{"a call is not exported: Ballast writes only what it can check"};
    swap(*a.swap());
  }

  void swap(const SwapAction& s) {
    if (!s.bound) {
      throw Unsupported{std::string("the swap has no ") + (s.exact_in ? "min_amount_out" : "max_amount_in") +
                        ": an export never writes an unbounded swap"};
    }
    if (s.recipient && *s.recipient != account_) throw Unsupported{"the swap pays another address; an export pays the account"};
    const std::vector<std::size_t> venues = s.venues();
    const std::string& kind = t_.venues[venues.front()].kind;
    for (std::size_t v : venues)
      if (t_.venues[v].kind != kind) throw Unsupported{"a route across venue kinds has no single router call"};
    if (kind == "uniswap_v2") return v2(s);
    if (kind == "uniswap_v3") return v3(s);
    if (kind == "curve_stableswap") return curve(s);
    if (kind == "limit_order") return cow(s);
    throw Unsupported{"venue kind " + kind + " has no contract path"};
  }

  std::vector<std::string> path(const SwapAction& s) const {
    std::vector<std::string> out;
    const std::size_t n = s.venues().size();
    for (std::size_t k = 0; k < n; ++k) out.push_back(token(s.hop_sell(k)));
    out.push_back(token(s.buy));
    return out;
  }

  // Router02: the ETH functions where the account sells or buys the native coin.
  void v2(const SwapAction& s) {
    const std::string& router = contract(ContractKind::UniswapV2Router, "Uniswap V2 Router02");
    const std::string path_text = list(path(s));
    const std::string amount = to_string(s.amount), bound = to_string(*s.bound), deadline = std::to_string(deadline_);
    const bool eth_in = native(s.sell), eth_out = native(s.buy);
    std::string data;
    if (eth_in) {  // the input is the call's value
      data = abi_call(s.exact_in ? "swapExactETHForTokens(uint256,address[],address,uint256)"
                                 : "swapETHForExactTokens(uint256,address[],address,uint256)",
                      {s.exact_in ? bound : amount, path_text, account_, deadline});
    } else {
      const char* name = s.exact_in ? (eth_out ? "swapExactTokensForETH" : "swapExactTokensForTokens")
                                    : (eth_out ? "swapTokensForExactETH" : "swapTokensForExactTokens");
      data = abi_call(std::string(name) + "(uint256,uint256,address[],address,uint256)", {amount, bound, path_text, account_, deadline});
    }
    spend(s, router, eth_in ? (s.exact_in ? s.amount : *s.bound) : Int(0), data);
  }

  // The swap call with the approval it spends before it (an exact-output swap's remainder reset to
  // 0 after it); a native-coin input is the call's value instead.
  void spend(const SwapAction& s, const std::string& to, const Int& value, const std::string& data) {
    const bool approve = !native(s.sell);
    const Int allowance = s.exact_in ? s.amount : *s.bound;
    if (approve) push(token(s.sell), 0, approve_data(to, allowance));
    push(to, value, data);
    if (approve && !s.exact_in) push(token(s.sell), 0, approve_data(to, 0));
  }

  // SwapRouter02: one multicall(deadline, …) per swap; the native coin sold as the multicall's
  // value (refundETH after an exact-output swap returns the rest), bought through unwrapWETH9 to
  // the account.
  void v3(const SwapAction& s) {
    const std::string& router = contract(ContractKind::UniswapSwapRouter02, "SwapRouter02");
    const bool eth_out = native(s.buy);
    const std::string recipient = eth_out ? calls::kAddressRouter : account_;
    const std::string amount = to_string(s.amount), bound = to_string(*s.bound);
    std::vector<std::uint32_t> fees;
    for (std::size_t v : s.venues()) fees.push_back(static_cast<std::uint32_t>(std::get<UniswapV3Pool>(t_.venues[v].state).fee_pips));
    std::vector<std::string> tokens = path(s);
    std::string inner;
    if (s.route.empty()) {
      const std::string fee = std::to_string(fees.front());
      inner = abi_call(s.exact_in ? "exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))"
                                  : "exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))",
                       {list({tokens[0], tokens[1], fee, recipient, amount, bound, "0"})});
    } else {
      if (!s.exact_in) {
        std::reverse(tokens.begin(), tokens.end());
        std::reverse(fees.begin(), fees.end());
      }
      inner = abi_call(s.exact_in ? "exactInput((bytes,address,uint256,uint256))" : "exactOutput((bytes,address,uint256,uint256))",
                       {list({v3_path(tokens, fees), recipient, amount, bound})});
    }
    const bool eth_in = native(s.sell);
    std::vector<std::string> steps = {to_hex(inner)};
    if (eth_in && !s.exact_in) steps.push_back(to_hex(abi_call("refundETH()", {})));
    if (eth_out) {
      const Int least = s.exact_in ? *s.bound : s.amount;
      steps.push_back(to_hex(abi_call("unwrapWETH9(uint256,address)", {to_string(least), account_})));
    }
    std::string items = "[";
    for (std::size_t k = 0; k < steps.size(); ++k) items += (k ? "," : "") + steps[k];
    const std::string data = abi_call("multicall(uint256,bytes[])", {std::to_string(deadline_), items + "]"});
    spend(s, router, eth_in ? (s.exact_in ? s.amount : *s.bound) : Int(0), data);
  }

  // The pool's own exchange; its coins' indices as the pool orders them.
  void curve(const SwapAction& s) {
    const Venue& v = t_.venues[s.venue];
    if (!s.route.empty()) throw Unsupported{"a Curve route has no single exchange call"};
    if (!s.exact_in) throw Unsupported{"Curve's exchange has no exact-output form"};
    if (native(s.sell) || native(s.buy)) throw Unsupported{"native ETH on Curve is not exported: wrap first"};
    if (v.address.empty()) throw Unsupported{"venue " + v.id + " has no address"};
    const auto at = [&](std::size_t asset) {
      return std::to_string(std::find(v.tokens.begin(), v.tokens.end(), asset) - v.tokens.begin());
    };
    const std::vector<std::string> args = {at(s.sell), at(s.buy), to_string(s.amount), to_string(*s.bound)};
    std::string data;
    if (v.curve_template == CurveTemplate::Crypto) {
      data = abi_call("exchange(uint256,uint256,uint256,uint256)", args);
    } else if (v.curve_template == CurveTemplate::Ng) {
      std::vector<std::string> with = args;
      with.push_back(account_);
      data = abi_call("exchange(int128,int128,uint256,uint256,address)", with);
    } else {
      data = abi_call("exchange(int128,int128,uint256,uint256)", args);
    }
    spend(s, v.address, 0, data);
  }

  // A CoW order pre-signed by the account; orders selling one token share one approval of the
  // vault relayer, and no approval is reset (the settlement pulls later).
  void cow(const SwapAction& s) {
    if (native(s.sell) || native(s.buy)) throw Unsupported{"native ETH on CoW is not exported: wrap first"};
    const std::string& settlement = contract(ContractKind::CowSettlement, "CoW settlement");
    CowOrder o;
    o.sell_token = token(s.sell);
    o.buy_token = token(s.buy);
    o.receiver = account_;
    o.sell_amount = s.exact_in ? s.amount : *s.bound;
    o.buy_amount = s.exact_in ? *s.bound : s.amount;
    o.fee_amount = 0;
    o.valid_to = static_cast<std::uint32_t>(std::min<std::int64_t>(std::max<std::int64_t>(deadline_, 0), 0xffffffffLL));
    o.app_data = std::string(32, '\0');
    o.sell = s.exact_in;
    auto shared = std::find_if(cow_approvals_.begin(), cow_approvals_.end(), [&](const CowApproval& a) { return a.token == o.sell_token; });
    if (shared == cow_approvals_.end()) {
      push(o.sell_token, 0, approve_data(kCowVaultRelayer, o.sell_amount));
      cow_approvals_.push_back({o.sell_token, calls_.size() - 1, o.sell_amount});
    } else {
      shared->total += o.sell_amount;
      calls_[shared->call].data = approve_data(kCowVaultRelayer, shared->total);
    }
    const std::string uid = cow_order_uid(o, account_, t_.chain_id.value_or(1), settlement);
    push(settlement, 0, abi_call("setPreSignature(bytes,bool)", {to_hex(uid), "true"}));
    orders_.push_back(std::move(o));
  }

  const Treasury& t_;
  const Proposal& p_;
  Diagnostics& d_;
  std::vector<Contract> contracts_;
  std::string account_;
  Time at_;
  std::int64_t deadline_ = 0;
  std::string origin_;
  std::vector<Call> calls_;
  std::vector<CowOrder> orders_;
  struct CowApproval {
    std::string token;  // the sell token
    std::size_t call;   // its approval of the vault relayer
    Int total;          // the sell amounts of its orders
  };
  std::vector<CowApproval> cow_approvals_;
};

}  // namespace

Parsed<Export> export_proposal(const Proposal& p, const Treasury& t, const ExportOptions& options) {
  Parsed<Export> out;
  Diagnostics d;
  if (!t.account) d.add(code::field_missing, "treasury", "/account", "an export needs the treasury's account");
  if (!t.chain_id) d.add(code::field_missing, "treasury", "/chain_id", "an export needs the treasury's chain_id");
  if (d.empty()) out.value = Exporter(t, p, options, d).run();
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

}  // namespace ballast
