// Calldata: the hashing and ABI decoding that reading on-chain calls needs (the README, Import).
#pragma once

#include "ballast/diagnostics.h"
#include "ballast/json.h"
#include "ballast/model.h"
#include "ballast/numeric.h"
#include "ballast/parse.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast {

/// A 32-byte hash.
using Hash = std::array<std::uint8_t, 32>;

/// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06).
Hash keccak256(std::string_view bytes);

/// The 4-byte function selector of a canonical signature, e.g. "transfer(address,uint256)" ->
/// 0xa9059cbb: the first four bytes of its Keccak-256.
std::uint32_t function_selector(std::string_view signature);

/// A selector as written in documents and reports: "0x" and 8 lower-case hex digits.
std::string selector_hex(std::uint32_t selector);
/// The selector "0x" and 8 hex digits (either case) stand for, or nullopt.
std::optional<std::uint32_t> parse_selector_hex(std::string_view text);

/// Lower-case hex of bytes, with "0x".
std::string to_hex(std::string_view bytes);

/// The Safe Transaction Builder's checksum of a batch file, `meta.checksum` left out: Keccak-256 of
/// its serialization (keys sorted in JavaScript's order, each object's key list first, every value
/// followed by a comma, strings and numbers as JSON.stringify writes them). The current Tx Builder
/// hashes `meta.name` as null (renaming a batch keeps its checksum); earlier ones hashed the name as
/// written: `name_as_null` picks which. nullopt when the file holds a number JavaScript would print
/// differently from its text (a fraction, an exponent, an integer beyond 2^53).
std::optional<Hash> tx_builder_checksum(const Node& batch, bool name_as_null);

/// Bytes from "0x"-prefixed hex (either case; "0x" alone is empty), or nullopt.
std::optional<std::string> from_hex(std::string_view hex);

/// One call a batch makes, from the treasury's account.
struct Call {
  std::string to;             // "0x" and 40 lower-case hex digits
  Int value = 0;              // wei sent along
  std::string data;           // the calldata bytes
  bool delegatecall = false;  // operation 1
  std::string origin;         // JSON pointer into the imported file, extended through the unwrapping
};

/// Bounds on what unwrapping produces (the document limits extended to calls).
struct CallLimits {
  std::size_t max_calls = 1000;   // calls after unwrapping
  std::size_t max_depth = 8;      // wrappers inside wrappers
  std::size_t max_bytes = 16u << 20;  // calldata bytes of all the calls unwrapped (offsets may share bytes)
};

/// The canonical deployments of chain `chain_id` that Ballast knows. Chain 1: the MultiSend and
/// MultiSendCallOnly of Safe v1.3.0, v1.4.1 and v1.5.0, Uniswap V2 Router02, SwapRouter,
/// SwapRouter02, the Universal Routers 1.0, 1.2, 2.0 and 2.1.1, WETH and the CoW settlement.
const std::vector<Contract>& known_contracts(long long chain_id);

/// The contracts the treasury's calls may target: its chain's known deployments, with the listed
/// `contracts` added (a listed address overrides the built-in entry at that address).
std::vector<Contract> contracts_of(const Treasury& t);

/// The contract at `address` in `contracts`, or null.
const Contract* find_contract(const std::vector<Contract>& contracts, const std::string& address);

/// Whether a MultiSend reads `to = 0` as the Safe itself (v1.5.0 and later).
bool multisend_zero_is_self(const Contract& c);

/// The name of a contract kind in treasury/1 ("uniswap_v2_router", ...), and back.
const char* contract_kind_name(ContractKind k);
std::optional<ContractKind> parse_contract_kind(std::string_view name);

/// The calls that execute, in order: Safe `execTransaction` sent to the account, `multiSend` on a
/// known MultiSend or MultiSendCallOnly, and Governor / GovernorBravo `propose` on a listed governor
/// or as the only call (Bravo's signatures prepended to their calldata, as the timelock does), each
/// replaced by the calls inside it, their origins extended with `exec`, `multisend/j`, `propose/i`.
/// Malformed wrappers are `calldata.malformed` errors of `document` at the call's origin; more calls
/// or deeper nesting than `limits` allow are `limit.too_large`.
std::vector<Call> unwrap_calls(const std::vector<Call>& calls, const std::string& account,
                               const std::vector<Contract>& contracts, const std::string& document, Diagnostics& diags,
                               const CallLimits& limits = {});

/// A Uniswap router deployment kind.
enum class RouterKind { V2Router02, SwapRouter, SwapRouter02 };

/// A swap a Uniswap router call makes, as the calldata states it (tokens by address).
struct RouterSwap {
  std::vector<std::string> path;    // token addresses in trade order, sell first (exact output too)
  std::vector<std::uint32_t> fees;  // v3: the pool fee of each hop, in pips; v2: empty
  bool exact_in = true;
  Int amount = 0;                   // amountIn (exact input) or amountOut (exact output)
  bool router_balance = false;      // SwapRouter02's amountIn 0: the router's whole balance
  Int bound = 0;                    // amountOutMinimum or amountInMaximum (after following the output)
  std::string recipient;            // where the output goes, sentinels and later sweeps resolved
  std::optional<Int> deadline;      // the call's, or its multicall's
  bool sells_native = false;        // V2's swapExactETH* / swapETHFor*: msg.value, wrapped by the router;
                                    // v3 routers: a WETH input sent as msg.value
  std::string wrapped_input;        // v3 routers selling the native coin: the token msg.value pays (WETH?)
  bool buys_native = false;         // V2's *ForETH, or an unwrapWETH9 that pays the output out
  std::string origin;               // the call's origin, with /multicall/k or /commands/i
  /// Universal Router: parts of the output paid to others on the way (PAY_PORTION in bips of the
  /// router's balance, TRANSFER of an exact amount), recipients resolved.
  struct Payment {
    std::string recipient;
    Int bips = 0;    // PAY_PORTION
    Int amount = 0;  // TRANSFER
  };
  std::vector<Payment> payments;
};

/// The Universal Router's input layouts: v1.x, 2.0.0, and 2.1.1 and later (whose swap inputs end
/// with a per-hop minimum price array, and whose command mask is wider).
enum class UniversalRouterVersion { V1, V2_0, V2_1 };

/// The layout of a Universal Router deployment from its version ("1.2" -> V1, "2.0" -> V2_0,
/// "2.1.1" and later -> V2_1); nullopt for a version that is not a dotted number.
std::optional<UniversalRouterVersion> universal_router_version(std::string_view version);

/// The swaps of a Universal Router `execute(commands, inputs[, deadline])` sent by `account`: V3
/// and V2 swaps exact in and out, with value followed through the router (ADDRESS_THIS): a
/// WRAP_ETH before a swap that spends the router's WETH makes it a sale of native ETH, and the
/// UNWRAP_WETH or SWEEP that finally pays a swap's output out gives its recipient and minimum;
/// PAY_PORTION and TRANSFER on the way are the swap's payments. nullopt when the call is not
/// `execute` or holds a command Ballast does not read (Permit2 commands are read and skipped).
std::optional<std::vector<RouterSwap>> decode_universal_router_call(const Call& call, UniversalRouterVersion version,
                                                                    const std::string& router, const std::string& account,
                                                                    const std::string& document, Diagnostics& diags);

/// The swaps of a call to a Uniswap router of `kind` at `router`, sent by `account`: V2 Router02's
/// six swap functions (and the fee-on-transfer variants), SwapRouter's and SwapRouter02's
/// exactInput[Single] / exactOutput[Single], SwapRouter02's V2 functions, and `multicall` (with or
/// without a deadline) of them. Recipient sentinels are resolved (SwapRouter02: address(1) the
/// caller, address(2) the router; SwapRouter: address(0) the router), and a swap paid to the router
/// followed in the same multicall by unwrapWETH9 or sweepToken takes that step's recipient and
/// minimum. nullopt when the call is not one of these; malformed calldata is `calldata.malformed`.
std::optional<std::vector<RouterSwap>> decode_router_call(const Call& call, RouterKind kind, const std::string& router,
                                                          const std::string& account, const std::string& document,
                                                          Diagnostics& diags);

/// What an ERC-20 or WETH9 call does (token = the call's target).
struct TokenCall {
  enum class Kind { Transfer, TransferFrom, Approve, Deposit, Withdraw } kind = Kind::Transfer;
  std::string from;  // transferFrom only
  std::string to;    // the recipient, or the spender of an approve
  Int amount = 0;    // deposit: the value sent
};

/// An ERC-20 transfer / transferFrom / approve, or WETH9 deposit() / withdraw(uint256); nullopt
/// for any other selector (a plain value transfer has no selector: it is not a token call).
std::optional<TokenCall> decode_token_call(const Call& call, const std::string& document, Diagnostics& diags);

/// A Curve exchange: coin indices as the pool orders its coins.
struct CurveExchange {
  std::size_t i = 0, j = 0;
  Int dx = 0, min_dy = 0;
  std::optional<std::string> receiver;  // NG and crypto-NG's receiver argument; absent: the caller
  bool use_eth = false;                 // crypto WETH pools: pay or take native ETH
  bool underlying = false;              // exchange_underlying
};

/// `exchange` (and plain pools' `exchange_underlying`) as the template defines it; nullopt for
/// another selector. Indices above 7 or negative are `calldata.malformed`.
std::optional<CurveExchange> decode_curve_call(const Call& call, CurveTemplate t, const std::string& document,
                                               Diagnostics& diags);

/// CoW `setPreSignature(bytes orderUid, bool signed)` on the settlement: the 56-byte UID and the flag.
std::optional<std::pair<std::string, bool>> decode_presignature(const Call& call, const std::string& document,
                                                                Diagnostics& diags);

/// A CoW Protocol order (GPv2Order.Data), as a pre-signature's order data gives it.
struct CowOrder {
  std::string sell_token, buy_token, receiver;  // addresses, lower-case ("0x0…0" receiver: the owner)
  Int sell_amount = 0, buy_amount = 0, fee_amount = 0;
  std::uint32_t valid_to = 0;
  std::string app_data;                          // 32 bytes
  bool sell = true;                              // kind "sell", else "buy"
  bool partially_fillable = false;
  std::string sell_token_balance = "erc20", buy_token_balance = "erc20";
};

/// The settlement contract of CoW Protocol, the same on every chain it is deployed on.
inline constexpr const char* kCowSettlement = "0x9008d19f58aabd9ed0d60971565aa8510560ab41";

/// CoW Protocol's vault relayer, which pulls an order's sell token: the spender an order approves.
inline constexpr const char* kCowVaultRelayer = "0xc92e8bdf79f0507f65a392b0ab4667716bfe0110";

/// The EIP-712 domain separator of GPv2 ("Gnosis Protocol", "v2", the chain, the settlement).
Hash cow_domain_separator(long long chain_id, const std::string& settlement = kCowSettlement);

/// The order's 56-byte UID: its EIP-712 digest, the owner and validTo (GPv2Order.packOrderUidParams).
std::string cow_order_uid(const CowOrder& order, const std::string& owner, long long chain_id,
                          const std::string& settlement = kCowSettlement);

/// The calls of an imported file, as it gives them (before unwrapping).
struct Batch {
  std::string format;                  // "tx-builder" (Safe Transaction Builder) or "calls/1"
  std::vector<Call> calls;             // origins /transactions/i or /calls/i
  std::optional<bool> checksum_valid;  // a Tx Builder file with meta.checksum: whether it matches
  std::vector<CowOrder> orders;        // calls/1: the terms of the orders its pre-signatures sign
  std::string name, description;       // a Tx Builder file's meta
};

/// Reads a Safe Transaction Builder batch file (a transaction's `data` when given, else the
/// encoding of its contractMethod and contractInputsValues as the app does) or a calls/1 document,
/// told apart by shape, for the treasury: the file's chain must be its `chain_id` and the Safe or
/// sender its `account` (`ref.chain_mismatch`, `ref.account_mismatch`). Errors are of document
/// "calls", except a treasury without `account` or `chain_id` (`field.missing` of "treasury").
Parsed<Batch> read_batch(std::string_view text, const Treasury& treasury, const CheckLimits& limits = {});
/// The same with the treasury optional: without one, only the file's shape is checked (validate).
Parsed<Batch> read_batch(std::string_view text, const Treasury* treasury, const CheckLimits& limits = {});

/// The proposal an imported file executes (SPEC 11.3): the calls read (read_batch), unwrapped
/// (unwrap_calls), and each turned into the action it performs: token transfers and approvals,
/// wraps, router and Curve swaps on the treasury's venues (hops matched by pair and fee; routes
/// for multi-hop paths; recipients, minimums and deadlines as the router resolves them), CoW
/// pre-signatures whose calls/1 order terms hash to their UID; anything else a `call`. Each action
/// carries its call's origin; the proposal its source (format, checksum). Errors are of "calls".
Parsed<Proposal> import_calls(std::string_view text, const Treasury& treasury, const CheckLimits& limits = {});

/// The proposal/1 document of a proposal on `treasury` (ids for indices, amounts as strings): what
/// `ballast import` prints, to be edited and checked again.
std::string proposal_json(const Proposal& p, const Treasury& treasury);

/// One readable line per action, amounts in token units: `ballast import --format text`.
std::string proposal_text(const Proposal& p, const Treasury& treasury);

/// How `ballast export` writes a proposal (SPEC 16).
struct ExportOptions {
  std::int64_t deadline_hours = 72;  // the routers' deadline and CoW's validTo: evaluation time + this
};

/// A proposal as the calls that perform it from the treasury's account.
struct Export {
  std::vector<Call> calls;      // in proposal order; each origin is its action's path
  std::vector<CowOrder> orders; // the terms of the CoW orders the calls pre-sign
  Time at;                      // the evaluation time: the proposal's submitted_at, else the treasury's as_of
};

/// The calls that perform `p` (SPEC 16): transfers as ERC-20 `transfer` or a value transfer,
/// approvals, wraps as WETH deposit / withdraw; v2 swaps on Router02 (the ETH functions where the
/// native coin is sold or bought), v3 swaps as one SwapRouter02 `multicall(deadline, …)` each
/// (routes as exactInput / exactOutput; the native coin sold as its value, refundETH after an
/// exact-output swap, and bought through unwrapWETH9), Curve
/// `exchange` on the pool, limit orders as CoW pre-signatures; every recipient the account, every
/// bound the action's, each swap's approval right before it and an exact-output swap's reset to 0
/// after it (CoW orders of one sell token share one approval of the vault relayer). Only contracts
/// the treasury knows are used. An action that cannot be written so is `export.unsupported` at its
/// path, naming the action and why; a treasury without account or chain is `field.missing`.
Parsed<Export> export_proposal(const Proposal& p, const Treasury& t, const ExportOptions& options = {});

/// A Safe Transaction Builder batch file of an export: version "1.0", chainId, createdAt (the
/// evaluation time in ms), meta (the proposal's id and title, the account, the checksum).
std::string tx_builder_json(const Export& e, const Proposal& p, const Treasury& t);

/// A calls/1 document of an export, with its CoW orders.
std::string calls_json(const Export& e, const Treasury& t);

/// The CoW orders of an export as calls/1 writes them (a JSON array).
std::string orders_json(const Export& e);

}  // namespace ballast
