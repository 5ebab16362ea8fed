// Decoding ERC-20 and WETH9 calls, Curve exchanges and CoW pre-signatures (the README, Import).
#include "abi.h"
#include "ballast/calls.h"

namespace ballast {

namespace {

using calls::Abi;
using calls::AbiError;
using calls::selector_of;

Abi args_of(const Call& c) { return Abi(c.data.size() >= 4 ? std::string_view(c.data).substr(4) : std::string_view()); }

// Runs `read`, turning malformed calldata into an error of the call.
template <typename T, typename F>
std::optional<T> guarded_read(const Call& c, const std::string& document, Diagnostics& diags, F read) {
  try {
    return read();
  } catch (const AbiError& e) {
    diags.add(code::calldata_malformed, document, c.origin, e.message);
    return std::nullopt;
  }
}

// A coin index: int128 or uint256 in the ABI, at most 7 (Curve pools have up to 8 coins).
std::size_t coin_index(const Abi& a, std::size_t slot) { return a.small(slot, 7, "a coin index"); }

}  // namespace

std::optional<TokenCall> decode_token_call(const Call& c, const std::string& document, Diagnostics& diags) {
  const std::uint32_t sel = selector_of(c.data);
  if (sel != 0xa9059cbb && sel != 0x23b872dd && sel != 0x095ea7b3 && sel != 0xd0e30db0 && sel != 0x2e1a7d4d) return std::nullopt;
  return guarded_read<TokenCall>(c, document, diags, [&] {
    const Abi a = args_of(c);
    TokenCall t;
    switch (sel) {
      case 0xa9059cbb: t.kind = TokenCall::Kind::Transfer, t.to = a.address(0), t.amount = a.uint(1); break;
      case 0x23b872dd: t.kind = TokenCall::Kind::TransferFrom, t.from = a.address(0), t.to = a.address(1), t.amount = a.uint(2); break;
      case 0x095ea7b3: t.kind = TokenCall::Kind::Approve, t.to = a.address(0), t.amount = a.uint(1); break;
      case 0xd0e30db0: t.kind = TokenCall::Kind::Deposit, t.amount = c.value; break;
      default: t.kind = TokenCall::Kind::Withdraw, t.amount = a.uint(0); break;
    }
    return t;
  });
}

std::optional<CurveExchange> decode_curve_call(const Call& c, CurveTemplate t, const std::string& document, Diagnostics& diags) {
  const std::uint32_t sel = selector_of(c.data);
  const bool stable = t == CurveTemplate::Plain || t == CurveTemplate::Ng;
  const bool plain4 = stable && sel == 0x3df02124, underlying = t == CurveTemplate::Plain && sel == 0xa6417ed6;
  const bool ng5 = t == CurveTemplate::Ng && sel == 0xddc1f59d;
  const bool crypto4 = t == CurveTemplate::Crypto && sel == 0x5b41b908, crypto5 = t == CurveTemplate::Crypto && sel == 0xa64833a0;
  const bool eth5 = t == CurveTemplate::Crypto && sel == 0x394747c5, eth6 = t == CurveTemplate::Crypto && sel == 0xce7d6503;
  if (!plain4 && !underlying && !ng5 && !crypto4 && !crypto5 && !eth5 && !eth6) return std::nullopt;
  return guarded_read<CurveExchange>(c, document, diags, [&] {
    const Abi a = args_of(c);
    CurveExchange x;
    x.i = coin_index(a, 0);
    x.j = coin_index(a, 1);
    x.dx = a.uint(2);
    x.min_dy = a.uint(3);
    x.underlying = underlying;
    if (ng5 || crypto5) x.receiver = a.address(4);
    if (eth5 || eth6) x.use_eth = a.small(4, 1, "a bool") == 1;
    if (eth6) x.receiver = a.address(5);
    if (x.i == x.j) throw AbiError{"an exchange of coin " + std::to_string(x.i) + " for itself"};
    return x;
  });
}

std::optional<std::pair<std::string, bool>> decode_presignature(const Call& c, const std::string& document,
                                                                Diagnostics& diags) {
  if (selector_of(c.data) != 0xec6cb13f) return std::nullopt;
  return guarded_read<std::pair<std::string, bool>>(c, document, diags, [&] {
    const Abi a = args_of(c);
    const std::string_view uid = a.bytes(0);
    if (uid.size() != 56) throw AbiError{"an order UID of " + std::to_string(uid.size()) + " bytes (56: digest, owner, validTo)"};
    return std::make_pair(std::string(uid), a.small(1, 1, "a bool") == 1);
  });
}

}  // namespace ballast
