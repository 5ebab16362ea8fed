// CoW Protocol order UIDs (cowprotocol/contracts GPv2Order.sol, GPv2Signing.sol): the EIP-712
// digest of the order under the GPv2 domain, then the owner and validTo.
#include "abi.h"
#include "ballast/calls.h"

namespace ballast {

namespace {

using calls::hash_bytes;

std::string word(const Int& v) { return calls::abi_word(v); }
std::string bytes(const Hash& h) { return hash_bytes(h); }

std::string address_word(const std::string& address) { return std::string(12, '\0') + from_hex(address).value_or(std::string(20, '\0')); }

}  // namespace

Hash cow_domain_separator(long long chain_id, const std::string& settlement) {
  static const std::string type =
      bytes(keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
  return keccak256(type + bytes(keccak256("Gnosis Protocol")) + bytes(keccak256("v2")) + word(Int(chain_id)) +
                   address_word(settlement));
}

std::string cow_order_uid(const CowOrder& o, const std::string& owner, long long chain_id, const std::string& settlement) {
  static const std::string type = bytes(keccak256(
      "Order(address sellToken,address buyToken,address receiver,uint256 sellAmount,uint256 buyAmount,uint32 validTo,"
      "bytes32 appData,uint256 feeAmount,string kind,bool partiallyFillable,string sellTokenBalance,string buyTokenBalance)"));
  std::string app = o.app_data;
  app.resize(32, '\0');
  const std::string data = type + address_word(o.sell_token) + address_word(o.buy_token) + address_word(o.receiver) +
                           word(o.sell_amount) + word(o.buy_amount) + word(Int(o.valid_to)) + app + word(o.fee_amount) +
                           bytes(keccak256(o.sell ? "sell" : "buy")) + word(Int(o.partially_fillable ? 1 : 0)) +
                           bytes(keccak256(o.sell_token_balance)) + bytes(keccak256(o.buy_token_balance));
  const Hash digest = keccak256(std::string("\x19\x01", 2) + bytes(cow_domain_separator(chain_id, settlement)) + bytes(keccak256(data)));
  std::string uid = bytes(digest) + from_hex(owner).value_or(std::string(20, '\0'));
  for (int shift = 24; shift >= 0; shift -= 8) uid += static_cast<char>((o.valid_to >> shift) & 0xff);
  return uid;
}

}  // namespace ballast
