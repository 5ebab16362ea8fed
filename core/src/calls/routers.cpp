// Decoding Uniswap router calls into the swaps they make (the README, Import): UniswapV2Router02
// (v2-periphery IUniswapV2Router01/02), SwapRouter (v3-periphery ISwapRouter) and SwapRouter02
// (swap-router-contracts IV3SwapRouter, IV2SwapRouter, MulticallExtended, PeripheryPaymentsExtended).
#include "abi.h"
#include "ballast/calls.h"

namespace ballast {

namespace {

using calls::Abi;
using calls::AbiError;
using calls::kAddressCaller;
using calls::kAddressRouter;
using calls::kAddressZero;
using calls::selector_of;

class RouterDecoder {
 public:
  RouterDecoder(RouterKind kind, const std::string& router, const std::string& account)
      : kind_(kind), router_(router), account_(account) {}

  // The swaps of one call; false when it is not a router swap or multicall (nothing is added).
  bool call(std::string_view data, const std::string& origin, const std::optional<Int>& deadline, bool top) {
    const std::uint32_t sel = selector_of(data);
    const Abi args(data.size() >= 4 ? data.substr(4) : std::string_view());
    const bool v2 = kind_ == RouterKind::V2Router02, r1 = kind_ == RouterKind::SwapRouter, r2 = kind_ == RouterKind::SwapRouter02;
    if (top && (sel == 0xac9650d8 || (r2 && sel == 0x5ae401dc) || (r2 && sel == 0x1f0464d1)) && !v2) {
      // multicall(bytes[]), multicall(uint256 deadline, bytes[]), multicall(bytes32 blockhash, bytes[])
      const std::size_t slot = sel == 0xac9650d8 ? 0 : 1;
      std::optional<Int> d = deadline;
      if (sel == 0x5ae401dc) d = args.uint(0);
      std::size_t n = 0;
      const Abi items = args.array(slot, data.size() / 32, n);
      for (std::size_t k = 0; k < n; ++k) {
        const std::string_view inner = items.bytes(k);
        const std::string o = origin + "/multicall/" + std::to_string(k);
        if (!call(inner, o, d, false) && !payment(inner)) return unknown_step(o);
      }
      return true;
    }
    if (v2) return v2_call(sel, args, origin, true);
    if (r2 && (sel == 0x472b43f3 || sel == 0x42712a67)) return v2_call(sel, args, origin, false, deadline);
    if (r1 || r2) return v3_call(sel, args, origin, deadline, r1);
    return false;
  }

  std::vector<RouterSwap> swaps;
  bool unknown = false;
  std::string unknown_origin;

 private:
  // A step inside a multicall that Ballast cannot read: the whole call is not decoded as swaps.
  bool unknown_step(const std::string& origin) {
    unknown = true;
    unknown_origin = origin;
    return false;
  }

  std::string recipient(const std::string& to) const {
    if (kind_ == RouterKind::SwapRouter02 && to == kAddressCaller) return account_;
    if (kind_ == RouterKind::SwapRouter02 && to == kAddressRouter) return router_;
    if (kind_ == RouterKind::SwapRouter && to == kAddressZero) return router_;
    return to;
  }

  bool v2_call(std::uint32_t sel, const Abi& a, const std::string& origin, bool with_deadline,
               const std::optional<Int>& outer_deadline = std::nullopt) {
    RouterSwap s;
    s.origin = origin;
    std::size_t path_slot = 2;
    switch (sel) {
      case 0x38ed1739: case 0x5c11d795: case 0x472b43f3:  // swapExactTokensForTokens (+fee-on-transfer, SR02)
        s.amount = a.uint(0), s.bound = a.uint(1);
        break;
      case 0x8803dbee: case 0x42712a67:  // swapTokensForExactTokens (SR02 too)
        s.exact_in = false, s.amount = a.uint(0), s.bound = a.uint(1);
        break;
      case 0x7ff36ab5: case 0xb6f9de95:  // swapExactETHForTokens: amountIn is msg.value
        s.sells_native = true, s.bound = a.uint(0), path_slot = 1;
        break;
      case 0x4a25d94a:  // swapTokensForExactETH
        s.exact_in = false, s.buys_native = true, s.amount = a.uint(0), s.bound = a.uint(1);
        break;
      case 0x18cbafe5: case 0x791ac947:  // swapExactTokensForETH
        s.buys_native = true, s.amount = a.uint(0), s.bound = a.uint(1);
        break;
      case 0xfb3bdb41:  // swapETHForExactTokens: amountInMax is msg.value
        s.exact_in = false, s.sells_native = true, s.amount = a.uint(0), path_slot = 1;
        break;
      default:
        return false;
    }
    std::size_t n = 0;
    const Abi path = a.array(path_slot, 64, n);
    if (n < 2) throw AbiError{"a swap path of " + std::to_string(n) + " tokens"};
    for (std::size_t i = 0; i < n; ++i) s.path.push_back(path.address(i));
    s.recipient = recipient(a.address(path_slot + 1));
    s.deadline = with_deadline ? std::optional<Int>(a.uint(path_slot + 2)) : outer_deadline;
    s.router_balance = kind_ == RouterKind::SwapRouter02 && s.exact_in && s.amount == 0 && !s.sells_native;
    swaps.push_back(std::move(s));
    return true;
  }

  bool v3_call(std::uint32_t sel, const Abi& a, const std::string& origin, const std::optional<Int>& deadline, bool r1) {
    RouterSwap s;
    s.origin = origin;
    s.deadline = deadline;
    // SwapRouter's structs carry a deadline after the recipient; SwapRouter02's do not.
    const std::size_t d = r1 ? 1 : 0;
    const bool single_in = sel == (r1 ? 0x414bf389u : 0x04e45aafu), single_out = sel == (r1 ? 0xdb3e2198u : 0x5023b4dfu);
    const bool path_in = sel == (r1 ? 0xc04b8d59u : 0xb858183fu), path_out = sel == (r1 ? 0xf28c0498u : 0x09b81346u);
    if (single_in || single_out) {  // a static tuple, inline
      s.path = {a.address(0), a.address(1)};
      s.fees = {static_cast<std::uint32_t>(a.small(2, 0xFFFFFF, "a fee"))};
      s.recipient = recipient(a.address(3));
      if (r1) s.deadline = a.uint(4);
      s.exact_in = single_in;
      s.amount = a.uint(4 + d);
      s.bound = a.uint(5 + d);
      a.uint(6 + d);  // sqrtPriceLimitX96: the call reverts without it
    } else if (path_in || path_out) {  // a dynamic tuple: its offset, then (path, recipient, [deadline,] amount, bound)
      const Abi t = a.tuple(0);
      calls::read_v3_path(t.bytes(0), path_out, s.path, s.fees);
      s.recipient = recipient(t.address(1));
      if (r1) s.deadline = t.uint(2);
      s.exact_in = path_in;
      s.amount = t.uint(2 + d);
      s.bound = t.uint(3 + d);
    } else {
      return false;
    }
    s.router_balance = !r1 && s.exact_in && s.amount == 0;
    swaps.push_back(std::move(s));
    return true;
  }

  // unwrapWETH9 / sweepToken after a swap paid to the router: that swap pays out here.
  bool payment(std::string_view data) {
    const std::uint32_t sel = selector_of(data);
    const Abi a(data.size() >= 4 ? data.substr(4) : std::string_view());
    switch (sel) {
      case 0x49404b7c: calls::pay_out(swaps, router_, std::nullopt, recipient(a.address(1)), a.uint(0), true); break;  // unwrapWETH9(uint256,address)
      case 0x49616997: calls::pay_out(swaps, router_, std::nullopt, account_, a.uint(0), true); break;  // SR02 unwrapWETH9(uint256)
      case 0xdf2ab5bb: calls::pay_out(swaps, router_, a.address(0), recipient(a.address(2)), a.uint(1), false); break;  // sweepToken(token,min,to)
      case 0xe90a182f: calls::pay_out(swaps, router_, a.address(0), account_, a.uint(1), false); break;  // SR02 sweepToken(token,min)
      case 0x12210e8a: break;  // refundETH(): nothing bought
      default: return false;
    }
    return true;
  }

  RouterKind kind_;
  const std::string& router_;
  const std::string& account_;
};

}  // namespace

std::optional<std::vector<RouterSwap>> decode_router_call(const Call& call, RouterKind kind, const std::string& router,
                                                          const std::string& account, const std::string& document,
                                                          Diagnostics& diags) {
  RouterDecoder d(kind, router, account);
  try {
    if (!d.call(call.data, call.origin, std::nullopt, true) || d.unknown) return std::nullopt;
  } catch (const AbiError& e) {
    diags.add(code::calldata_malformed, document, call.origin, e.message);
    return std::nullopt;
  }
  // V2's ETH functions take the input from msg.value: the amount in, or the most it may use.
  for (auto& s : d.swaps)
    if (s.sells_native) (s.exact_in ? s.amount : s.bound) = call.value;
  // SwapRouter / SwapRouter02 pay a WETH input from msg.value (PeripheryPayments.pay wraps it):
  // one swap from WETH sent exactly its amount in, or its most in (refundETH returning the rest),
  // sells the native coin.
  if (kind != RouterKind::V2Router02 && call.value > 0 && d.swaps.size() == 1) {
    RouterSwap& s = d.swaps.front();
    if (!s.sells_native && !s.path.empty() && (s.exact_in ? s.amount : s.bound) == call.value) {
      s.sells_native = true;
      s.wrapped_input = s.path.front();
    }
  }
  return std::move(d.swaps);
}

}  // namespace ballast
