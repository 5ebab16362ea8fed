// Reading an imported batch: a Safe Transaction Builder file (safe-react-apps apps/tx-builder,
// typings/models.ts; read as transactionLibraryContext.tsx does) or a calls/1 document.
#include "../documents/reader.h"
#include "abi.h"
#include "ballast/calls.h"
#include "encode.h"

namespace ballast {

namespace {

using documents::lower;
using documents::Obj;
using documents::Reader;

const char* const kDoc = "calls";

// Methods the Tx Builder never encodes (NON_VALID_CONTRACT_METHODS): their calldata is empty.
bool never_encoded(const std::string& name) { return name == "receive" || name == "fallback"; }

// A method input: {type, name, components} (components of a tuple, recursively).
std::optional<calls::AbiParam> read_param(Reader& r, const Node& n, const std::string& path, int depth) {
  Obj in(r, n, path);
  if (!in.ok()) return std::nullopt;
  calls::AbiParam p;
  auto type = in.string("type", true);
  p.name = in.string("name").value_or("");
  const Node* components = in.opt("components");
  in.ignore_rest();
  if (!type) return std::nullopt;
  p.type = *type;
  if (p.type.rfind("tuple", 0) == 0) {
    const auto* list = components && depth < 8 ? r.array(*components, path + "/components", 64, "components") : nullptr;
    if (!list) {
      r.error(code::calldata_malformed, path, "a tuple input needs its components (at most 8 deep)");
      return std::nullopt;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto c = read_param(r, (*list)[i], pointer_join(path + "/components", i), depth + 1);
      if (!c) return std::nullopt;
      p.components.push_back(std::move(*c));
    }
  }
  return p;
}

// contractMethod + contractInputsValues -> calldata, as the app encodes it.
std::optional<std::string> encode_method(Reader& r, const Node& method, const Node* values, const std::string& path) {
  Obj m(r, method, path + "/contractMethod");
  if (!m.ok()) return std::nullopt;
  auto name = m.string("name", true);
  const Node* inputs = m.req("inputs");
  m.ignore_rest();
  if (!name || !inputs) return std::nullopt;
  if (never_encoded(*name)) return std::string();
  const auto* list = r.array(*inputs, path + "/contractMethod/inputs", 64, "inputs");
  if (!list) return std::nullopt;
  std::vector<calls::AbiParam> params;
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto p = read_param(r, (*list)[i], pointer_join(path + "/contractMethod/inputs", i), 0);
    if (!p) return std::nullopt;
    // The value's key is the input's name, or its index when unnamed.
    const std::string lookup = !p->name.empty() ? p->name : std::to_string(i);
    const Node* v = values && values->kind == Node::Kind::Object ? values->find(lookup) : nullptr;
    if (v && v->kind != Node::Kind::String) {
      r.error(code::type_mismatch, path + "/contractInputsValues/" + lookup,
              "values are strings in a Transaction Builder file (numbers lose precision), got " + quote(*v));
      return std::nullopt;
    }
    texts.push_back(v ? v->text : std::string());
    params.push_back(std::move(*p));
  }
  try {
    return calls::encode_call(*name, params, texts);
  } catch (const calls::EncodeError& e) {
    r.error(code::calldata_malformed, path + "/contractInputsValues", e.message);
    return std::nullopt;
  }
}

void read_tx_builder(Reader& r, const Node& root, const Treasury& t, Batch& b) {
  b.format = "tx-builder";
  Obj o(r, root, "");
  o.string("version", true);
  const auto chain = o.string("chainId", true);
  if (const Node* created = o.req("createdAt"); created && created->kind != Node::Kind::Number)
    r.error(code::type_mismatch, "/createdAt", "expected a number (milliseconds), got " + quote(*created));
  if (chain && t.chain_id && *chain != std::to_string(*t.chain_id))
    r.error(code::ref_chain_mismatch, "/chainId",
            "the batch is for chain " + quote(std::string_view(*chain)) + ", the treasury is on chain " + std::to_string(*t.chain_id));
  if (const Node* meta = o.req("meta")) {
    Obj m(r, *meta, "/meta");
    if (m.ok()) {
      const Node* safe = m.opt("createdFromSafeAddress");
      if (safe && safe->kind == Node::Kind::String && !safe->text.empty() && t.account && lower(safe->text) != *t.account)
        r.error(code::ref_account_mismatch, "/meta/createdFromSafeAddress",
                "the batch was made for the Safe " + quote(*safe) + ", the treasury's account is " + *t.account);
      if (const Node* n = m.opt("name"); n && n->kind == Node::Kind::String) b.name = n->text;
      if (const Node* n = m.opt("description"); n && n->kind == Node::Kind::String) b.description = n->text;
      const Node* checksum = m.opt("checksum");
      if (checksum && checksum->kind == Node::Kind::String && !checksum->text.empty()) {
        bool valid = false;
        for (bool name_as_null : {true, false})
          if (auto h = tx_builder_checksum(root, name_as_null))
            valid = valid || lower(checksum->text) == to_hex(calls::hash_bytes(*h));
        b.checksum_valid = valid;
      }
      m.ignore_rest();
    }
  }
  documents::each_object(r, o, "transactions", true, r.limits().max_actions, "transactions", [&](Obj& x, std::size_t i) {
    const std::string path = "/transactions/" + std::to_string(i);
    Call c;
    c.origin = path;
    auto to = x.address("to", true);
    const Node* value = x.req("value");
    const Node* data = x.opt("data");
    const Node* method = x.opt("contractMethod");
    const Node* values = x.opt("contractInputsValues");
    x.ignore_rest();
    if (!to || !value) return;
    c.to = lower(*to);
    if (value->kind != Node::Kind::String) {
      r.error(code::type_mismatch, path + "/value", "expected the value in wei as a string, got " + quote(*value));
      return;
    }
    auto v = r.amount(*value, path + "/value");
    if (!v) return;
    c.value = *v;
    if (data && data->kind == Node::Kind::String && !data->text.empty()) {
      auto bytes = from_hex(data->text);
      if (!bytes) return r.error(code::calldata_malformed, path + "/data", "expected 0x and hex digit pairs, got " + quote(*data));
      c.data = std::move(*bytes);
    } else if (method && method->kind != Node::Kind::Null) {
      auto bytes = encode_method(r, *method, values, path);
      if (!bytes) return;
      c.data = std::move(*bytes);
    }
    b.calls.push_back(std::move(c));
  });
  o.ignore_rest();
}

// A CoW order's terms (GPv2Order.Data field names), as calls/1 `orders` gives them.
std::optional<CowOrder> read_order(Reader& r, Obj& x) {
  CowOrder o;
  auto sell = x.address("sellToken", true), buy = x.address("buyToken", true), receiver = x.address("receiver");
  auto sa = x.amount("sellAmount", true), ba = x.amount("buyAmount", true), fee = x.amount("feeAmount");
  auto valid_to = x.integer("validTo", true, 0, 4294967295LL);
  auto app = x.string("appData");
  auto kind = x.string("kind", true);
  auto partial = x.boolean("partiallyFillable");
  auto stb = x.string("sellTokenBalance"), btb = x.string("buyTokenBalance");
  if (stb && *stb != "erc20" && *stb != "external" && *stb != "internal")
    r.error(code::value_range, x.at("sellTokenBalance"), "expected \"erc20\", \"external\" or \"internal\", got " + quote(std::string_view(*stb)));
  if (btb && *btb != "erc20" && *btb != "internal")
    r.error(code::value_range, x.at("buyTokenBalance"), "expected \"erc20\" or \"internal\", got " + quote(std::string_view(*btb)));
  if (kind && *kind != "sell" && *kind != "buy")
    r.error(code::value_range, x.at("kind"), "expected \"sell\" or \"buy\", got " + quote(std::string_view(*kind)));
  auto app_bytes = app ? from_hex(*app) : std::optional<std::string>(std::string(32, '\0'));
  if (!app_bytes || app_bytes->size() != 32) {
    r.error(code::value_range, x.at("appData"), "expected 32 bytes as 0x and 64 hex digits");
    return std::nullopt;
  }
  if (!sell || !buy || !sa || !ba || !valid_to || !kind) return std::nullopt;
  o.sell_token = lower(*sell);
  o.buy_token = lower(*buy);
  o.receiver = receiver ? lower(*receiver) : "0x0000000000000000000000000000000000000000";
  o.sell_amount = *sa;
  o.buy_amount = *ba;
  o.fee_amount = fee.value_or(0);
  o.valid_to = static_cast<std::uint32_t>(*valid_to);
  o.app_data = *app_bytes;
  o.sell = *kind == "sell";
  o.partially_fillable = partial.value_or(false);
  o.sell_token_balance = stb.value_or("erc20");
  o.buy_token_balance = btb.value_or("erc20");
  return o;
}

void read_calls_document(Reader& r, const Node& root, const Treasury& t, Batch& b) {
  b.format = "calls/1";
  Obj o(r, root, "");
  const auto kind = o.string("ballast", true);
  if (kind && *kind != "calls/1") {
    r.error(code::kind_mismatch, "/ballast", "expected \"calls/1\", got " + quote(std::string_view(*kind)));
    o.ignore_rest();
    return;
  }
  if (auto chain = o.integer("chain_id", true, 1, 9007199254740991LL); chain && t.chain_id && *chain != *t.chain_id)
    r.error(code::ref_chain_mismatch, "/chain_id",
            "the calls are for chain " + std::to_string(*chain) + ", the treasury is on chain " + std::to_string(*t.chain_id));
  if (auto from = o.address("from", true); from && t.account && lower(*from) != *t.account)
    r.error(code::ref_account_mismatch, "/from", "the calls are from " + *from + ", the treasury's account is " + *t.account);
  documents::each_object(r, o, "calls", true, r.limits().max_actions, "calls", [&](Obj& x, std::size_t i) {
    Call c;
    c.origin = "/calls/" + std::to_string(i);
    auto to = x.address("to", true);
    auto value = x.amount("value");
    auto data = x.string("data");
    auto operation = x.integer("operation", false, 0, 1);
    if (!to) return;
    c.to = lower(*to);
    c.value = value.value_or(0);
    c.delegatecall = operation.value_or(0) == 1;
    if (data) {
      auto bytes = from_hex(*data);
      if (!bytes) return r.error(code::calldata_malformed, c.origin + "/data", "expected 0x and hex digit pairs, got " + quote(std::string_view(*data)));
      c.data = std::move(*bytes);
    }
    b.calls.push_back(std::move(c));
  });
  documents::each_object(r, o, "orders", false, r.limits().max_actions, "orders", [&](Obj& x, std::size_t) {
    if (auto order = read_order(r, x)) b.orders.push_back(std::move(*order));
  });
}

}  // namespace

Parsed<Batch> read_batch(std::string_view text, const Treasury& treasury, const CheckLimits& limits) {
  return read_batch(text, &treasury, limits);
}

Parsed<Batch> read_batch(std::string_view text, const Treasury* against, const CheckLimits& limits) {
  Parsed<Batch> out;
  Diagnostics d;
  const Treasury none;
  const Treasury& treasury = against ? *against : none;
  if (against && !treasury.account) d.add(code::field_missing, "treasury", "/account", "importing calls needs the treasury's account");
  if (against && !treasury.chain_id) d.add(code::field_missing, "treasury", "/chain_id", "importing calls needs the treasury's chain_id");
  auto root = parse_json(text, kDoc, ParseLimits{limits.max_bytes, limits.max_depth}, d);
  if (root) {
    Reader r(d, kDoc, limits);
    Batch b;
    const bool tx_builder = root->kind == Node::Kind::Object && root->find("transactions") && root->find("meta");
    if (tx_builder) read_tx_builder(r, *root, treasury, b);
    else if (root->kind == Node::Kind::Object && root->find("ballast")) read_calls_document(r, *root, treasury, b);
    else r.error(code::kind_unknown, "", "neither a Safe Transaction Builder batch file (meta, transactions) nor a calls/1 document");
    out.value = std::move(b);
  }
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

}  // namespace ballast
