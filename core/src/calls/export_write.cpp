// An export written out: a Safe Transaction Builder batch file (with the checksum the app
// verifies) or a calls/1 document (with its CoW orders). Same export, same bytes.
#include "abi.h"
#include "ballast/calls.h"

#include <nlohmann/json.hpp>

namespace ballast {

namespace {

using ojson = nlohmann::ordered_json;

ojson order_json(const CowOrder& o) {
  ojson j = ojson::object();
  j["sellToken"] = o.sell_token;
  j["buyToken"] = o.buy_token;
  j["receiver"] = o.receiver;
  j["sellAmount"] = to_string(o.sell_amount);
  j["buyAmount"] = to_string(o.buy_amount);
  j["validTo"] = o.valid_to;
  j["appData"] = to_hex(o.app_data);
  j["feeAmount"] = to_string(o.fee_amount);
  j["kind"] = o.sell ? "sell" : "buy";
  j["partiallyFillable"] = o.partially_fillable;
  j["sellTokenBalance"] = o.sell_token_balance;
  j["buyTokenBalance"] = o.buy_token_balance;
  return j;
}

ojson orders(const Export& e) {
  ojson list = ojson::array();
  for (const CowOrder& o : e.orders) list.push_back(order_json(o));
  return list;
}

// One call as both formats write it: to, value, data ("0x" for none).
ojson call_json(const Call& c) {
  ojson x = ojson::object();
  x["to"] = c.to;
  x["value"] = to_string(c.value);
  x["data"] = c.data.empty() ? std::string("0x") : to_hex(c.data);
  return x;
}

// createdAt: the evaluation time in milliseconds, so that the same inputs give the same bytes.
long long millis(const Time& t) { return static_cast<long long>(t.seconds) * 1000 + t.nanos / 1000000; }

}  // namespace

std::string tx_builder_json(const Export& e, const Proposal& p, const Treasury& t) {
  ojson doc = ojson::object();
  doc["version"] = "1.0";
  doc["chainId"] = std::to_string(t.chain_id.value_or(1));
  doc["createdAt"] = millis(e.at);
  ojson meta = ojson::object();
  meta["name"] = p.id;
  meta["description"] = p.title;
  meta["txBuilderVersion"] = "1.18.3";
  meta["createdFromSafeAddress"] = t.account.value_or("");
  meta["createdFromOwnerAddress"] = "";
  doc["meta"] = std::move(meta);
  ojson txs = ojson::array();
  for (const Call& c : e.calls) {
    ojson x = call_json(c);
    x["contractMethod"] = nullptr;
    x["contractInputsValues"] = nullptr;
    txs.push_back(std::move(x));
  }
  doc["transactions"] = std::move(txs);
  // The checksum over the file as written (meta.name hashed as null, as the current app does).
  Diagnostics d;
  const std::string body = doc.dump();
  auto root = parse_json(body, "calls", ParseLimits{}, d);
  if (root) {
    if (auto h = tx_builder_checksum(*root, true)) doc["meta"]["checksum"] = to_hex(calls::hash_bytes(*h));
  }
  return doc.dump(2) + "\n";
}

std::string calls_json(const Export& e, const Treasury& t) {
  ojson doc = ojson::object();
  doc["ballast"] = "calls/1";
  doc["chain_id"] = t.chain_id.value_or(1);
  doc["from"] = t.account.value_or("");
  ojson list = ojson::array();
  for (const Call& c : e.calls) list.push_back(call_json(c));
  doc["calls"] = std::move(list);
  if (!e.orders.empty()) doc["orders"] = orders(e);
  return doc.dump(2) + "\n";
}

std::string orders_json(const Export& e) { return orders(e).dump(2) + "\n"; }

}  // namespace ballast
