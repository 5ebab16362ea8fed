// The contracts calls may target: the built-in deployments of each chain Ballast knows and the
// treasury's own list (SPEC 11.1).
#include "ballast/calls.h"

#include <algorithm>

namespace ballast {

namespace {

struct KindName {
  ContractKind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
    {ContractKind::UniswapV2Router, "uniswap_v2_router"},
    {ContractKind::UniswapV3SwapRouter, "uniswap_v3_swap_router"},
    {ContractKind::UniswapSwapRouter02, "uniswap_swap_router02"},
    {ContractKind::UniswapUniversalRouter, "uniswap_universal_router"},
    {ContractKind::SafeMultiSend, "safe_multisend"},
    {ContractKind::SafeMultiSendCallOnly, "safe_multisend_call_only"},
    {ContractKind::CowSettlement, "cow_settlement"},
    {ContractKind::Weth, "weth"},
    {ContractKind::Governor, "governor"},
    {ContractKind::GovernorBravo, "governor_bravo"},
};

// The dotted version's numbers ("2.1.1" -> {2, 1, 1}); empty when it is not one.
std::vector<int> version_numbers(std::string_view v) {
  std::vector<int> out;
  int n = 0;
  bool digit = false;
  for (char ch : v) {
    if (ch >= '0' && ch <= '9' && n < 100000) {
      n = n * 10 + (ch - '0');
      digit = true;
    } else if (ch == '.' && digit) {
      out.push_back(n);
      n = 0;
      digit = false;
    } else {
      return {};
    }
  }
  if (!digit) return {};
  out.push_back(n);
  return out;
}

}  // namespace

const std::vector<Contract>& known_contracts(long long chain_id) {
  using K = ContractKind;
  // safe-global/safe-deployments (multi_send*.json), Uniswap's deployment lists and
  // deploy-addresses/mainnet.json of the Universal Router, CoW Protocol's settlement, WETH9.
  static const std::vector<Contract> mainnet = {
      {"0xa238cbeb142c10ef7ad8442c6d1f9e89e07e7761", K::SafeMultiSend, "1.3.0"},
      {"0x998739bfdaadde7c933b942a68053933098f9eda", K::SafeMultiSend, "1.3.0"},  // eip155 deployment
      {"0x38869bf66a61cf6bdb996a6ae40d5853fd43b526", K::SafeMultiSend, "1.4.1"},
      {"0x218543288004cd07832472d464648173c77d7eb7", K::SafeMultiSend, "1.5.0"},
      {"0x40a2accbd92bca938b02010e17a5b8929b49130d", K::SafeMultiSendCallOnly, "1.3.0"},
      {"0xa1dabef33b3b82c7814b6d82a79e50f4ac44102b", K::SafeMultiSendCallOnly, "1.3.0"},  // eip155
      {"0x9641d764fc13c8b624c04430c7356c1c7c8102e2", K::SafeMultiSendCallOnly, "1.4.1"},
      {"0xa83c336b20401af773b6219ba5027174338d1836", K::SafeMultiSendCallOnly, "1.5.0"},
      {"0x7a250d5630b4cf539739df2c5dacb4c659f2488d", K::UniswapV2Router, ""},
      {"0xe592427a0aece92de3edee1f18e0157c05861564", K::UniswapV3SwapRouter, ""},
      {"0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45", K::UniswapSwapRouter02, ""},
      {"0xef1c6e67703c7bd7107eed8303fbe6ec2554bf6b", K::UniswapUniversalRouter, "1.0"},
      {"0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad", K::UniswapUniversalRouter, "1.2"},
      {"0x66a9893cc07d91d95644aedd05d03f95e1dba8af", K::UniswapUniversalRouter, "2.0"},
      {"0x4c82d1fbfe28c977cbb58d8c7ff8fcf9f70a2cca", K::UniswapUniversalRouter, "2.1.1"},
      {"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", K::Weth, ""},
      {kCowSettlement, K::CowSettlement, ""},
  };
  static const std::vector<Contract> none;
  return chain_id == 1 ? mainnet : none;
}

std::vector<Contract> contracts_of(const Treasury& t) {
  std::vector<Contract> out = t.contracts;
  for (const Contract& c : known_contracts(t.chain_id.value_or(0)))
    if (!find_contract(t.contracts, c.address)) out.push_back(c);
  return out;
}

const Contract* find_contract(const std::vector<Contract>& contracts, const std::string& address) {
  auto it = std::find_if(contracts.begin(), contracts.end(), [&](const Contract& c) { return c.address == address; });
  return it == contracts.end() ? nullptr : &*it;
}

bool multisend_zero_is_self(const Contract& c) {
  return c.kind == ContractKind::SafeMultiSend || c.kind == ContractKind::SafeMultiSendCallOnly
             ? version_numbers(c.version) >= std::vector<int>{1, 5}
             : false;
}

std::optional<UniversalRouterVersion> universal_router_version(std::string_view version) {
  const std::vector<int> v = version_numbers(version);
  if (v.empty()) return std::nullopt;
  if (v < std::vector<int>{2}) return UniversalRouterVersion::V1;
  if (v < std::vector<int>{2, 1}) return UniversalRouterVersion::V2_0;
  return UniversalRouterVersion::V2_1;
}

const char* contract_kind_name(ContractKind k) {
  for (const auto& kn : kKindNames)
    if (kn.kind == k) return kn.name;
  return "";
}

std::optional<ContractKind> parse_contract_kind(std::string_view name) {
  for (const auto& kn : kKindNames)
    if (name == kn.name) return kn.kind;
  return std::nullopt;
}

}  // namespace ballast
