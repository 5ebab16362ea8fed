// An export written out: a Safe Transaction Builder batch file (with the checksum the app
// verifies) or a calls/1 document (with its CoW orders). Same export, same bytes.
#include "abi.h"
#include "ballast/calls.h"

#include "../report/json_writer.h"

namespace ballast {

namespace {

using report::JsonWriter;

void write_order(JsonWriter& w, const CowOrder& o) {
  w.begin_object();
  w.field("sellToken", o.sell_token);
  w.field("buyToken", o.buy_token);
  w.field("receiver", o.receiver);
  w.field("sellAmount", to_string(o.sell_amount));
  w.field("buyAmount", to_string(o.buy_amount));
  w.field("validTo", o.valid_to);
  w.field("appData", to_hex(o.app_data));
  w.field("feeAmount", to_string(o.fee_amount));
  w.field("kind", o.sell ? "sell" : "buy");
  w.field("partiallyFillable", o.partially_fillable);
  w.field("sellTokenBalance", o.sell_token_balance);
  w.field("buyTokenBalance", o.buy_token_balance);
  w.end_object();
}

void write_orders(JsonWriter& w, const Export& e) {
  w.begin_array();
  for (const CowOrder& o : e.orders) write_order(w, o);
  w.end_array();
}

// One call's to, value and data ("0x" for none), as both formats write them (the object around
// them is the caller's).
void write_call(JsonWriter& w, const Call& c) {
  w.field("to", c.to);
  w.field("value", to_string(c.value));
  w.field("data", c.data.empty() ? std::string("0x") : to_hex(c.data));
}

// createdAt: the evaluation time in milliseconds, so that the same inputs give the same bytes.
long long millis(const Time& t) { return static_cast<long long>(t.seconds) * 1000 + t.nanos / 1000000; }

// The batch file, with meta.checksum when there is one.
std::string tx_builder_text(const Export& e, const Proposal& p, const Treasury& t, const std::string* checksum) {
  JsonWriter w;
  w.begin_object();
  w.field("version", "1.0");
  w.field("chainId", std::to_string(t.chain_id.value_or(1)));
  w.field("createdAt", millis(e.at));
  w.key("meta").begin_object();
  w.field("name", p.id);
  w.field("description", p.title);
  w.field("txBuilderVersion", "1.18.3");
  w.field("createdFromSafeAddress", t.account.value_or(""));
  w.field("createdFromOwnerAddress", "");
  if (checksum) w.field("checksum", *checksum);
  w.end_object();
  w.key("transactions").begin_array();
  for (const Call& c : e.calls) {
    w.begin_object();
    write_call(w, c);
    w.key("contractMethod").null();
    w.key("contractInputsValues").null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace

std::string tx_builder_json(const Export& e, const Proposal& p, const Treasury& t) {
  // The checksum over the file as written without it (meta.name hashed as null, as the current
  // app does).
  const std::string body = tx_builder_text(e, p, t, nullptr);
  Diagnostics d;
  auto root = parse_json(body, "calls", ParseLimits{}, d);
  std::optional<Hash> h;
  if (root) h = tx_builder_checksum(*root, true);
  if (!h) return body + "\n";
  const std::string checksum = to_hex(calls::hash_bytes(*h));
  return tx_builder_text(e, p, t, &checksum) + "\n";
}

std::string calls_json(const Export& e, const Treasury& t) {
  JsonWriter w;
  w.begin_object();
  w.field("ballast", "calls/1");
  w.field("chain_id", t.chain_id.value_or(1));
  w.field("from", t.account.value_or(""));
  w.key("calls").begin_array();
  for (const Call& c : e.calls) {
    w.begin_object();
    write_call(w, c);
    w.end_object();
  }
  w.end_array();
  if (!e.orders.empty()) write_orders(w.key("orders"), e);
  w.end_object();
  return w.take() + "\n";
}

std::string orders_json(const Export& e) {
  JsonWriter w;
  write_orders(w, e);
  return w.take() + "\n";
}

}  // namespace ballast
