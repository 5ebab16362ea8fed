// Fuzz harness: unwrapping calldata (Safe execTransaction, MultiSend, MultiSendCallOnly, Governor
// and GovernorBravo propose), and decoding it as a call to each Uniswap router (the Universal
// Router in each input layout), a token, a Curve
// pool of each template and the CoW settlement. The first byte picks the wrapper the bytes are sent to, the rest is
// the calldata. Invariants: no crash, no hang, no read outside the bytes (ASan); at most the call
// limit comes out; no call's data is longer than the input (plus Bravo's 4-byte selector) and all
// of it stays within the byte limit, however many offsets share the same bytes;
// the same bytes give the same calls. The same call is then imported against a treasury that lists
// tokens and pools at the routers' addresses and checked: a proposal or input errors, never a crash;
// an imported proposal written out reads back to the same text.
#include "ballast/ballast.h"
#include "ballast/calls.h"
#include "fuzz_input.h"

#include <cstdint>
#include <string>

using namespace ballast;

namespace {

const char* const kTreasury = R"({"ballast": "treasury/1", "as_of": "2025-11-30T00:00:00Z", "numeraire": "USD",
  "account": "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa", "chain_id": 1,
  "assets": [{"id": "ETH", "native": true, "decimals": 18, "balance": "100000000000000000000", "price": "3000"},
             {"id": "WETH", "address": "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", "decimals": 18, "balance": "1000000000000000000000", "price": "3000"},
             {"id": "USDC", "address": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "decimals": 6, "balance": "10000000000000", "price": "1"}],
  "venues": [{"id": "v2", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH", "reserve0": "30000000000000", "reserve1": "10000000000000000000000"},
             {"id": "cow", "kind": "limit_order"}]})";
const char* const kPolicy = R"({"ballast": "policy/1", "numeraire": "USD", "execution": {"max_slippage_bps": 100}})";

// The call as a calls/1 document, imported and checked.
void check_import(const Call& c) {
  static const Treasury t = *parse_treasury(kTreasury).value;
  const std::string doc = std::string(R"({"ballast": "calls/1", "chain_id": 1, "from": "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa", "calls": [{"to": ")") +
                          c.to + R"(", "value": "0", "operation": )" + (c.delegatecall ? "1" : "0") + R"(, "data": ")" + to_hex(c.data) + R"("}]})";
  CheckLimits limits;
  limits.max_actions = 64;
  const auto p = import_calls(doc, t, limits);
  BALLAST_FUZZ_CHECK(p.value.has_value() != !p.errors.empty());
  if (!p.value) return;
  for (const Action& a : p.value->actions) BALLAST_FUZZ_CHECK(a.origin.call.rfind("/calls/0", 0) == 0);
  const std::string text = proposal_json(*p.value, t);
  const auto back = parse_documents(kPolicy, kTreasury, text);
  BALLAST_FUZZ_CHECK(back.value && proposal_json(back.value->proposal, back.value->treasury) == text);
  evaluate(*back.value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string account = "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa";
  static const char* targets[] = {
      "0x9641d764fc13c8b624c04430c7356c1c7c8102e2",  // MultiSendCallOnly v1.4.1
      "0x218543288004cd07832472d464648173c77d7eb7",  // MultiSend v1.5.0
      "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa",  // the Safe: execTransaction
      "0x408ed6354d4973f66138c91495f2f2fcbd8724c3",  // a governor (unlisted: the only call)
  };
  Call c;
  c.to = targets[data[0] % 4];
  c.delegatecall = data[0] % 4 < 2;
  c.data.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  c.origin = "/calls/0";
  CallLimits limits;
  limits.max_calls = 64;
  limits.max_bytes = 1 << 16;
  Diagnostics d1, d2;
  const auto out = unwrap_calls({c}, account, known_contracts(1), "calls", d1, limits);
  BALLAST_FUZZ_CHECK(out.size() <= limits.max_calls);
  std::size_t bytes = 0;
  for (const Call& x : out) {
    BALLAST_FUZZ_CHECK(x.data.size() <= c.data.size() + 4);
    bytes += x.data.size();
  }
  BALLAST_FUZZ_CHECK(bytes <= limits.max_bytes);
  const auto again = unwrap_calls({c}, account, known_contracts(1), "calls", d2, limits);
  BALLAST_FUZZ_CHECK(again.size() == out.size() && d1.take().size() == d2.take().size());
  for (RouterKind kind : {RouterKind::V2Router02, RouterKind::SwapRouter, RouterKind::SwapRouter02}) {
    Diagnostics d;
    const auto swaps = decode_router_call(c, kind, targets[0], account, "calls", d);
    if (!swaps) continue;
    BALLAST_FUZZ_CHECK(d.take().empty() && swaps->size() <= c.data.size() / 32 + 1);
    for (const RouterSwap& s : *swaps) BALLAST_FUZZ_CHECK(s.path.size() >= 2 && s.fees.size() <= s.path.size());
  }
  Diagnostics d;
  for (auto v : {UniversalRouterVersion::V1, UniversalRouterVersion::V2_0, UniversalRouterVersion::V2_1})
    if (const auto swaps = decode_universal_router_call(c, v, targets[1], account, "calls", d))
      for (const RouterSwap& s : *swaps) BALLAST_FUZZ_CHECK(s.path.size() >= 2 && s.fees.size() <= s.path.size());
  decode_token_call(c, "calls", d);
  for (CurveTemplate t : {CurveTemplate::Plain, CurveTemplate::Ng, CurveTemplate::Crypto})
    if (const auto e = decode_curve_call(c, t, "calls", d)) BALLAST_FUZZ_CHECK(e->i <= 7 && e->j <= 7 && e->i != e->j);
  if (const auto p = decode_presignature(c, "calls", d)) BALLAST_FUZZ_CHECK(p->first.size() == 56);
  check_import(c);
  return 0;
}
