// Decoding Uniswap Universal Router calls (Uniswap/universal-router contracts/base/Dispatcher.sol,
// libraries/Commands.sol, modules/Payments.sol): commands with their inputs, and the value that
// passes through the router followed to the command that finally pays it out.
#include "abi.h"
#include "ballast/calls.h"

namespace ballast {

namespace {

using calls::Abi;
using calls::AbiError;
using calls::kAddressCaller;
using calls::kAddressRouter;

enum Command : unsigned {
  V3_SWAP_EXACT_IN = 0x00, V3_SWAP_EXACT_OUT = 0x01, PERMIT2_TRANSFER_FROM = 0x02, PERMIT2_PERMIT_BATCH = 0x03,
  SWEEP = 0x04, TRANSFER = 0x05, PAY_PORTION = 0x06, V2_SWAP_EXACT_IN = 0x08, V2_SWAP_EXACT_OUT = 0x09,
  PERMIT2_PERMIT = 0x0a, WRAP_ETH = 0x0b, UNWRAP_WETH = 0x0c, PERMIT2_TRANSFER_FROM_BATCH = 0x0d,
};

class UniversalDecoder {
 public:
  UniversalDecoder(UniversalRouterVersion v, const std::string& router, const std::string& account)
      : version_(v), router_(router), account_(account) {}

  // False when a command is not one Ballast reads.
  bool run(std::string_view commands, const Abi& inputs, std::size_t n, const std::string& origin,
           const std::optional<Int>& deadline) {
    const unsigned mask = version_ == UniversalRouterVersion::V1 ? 0x1f : version_ == UniversalRouterVersion::V2_0 ? 0x3f : 0x7f;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned command = static_cast<unsigned char>(commands[i]) & mask;
      const Abi in(inputs.bytes(i));
      const std::string o = origin + "/commands/" + std::to_string(i);
      switch (command) {
        case V3_SWAP_EXACT_IN: case V3_SWAP_EXACT_OUT: case V2_SWAP_EXACT_IN: case V2_SWAP_EXACT_OUT:
          swap(command, in, o, deadline);
          break;
        case WRAP_ETH: wrapped_ = in.uint(1), wrapped_to_router_ = to(in.address(0)) == router_; break;
        case UNWRAP_WETH: pay_out(std::nullopt, to(in.address(0)), in.uint(1), true); break;
        case SWEEP: pay_out(in.address(0), to(in.address(1)), in.uint(2), false); break;
        case PAY_PORTION: payment(in.address(0), {to(in.address(1)), in.uint(2), 0}); break;
        case TRANSFER: payment(in.address(0), {to(in.address(1)), 0, in.uint(2)}); break;
        case PERMIT2_PERMIT: case PERMIT2_PERMIT_BATCH: case PERMIT2_TRANSFER_FROM: case PERMIT2_TRANSFER_FROM_BATCH:
          break;  // moves the caller's tokens to the router: the swap that spends them says what
        default:
          return false;
      }
    }
    return true;
  }

  std::vector<RouterSwap> swaps;

 private:
  std::string to(const std::string& a) const {
    if (a == kAddressCaller) return account_;
    if (a == kAddressRouter) return router_;
    return a;
  }

  static bool contract_balance(const Int& amount) { return amount == (Int(1) << 255); }

  // (recipient, amount, bound, path, payerIsUser[, minHopPriceX36])
  void swap(unsigned command, const Abi& in, const std::string& origin, const std::optional<Int>& deadline) {
    RouterSwap s;
    s.origin = origin;
    s.deadline = deadline;
    s.exact_in = command == V3_SWAP_EXACT_IN || command == V2_SWAP_EXACT_IN;
    s.recipient = to(in.address(0));
    s.amount = in.uint(1);
    s.bound = in.uint(2);
    if (command == V3_SWAP_EXACT_IN || command == V3_SWAP_EXACT_OUT) {
      calls::read_v3_path(in.bytes(3), !s.exact_in, s.path, s.fees);
    } else {
      std::size_t n = 0;
      const Abi path = in.array(3, 64, n);
      if (n < 2) throw AbiError{"a swap path of " + std::to_string(n) + " tokens"};
      for (std::size_t i = 0; i < n; ++i) s.path.push_back(path.address(i));
    }
    const bool payer_is_user = in.small(4, 1, "a bool") == 1;
    if (version_ == UniversalRouterVersion::V2_1) {
      std::size_t hops = 0;
      in.array(5, 64, hops);  // minHopPriceX36: empty, or one per hop
      if (hops != 0 && hops != s.path.size() - 1) throw AbiError{"minHopPriceX36 of " + std::to_string(hops) + " prices for " + std::to_string(s.path.size() - 1) + " hops"};
    }
    s.router_balance = s.exact_in && contract_balance(s.amount);
    // Spending the router's WETH right after WRAP_ETH to the router: a sale of the ETH sent along.
    if (!payer_is_user && wrapped_ && wrapped_to_router_) {
      s.sells_native = true;
      if (s.router_balance) s.amount = *wrapped_, s.router_balance = false;
      wrapped_.reset();
    }
    swaps.push_back(std::move(s));
  }

  void pay_out(const std::optional<std::string>& token, const std::string& recipient, const Int& minimum, bool unwrap) {
    calls::pay_out(swaps, router_, token, recipient, minimum, unwrap);
  }

  void payment(const std::string& token, RouterSwap::Payment p) {
    if (RouterSwap* s = calls::held_by_router(swaps, router_, token)) s->payments.push_back(std::move(p));
  }

  UniversalRouterVersion version_;
  const std::string& router_;
  const std::string& account_;
  std::optional<Int> wrapped_;
  bool wrapped_to_router_ = false;
};

}  // namespace

std::optional<std::vector<RouterSwap>> decode_universal_router_call(const Call& call, UniversalRouterVersion version,
                                                                    const std::string& router, const std::string& account,
                                                                    const std::string& document, Diagnostics& diags) {
  if (call.data.size() < 4) return std::nullopt;
  const std::uint32_t sel = calls::selector_of(call.data);
  if (sel != 0x3593564c && sel != 0x24856bc3) return std::nullopt;  // execute(bytes,bytes[],uint256), execute(bytes,bytes[])
  try {
    const Abi args(std::string_view(call.data).substr(4));
    const std::string_view commands = args.bytes(0);
    std::size_t n = 0;
    const Abi inputs = args.array(1, call.data.size() / 32, n);
    if (n != commands.size())
      throw AbiError{std::to_string(commands.size()) + " commands with " + std::to_string(n) + " inputs (LengthMismatch)"};
    std::optional<Int> deadline;
    if (sel == 0x3593564c) deadline = args.uint(2);
    UniversalDecoder d(version, router, account);
    if (!d.run(commands, inputs, n, call.origin, deadline)) return std::nullopt;
    // WRAP_ETH of CONTRACT_BALANCE wraps all the ETH sent along.
    for (auto& s : d.swaps)
      if (s.sells_native && s.amount == (Int(1) << 255)) s.amount = call.value;
    return std::move(d.swaps);
  } catch (const AbiError& e) {
    diags.add(code::calldata_malformed, document, call.origin, e.message);
    return std::nullopt;
  }
}

}  // namespace ballast
