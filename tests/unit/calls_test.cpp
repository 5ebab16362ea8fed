#include "ballast/calls.h"

#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <tuple>
#include <string>

using namespace ballast;

namespace {

std::string hex(const Hash& h) { return to_hex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size())); }

}  // namespace

TEST_CASE("Keccak-256: the standard vectors, across the 136-byte block boundary", "[calls][keccak]") {
  // keccak256("") and ("abc"): the Keccak team's vectors, also what ethers' keccak256 gives.
  CHECK(hex(keccak256("")) == "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  CHECK(hex(keccak256("abc")) == "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  // 0xA3 repeated (the Keccak team's 1600-bit message, and lengths around the rate), from ethers v6.
  const std::pair<std::size_t, const char*> repeated[] = {
      {135, "0x3d28d08c3dacab77392064a939f3e7f8d03f2e02e2c664ac08a05f63ac652626"},
      {136, "0xb82d89d96e5575d11a9e1f4cabb2a45e60899e69a19a724cd796bdcf13511018"},
      {137, "0xec8008a74e50bc7d6b22c3ad85402bf10e6d4449f3c8618e36c461b8a44eeafb"},
      {200, "0x3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a"},
      {272, "0xa657381e5615f539cac71f13c74473a5e77eaa2bd8348422dcac221c8f13da94"},
      {1000, "0xd7bf35851ae6462cce5a6a70fded315bf92997673e2ce92efd545ae9aec2b471"},
  };
  for (const auto& [n, expected] : repeated) {
    INFO(n << " bytes");
    CHECK(hex(keccak256(std::string(n, '\xa3'))) == expected);
  }
}

TEST_CASE("Keccak-256: CoW Protocol's constants (cowprotocol/contracts GPv2Order.sol)", "[calls][keccak]") {
  CHECK(hex(keccak256("Order(address sellToken,address buyToken,address receiver,uint256 sellAmount,uint256 buyAmount,"
                      "uint32 validTo,bytes32 appData,uint256 feeAmount,string kind,bool partiallyFillable,"
                      "string sellTokenBalance,string buyTokenBalance)")) ==
        "0xd5a25ba2e97094ad7d83dc28a6572da797d6b3e7fc6663bd93efb789fc17e489");  // TYPE_HASH
  CHECK(hex(keccak256("sell")) == "0xf3b277728b3fee749481eb3e0b3b48980dbbab78658fc419025cb16eee346775");   // KIND_SELL
  CHECK(hex(keccak256("erc20")) == "0x5a28e9363bb942b639270062aa6bb295f434bcdfc42c97267bf003f272060dc9");  // BALANCE_ERC20
}

TEST_CASE("function selectors seen in the contracts' sources", "[calls][keccak]") {
  CHECK(function_selector("transfer(address,uint256)") == 0xa9059cbbu);
  CHECK(function_selector("approve(address,uint256)") == 0x095ea7b3u);
  CHECK(function_selector("multiSend(bytes)") == 0x8d80ff0au);
  CHECK(function_selector("execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)") ==
        0x6a761202u);
}

namespace {

Hash checksum_of(std::string_view text, bool name_as_null) {
  Diagnostics d;
  auto node = parse_json(text, "calls", ParseLimits{}, d);
  REQUIRE(node);
  auto h = tx_builder_checksum(*node, name_as_null);
  REQUIRE(h);
  return *h;
}

// The batch of safe-react-apps apps/tx-builder/src/lib/checksum.test.js.
const char* const kUpstreamBatch = R"json({"version":"1.0","chainId":"4","createdAt":1646321521061,"meta":{"name":"test batch file","txBuilderVersion":"1.4.0","checksum":"","createdFromSafeAddress":"0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa","createdFromOwnerAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"},"transactions":[{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"address","name":"paramAddress","type":"address"}],"name":"testAddress","payable":false},"contractInputsValues":{"paramAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"bool","name":"paramBool","type":"bool"}],"name":"testBool","payable":false},"contractInputsValues":{"paramAddress":"","paramBool":"false"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"2000000000000000000","data":"0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6"}]})json";

}  // namespace

TEST_CASE("Tx Builder checksum: the upstream test batch, both algorithms", "[calls][txbuilder]") {
  // meta.checksum left out, as the app validates. With meta.name as null (the current app):
  // 0x86c81826...eace7c, computed by the research note's port and by the app's own serializer
  // with ethers' keccak256. With the name as written (earlier apps): the latter only.
  CHECK(hex(checksum_of(kUpstreamBatch, true)) == "0x86c81826dbf7e8a37612153294cc85fdf5c81998dd0a44b86d945502a7eace7c");
  CHECK(hex(checksum_of(kUpstreamBatch, false)) == "0xb59413e7d4324ed7c658b9d8f92c257b23488ce2686241ffbc71d890a1234412");
  // Key order does not matter (the upstream test reverses the keys of the file and of meta).
  const std::string reordered = R"json({"transactions":[{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"address","name":"paramAddress","type":"address"}],"name":"testAddress","payable":false},"contractInputsValues":{"paramAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"bool","name":"paramBool","type":"bool"}],"name":"testBool","payable":false},"contractInputsValues":{"paramAddress":"","paramBool":"false"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"2000000000000000000","data":"0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6"}],"meta":{"createdFromOwnerAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","createdFromSafeAddress":"0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa","checksum":"0x1234","txBuilderVersion":"1.4.0","name":"renamed"},"createdAt":1646321521061,"chainId":"4","version":"1.0"})json";
  CHECK(checksum_of(reordered, true) == checksum_of(kUpstreamBatch, true));
  CHECK(checksum_of(reordered, false) != checksum_of(kUpstreamBatch, false));  // the name counts there
}

TEST_CASE("Tx Builder checksum: JavaScript's escaping and key order", "[calls][txbuilder]") {
  // A description with a euro sign, quotes, a newline, U+0001, an emoji and a slash, and keys whose
  // UTF-16 order differs from their UTF-8 order; expected values from the app's serializer in Node.
  const char* batch = R"json({"version": "1.0", "chainId": "4", "createdAt": 1646321521061, "meta": {"name": "test batch file", "txBuilderVersion": "1.4.0", "checksum": "", "createdFromSafeAddress": "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa", "createdFromOwnerAddress": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6", "description": "€ \"quoted\"\nline\u0001 é 😀 /", "ékey": "x", "😀k": "y", "Ａ": "z"}, "transactions": [{"to": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6", "value": "0", "contractMethod": {"inputs": [{"internalType": "address", "name": "paramAddress", "type": "address"}], "name": "testAddress", "payable": false}, "contractInputsValues": {"paramAddress": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"}}, {"to": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6", "value": "0", "contractMethod": {"inputs": [{"internalType": "bool", "name": "paramBool", "type": "bool"}], "name": "testBool", "payable": false}, "contractInputsValues": {"paramAddress": "", "paramBool": "false"}}, {"to": "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6", "value": "2000000000000000000", "data": "0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6"}]})json";
  CHECK(hex(checksum_of(batch, true)) == "0xb732fbd22358807d76c6bd5615209ff3efc5143577de73be2b4ec8683e22dab2");
  CHECK(hex(checksum_of(batch, false)) == "0xbcfa549d50c784381f529b1c6e7e21461122844b67716f1020af92244416d5b7");
  // A number JavaScript would reprint cannot be hashed as the app did.
  Diagnostics d;
  auto fraction = parse_json(R"({"version": "1.0", "createdAt": 1.5e3, "meta": {}, "transactions": []})", "calls", {}, d);
  REQUIRE(fraction);
  CHECK_FALSE(tx_builder_checksum(*fraction, true));
}

TEST_CASE("unwrapping: every fixture encoded by ethers gives the calls it was given", "[calls][unwrap]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  REQUIRE(fixtures["cases"].size() >= 8);
  for (const auto& c : fixtures["cases"]) {
    INFO(c["name"].get<std::string>());
    std::vector<Call> calls;
    for (std::size_t i = 0; i < c["calls"].size(); ++i) {
      const auto& x = c["calls"][i];
      Call call;
      call.to = x["to"].get<std::string>();
      call.value = *parse_amount(x["value"].get<std::string>());
      call.data = *from_hex(x["data"].get<std::string>());
      call.delegatecall = x["operation"] == 1;
      call.origin = "/calls/" + std::to_string(i);
      calls.push_back(call);
    }
    Diagnostics d;
    const auto out = unwrap_calls(calls, c["account"], known_contracts(1), "calls", d);
    const auto errors = d.take();
    if (c["expected"].is_string()) {
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].code == c["expected"].get<std::string>());
      CHECK(errors[0].document == "calls");
      continue;
    }
    CHECK(errors.empty());
    REQUIRE(out.size() == c["expected"].size());
    for (std::size_t j = 0; j < out.size(); ++j) {
      const auto& e = c["expected"][j];
      CHECK(out[j].to == e["to"].get<std::string>());
      CHECK(to_string(out[j].value) == e["value"].get<std::string>());
      CHECK(to_hex(out[j].data) == e["data"].get<std::string>());
      CHECK(out[j].delegatecall == (e["operation"] == 1));
      CHECK(out[j].origin == e["origin"].get<std::string>());
    }
  }
}

TEST_CASE("unwrapping: hostile calldata is an error, never a read outside the bytes", "[calls][unwrap]") {
  const std::string callonly = "0x9641d764fc13c8b624c04430c7356c1c7c8102e2";
  auto run = [&](const std::string& hex) {
    Call c;
    c.to = callonly;
    c.delegatecall = true;
    c.data = *from_hex(hex);
    c.origin = "/calls/0";
    Diagnostics d;
    unwrap_calls({c}, "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa", known_contracts(1), "calls", d);
    return d.take();
  };
  const std::string sel = "0x8d80ff0a";
  const std::string word = [] { return std::string(64, '0'); }();
  auto w = [](const std::string& hex) { return std::string(64 - hex.size(), '0') + hex; };
  // No arguments; an offset beyond the data; a length beyond the data; a huge offset.
  for (const std::string& bad : {sel, sel + w("20"), sel + w("40") + w("20"), sel + w("20") + w("ffff"),
                                 sel + std::string(64, 'f'), sel + w("21") + w("0")}) {
    const auto errors = run(bad);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "calldata.malformed");
    CHECK(errors[0].path == "/calls/0");
  }
  // An entry whose header is cut short; an operation other than 0 or 1; a delegatecall entry in
  // MultiSendCallOnly.
  auto packed = [&](const std::string& bytes_hex) {
    return sel + w("20") + w([&] {
             char buf[32];
             std::snprintf(buf, sizeof buf, "%zx", bytes_hex.size() / 2);
             return std::string(buf);
           }()) +
           bytes_hex + std::string((64 - bytes_hex.size() % 64) % 64, '0');
  };
  const std::string entry_tail = std::string(40, '1') + word + word;  // to, value, length 0
  for (const std::string& bad : {std::string("00") + std::string(40, '1'), "02" + entry_tail, "01" + entry_tail}) {
    const auto errors = run(packed(bad));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "calldata.malformed");
  }
  CHECK(run(packed("00" + entry_tail)).empty());
  CHECK_FALSE(from_hex("0x123"));
  CHECK_FALSE(from_hex("0xzz"));
  CHECK_FALSE(from_hex("12"));
  CHECK(from_hex("0x") == std::string());
}

TEST_CASE("unwrapping: the calls and their bytes are bounded", "[calls][unwrap]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  for (const auto& c : fixtures["cases"]) {
    if (c["name"] != "governor-propose") continue;
    Call call;
    call.to = c["calls"][0]["to"].get<std::string>();
    call.data = *from_hex(c["calls"][0]["data"].get<std::string>());
    call.origin = "/calls/0";
    for (const auto& [calls, bytes, code] : {std::tuple<std::size_t, std::size_t, const char*>{1, 1 << 20, "limit.too_large"},
                                             {10, 100, "limit.too_large"}, {10, 1 << 20, ""}}) {
      CallLimits limits;
      limits.max_calls = calls;
      limits.max_bytes = bytes;
      Diagnostics d;
      const auto out = unwrap_calls({call}, c["account"], known_contracts(1), "calls", d, limits);
      const auto errors = d.take();
      if (*code) {
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == code);
        CHECK(out.size() <= calls);
      } else {
        CHECK(errors.empty());
        CHECK(out.size() == 2);
      }
    }
  }
}

namespace {

Treasury import_treasury(const std::string& account, long long chain) {
  Treasury t;
  t.account = account;
  t.chain_id = chain;
  return t;
}

std::vector<std::string> error_list(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.code + " " + e.document + " " + e.path);
  return out;
}

}  // namespace

TEST_CASE("Tx Builder file: data as given, methods encoded as the app encodes them (ethers' values)", "[calls][batch]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const auto& tb = fixtures["tx_builder"];
  const Treasury t = import_treasury(tb["account"], tb["chain_id"]);
  const auto batch = read_batch(tb["file"].dump(), t);
  INFO((batch.errors.empty() ? std::string() : batch.errors[0].path + ": " + batch.errors[0].message));
  REQUIRE(batch.value);
  CHECK(batch.value->format == "tx-builder");
  CHECK_FALSE(batch.value->checksum_valid);  // the file has no checksum
  REQUIRE(batch.value->calls.size() == tb["expected"].size());
  for (std::size_t i = 0; i < batch.value->calls.size(); ++i) {
    const Call& c = batch.value->calls[i];
    const auto& e = tb["expected"][i];
    INFO("transaction " << i);
    CHECK(c.to == e["to"].get<std::string>());
    CHECK(to_string(c.value) == e["value"].get<std::string>());
    CHECK(to_hex(c.data) == e["data"].get<std::string>());
    CHECK(c.origin == e["origin"].get<std::string>());
  }

  // The checksum: valid as the app wrote it, invalid once a transaction was edited.
  auto file = tb["file"];
  Diagnostics d;
  const auto node = parse_json(file.dump(), "calls", {}, d);
  const Hash h = *tx_builder_checksum(*node, true);
  file["meta"]["checksum"] = to_hex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
  CHECK(read_batch(file.dump(), t).value->checksum_valid == true);
  file["meta"]["name"] = "renamed";  // the name is not hashed
  CHECK(read_batch(file.dump(), t).value->checksum_valid == true);
  file["transactions"][3]["value"] = "1600000000000000000";
  CHECK(read_batch(file.dump(), t).value->checksum_valid == false);
}

TEST_CASE("Tx Builder file: a batch of another Safe or chain, and malformed transactions", "[calls][batch]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const auto& tb = fixtures["tx_builder"];
  const std::string account = tb["account"];
  CHECK(error_list(read_batch(tb["file"].dump(), import_treasury(account, 100)).errors) ==
        std::vector<std::string>{"ref.chain_mismatch calls /chainId"});
  CHECK(error_list(read_batch(tb["file"].dump(), import_treasury("0x1111111111111111111111111111111111111111", 1)).errors) ==
        std::vector<std::string>{"ref.account_mismatch calls /meta/createdFromSafeAddress"});
  CHECK(error_list(read_batch(tb["file"].dump(), Treasury{}).errors) ==
        std::vector<std::string>{"field.missing treasury /account", "field.missing treasury /chain_id"});
  auto file = tb["file"];
  file["transactions"][0]["data"] = "0xabc";                                   // odd hex
  file["transactions"][1]["contractInputsValues"]["amount"] = 1000000;          // a number
  file["transactions"][2]["contractInputsValues"]["small"] = "256";             // does not fit uint8
  file["transactions"][3]["value"] = 15;                                       // a number
  file["transactions"][4]["to"] = "0x12";                                      // not an address
  CHECK(error_list(read_batch(file.dump(), import_treasury(account, 1)).errors) ==
        std::vector<std::string>{"calldata.malformed calls /transactions/0/data",
                                 "type.mismatch calls /transactions/1/contractInputsValues/amount",
                                 "calldata.malformed calls /transactions/2/contractInputsValues",
                                 "type.mismatch calls /transactions/3/value", "type.address calls /transactions/4/to"});
  // Type names that are not ABI types: an error of the values, never an exception.
  for (const char* type : {"uintx", "uint7", "int512", "bytes33", "bytesfoo", "function"}) {
    auto odd = tb["file"];
    odd["transactions"][1]["contractMethod"]["inputs"][1]["type"] = type;
    INFO(type);
    CHECK(error_list(read_batch(odd.dump(), import_treasury(account, 1)).errors) ==
          std::vector<std::string>{"calldata.malformed calls /transactions/1/contractInputsValues"});
  }
  CHECK(error_list(read_batch("[1, 2]", import_treasury(account, 1)).errors) == std::vector<std::string>{"kind.unknown calls "});
  CHECK(error_list(read_batch("{\"meta\": {}, \"transactions\": ", import_treasury(account, 1)).errors) ==
        std::vector<std::string>{"json.syntax calls /transactions"});
}

TEST_CASE("calls/1: the calls of a script or an oSnap list", "[calls][batch]") {
  const std::string account = "0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa";
  const std::string doc = R"({"ballast": "calls/1", "chain_id": 1, "from": "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa",
    "calls": [{"to": "0x1111111111111111111111111111111111111111", "value": "5", "data": "0xA9059CBB"},
              {"to": "0x9641d764fc13c8b624c04430c7356c1c7c8102e2", "data": "0x", "operation": 1}]})";
  const auto batch = read_batch(doc, import_treasury(account, 1));
  CHECK(error_list(batch.errors).empty());
  REQUIRE(batch.value);
  CHECK(batch.value->format == "calls/1");
  REQUIRE(batch.value->calls.size() == 2);
  CHECK(to_string(batch.value->calls[0].value) == "5");
  CHECK(to_hex(batch.value->calls[0].data) == "0xa9059cbb");
  CHECK(batch.value->calls[1].delegatecall);
  CHECK(batch.value->calls[1].origin == "/calls/1");
  CHECK(error_list(read_batch(doc, import_treasury("0x2222222222222222222222222222222222222222", 5)).errors) ==
        std::vector<std::string>{"ref.chain_mismatch calls /chain_id", "ref.account_mismatch calls /from"});
}

namespace {

// A decoded swap against the fixture's expectation (tests/calls/generate.mjs `swap`).
void check_swap(const RouterSwap& s, const nlohmann::json& e) {
  CHECK(s.path == e["path"].get<std::vector<std::string>>());
  CHECK(s.fees == e["fees"].get<std::vector<std::uint32_t>>());
  CHECK(s.exact_in == e["exact_in"].get<bool>());
  CHECK(to_string(s.amount) == e["amount"].get<std::string>());
  CHECK(to_string(s.bound) == e["bound"].get<std::string>());
  CHECK(s.recipient == e["recipient"].get<std::string>());
  CHECK((s.deadline ? to_string(*s.deadline) : "null") == (e["deadline"].is_null() ? "null" : e["deadline"].get<std::string>()));
  CHECK(s.sells_native == e["sells_native"].get<bool>());
  CHECK(s.buys_native == e["buys_native"].get<bool>());
  CHECK(s.router_balance == e["router_balance"].get<bool>());
}

// The call of a fixture: its target (a router's, else WETH's address), value and calldata.
Call fixture_call(const nlohmann::json& x) {
  Call c;
  c.to = x.contains("router") ? x["router"].get<std::string>() : "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
  c.value = *parse_amount(x.contains("value") ? x["value"].is_string() ? x["value"].get<std::string>()
                                                                       : std::to_string(x["value"].get<long long>())
                                              : "0");
  c.data = *from_hex(x["data"].get<std::string>());
  c.origin = "/calls/0";
  return c;
}

}  // namespace

TEST_CASE("Uniswap routers: every call encoded by ethers decodes to the swaps it was given", "[calls][routers]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const std::string account = fixtures["account"];
  REQUIRE(fixtures["routers"].size() >= 13);
  for (const auto& c : fixtures["routers"]) {
    INFO(c["name"].get<std::string>());
    const std::string k = c["kind"];
    const RouterKind kind = k == "v2_router" ? RouterKind::V2Router02 : k == "swap_router" ? RouterKind::SwapRouter : RouterKind::SwapRouter02;
    Call call = fixture_call(c);
    Diagnostics d;
    const auto swaps = decode_router_call(call, kind, call.to, account, "calls", d);
    CHECK(d.take().empty());
    if (c["expected"].is_null()) {
      CHECK_FALSE(swaps);
      continue;
    }
    REQUIRE(swaps);
    REQUIRE(swaps->size() == c["expected"].size());
    for (std::size_t i = 0; i < swaps->size(); ++i) {
      const RouterSwap& s = (*swaps)[i];
      const auto& e = c["expected"][i];
      check_swap(s, e);
      CHECK(s.origin == (c["expected"].size() > 1 || c["name"].get<std::string>().find("multicall") != std::string::npos ||
                                 c["name"].get<std::string>().find("then") != std::string::npos
                             ? "/calls/0/multicall/" + std::to_string(i)
                             : std::string("/calls/0")));
    }
  }
}

TEST_CASE("Uniswap routers: truncated calldata is an error; other calls are not swaps", "[calls][routers]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const std::string account = fixtures["account"];
  for (const auto& c : fixtures["routers"]) {
    const std::string k = c["kind"];
    const RouterKind kind = k == "v2_router" ? RouterKind::V2Router02 : k == "swap_router" ? RouterKind::SwapRouter : RouterKind::SwapRouter02;
    const std::string data = *from_hex(c["data"].get<std::string>());
    // Cut inside the arguments: never decoded. (A cut of the last byte may only remove the padding
    // of a trailing bytes value, which the ABI does not require.)
    for (std::size_t cut : {std::size_t{4}, data.size() / 2}) {
      Call call;
      call.to = c["router"].get<std::string>();
      call.data = data.substr(0, cut);
      call.origin = "/calls/0";
      Diagnostics d;
      INFO(c["name"].get<std::string>() << " cut at " << cut);
      CHECK_FALSE(decode_router_call(call, kind, call.to, account, "calls", d));
      // A cut the decoder can still read as a shorter call is not an error; any error is malformed data.
      for (const auto& e : d.take()) CHECK(e.code == "calldata.malformed");
    }
  }
  Call transfer;
  transfer.data = *from_hex("0xa9059cbb");
  Diagnostics d;
  CHECK_FALSE(decode_router_call(transfer, RouterKind::SwapRouter02, "0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45", account, "calls", d));
  CHECK(d.take().empty());
}

TEST_CASE("CoW Protocol: the GPv2 domain and order UIDs, as ethers' EIP-712 encoder computes them", "[calls][cow]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const auto& cow = fixtures["cow"];
  // Also the research note's computed values and public re-implementations' constants.
  CHECK(hex(cow_domain_separator(1)) == "0xc078f884a2676e1345748b1feace7b0abee5d00ecadb6e574dcdd109a63e8943");
  CHECK(hex(cow_domain_separator(1)) == cow["domain_separator_1"].get<std::string>());
  CHECK(hex(cow_domain_separator(100)) == cow["domain_separator_100"].get<std::string>());
  REQUIRE(cow["orders"].size() == 2);
  for (const auto& x : cow["orders"]) {
    const auto& o = x["order"];
    CowOrder order;
    auto lower = [](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    order.sell_token = lower(o["sellToken"]);
    order.buy_token = lower(o["buyToken"]);
    order.receiver = lower(o["receiver"]);
    order.sell_amount = *parse_amount(o["sellAmount"].get<std::string>());
    order.buy_amount = *parse_amount(o["buyAmount"].get<std::string>());
    order.fee_amount = *parse_amount(o["feeAmount"].get<std::string>());
    order.valid_to = o["validTo"].get<std::uint32_t>();
    order.app_data = *from_hex(o["appData"].get<std::string>());
    order.sell = o["kind"] == "sell";
    order.partially_fillable = o["partiallyFillable"];
    order.sell_token_balance = o["sellTokenBalance"];
    order.buy_token_balance = o["buyTokenBalance"];
    const std::string uid = cow_order_uid(order, x["owner"], x["chain_id"]);
    CHECK(uid.size() == 56);
    CHECK(to_hex(uid) == x["uid"].get<std::string>());
    order.buy_amount += 1;  // any other term: another UID
    CHECK(to_hex(cow_order_uid(order, x["owner"], x["chain_id"])) != x["uid"].get<std::string>());
  }
}

TEST_CASE("ERC-20 and WETH9 calls, as ethers encodes them", "[calls][tokens]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const char* kinds[] = {"transfer", "transferFrom", "approve", "deposit", "withdraw"};
  for (const auto& x : fixtures["tokens"]) {
    INFO(x["name"].get<std::string>());
    Diagnostics d;
    const auto t = decode_token_call(fixture_call(x), "calls", d);
    REQUIRE(t);
    CHECK(kinds[static_cast<int>(t->kind)] == x["expected"]["kind"].get<std::string>());
    CHECK(t->from == x["expected"]["from"].get<std::string>());
    CHECK(t->to == x["expected"]["to"].get<std::string>());
    CHECK(to_string(t->amount) == x["expected"]["amount"].get<std::string>());
    // Cut short: malformed, never a guess.
    Call cut = fixture_call(x);
    if (cut.data.size() > 4) {
      cut.data.resize(cut.data.size() - 1);
      CHECK_FALSE(decode_token_call(cut, "calls", d));
      CHECK(d.take().size() == 1);
    }
  }
  Diagnostics d;
  Call plain;
  CHECK_FALSE(decode_token_call(plain, "calls", d));  // a value transfer with no data
}

TEST_CASE("Curve exchanges of each template, as ethers encodes them", "[calls][curve]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  REQUIRE(fixtures["curve"].size() == 9);
  for (const auto& x : fixtures["curve"]) {
    const std::string t = x["template"];
    const CurveTemplate tmpl = t == "plain" ? CurveTemplate::Plain : t == "ng" ? CurveTemplate::Ng : CurveTemplate::Crypto;
    Diagnostics d;
    const auto e = decode_curve_call(fixture_call(x), tmpl, "calls", d);
    const auto errors = d.take();
    INFO(x["data"].get<std::string>().substr(0, 10) << " on " << t);
    if (x["expected"].is_null()) {
      CHECK_FALSE(e);
      CHECK(errors.empty());
      continue;
    }
    if (x["expected"].is_string()) {
      CHECK_FALSE(e);
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].code == x["expected"].get<std::string>());
      continue;
    }
    REQUIRE(e);
    const auto& ex = x["expected"];
    CHECK(e->i == ex["i"].get<std::size_t>());
    CHECK(e->j == ex["j"].get<std::size_t>());
    CHECK(to_string(e->dx) == ex["dx"].get<std::string>());
    CHECK(to_string(e->min_dy) == ex["min_dy"].get<std::string>());
    CHECK(e->receiver.value_or("null") == (ex["receiver"].is_null() ? "null" : ex["receiver"].get<std::string>()));
    CHECK(e->use_eth == ex["use_eth"].get<bool>());
    CHECK(e->underlying == ex["underlying"].get<bool>());
  }
}

TEST_CASE("CoW pre-signatures: the UID and the flag", "[calls][cow]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  for (const auto& x : fixtures["presignatures"]) {
    Diagnostics d;
    const auto p = decode_presignature(fixture_call(x), "calls", d);
    const auto errors = d.take();
    if (x["uid"].is_null()) {  // 55 bytes
      CHECK_FALSE(p);
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].code == "calldata.malformed");
      continue;
    }
    REQUIRE(p);
    CHECK(to_hex(p->first) == x["uid"].get<std::string>());
    CHECK(p->second == x["signed"].get<bool>());
  }
}

TEST_CASE("Universal Router: the SDK's interop vectors, value followed through the router", "[calls][universal]") {
  const auto fixtures = nlohmann::json::parse(ballast_test::read_source_file("tests/calls/fixtures.json"));
  const std::string account = fixtures["account"];
  REQUIRE(fixtures["universal"].size() == 6);
  for (const auto& c : fixtures["universal"]) {
    INFO(c["name"].get<std::string>());
    const std::string v = c["version"];
    const auto version = v == "v1" ? UniversalRouterVersion::V1 : v == "v2.0" ? UniversalRouterVersion::V2_0 : UniversalRouterVersion::V2_1;
    Call call = fixture_call(c);
    Diagnostics d;
    const auto swaps = decode_universal_router_call(call, version, call.to, account, "calls", d);
    const auto errors = d.take();
    if (c["expected"].is_null() || c["expected"].is_string()) {
      CHECK_FALSE(swaps);
      CHECK(errors.size() == (c["expected"].is_string() ? 1u : 0u));
      if (!errors.empty()) CHECK(errors[0].code == c["expected"].get<std::string>());
      continue;
    }
    CHECK(errors.empty());
    REQUIRE(swaps);
    REQUIRE(swaps->size() == c["expected"].size());
    for (std::size_t i = 0; i < swaps->size(); ++i) {
      const RouterSwap& s = (*swaps)[i];
      const auto& e = c["expected"][i];
      check_swap(s, e);
      CHECK(s.origin == e["origin"].get<std::string>());
      REQUIRE(s.payments.size() == e["payments"].size());
      for (std::size_t k = 0; k < s.payments.size(); ++k) {
        CHECK(s.payments[k].recipient == e["payments"][k]["recipient"].get<std::string>());
        CHECK(to_string(s.payments[k].bips) == e["payments"][k]["bips"].get<std::string>());
      }
    }
    // Cut inside the arguments: never decoded.
    call.data.resize(call.data.size() / 2);
    CHECK_FALSE(decode_universal_router_call(call, version, call.to, account, "calls", d));
  }
}
