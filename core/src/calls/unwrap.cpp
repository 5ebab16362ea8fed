// Unwrapping a batch into the calls that execute (the README, Import): Safe execTransaction,
// MultiSend (safe-smart-account contracts/libraries/MultiSend.sol: packed entries of operation,
// to, value, data length, data) and Governor proposals.
#include "abi.h"
#include "ballast/calls.h"

namespace ballast {

namespace {

using calls::Abi;
using calls::AbiError;
using calls::selector_of;

// More unwrapped calldata than the limits allow.
struct TooLarge {
  std::string message;
};

constexpr std::uint32_t kExecTransaction = 0x6a761202;  // execTransaction(address,uint256,bytes,uint8,...)
constexpr std::uint32_t kMultiSend = 0x8d80ff0a;        // multiSend(bytes)
constexpr std::uint32_t kPropose = 0x7d5e81e2;          // propose(address[],uint256[],bytes[],string)
constexpr std::uint32_t kProposeBravo = 0xda95691a;     // propose(address[],uint256[],string[],bytes[],string)

class Unwrapper {
 public:
  Unwrapper(const std::string& account, const std::vector<Contract>& contracts, const std::string& document,
            Diagnostics& diags, const CallLimits& limits)
      : account_(account), contracts_(contracts), document_(document), diags_(diags), limits_(limits) {}

  void run(const std::vector<Call>& calls) {
    const bool alone = calls.size() == 1;
    for (const Call& c : calls)
      if (!add(c, 0, alone)) return;
  }

  std::vector<Call> out;

 private:
  const Contract* wrapper(const std::string& address) const { return find_contract(contracts_, address); }

  // Adds `c`, or the calls inside it; false once a limit is reached (nothing more is added).
  bool add(const Call& c, std::size_t depth, bool alone) {
    const std::uint32_t sel = selector_of(c.data);
    const Contract* w = wrapper(c.to);
    const bool exec = sel == kExecTransaction && c.to == account_ && !c.delegatecall;
    const bool multisend = sel == kMultiSend && w &&
                           (w->kind == ContractKind::SafeMultiSend || w->kind == ContractKind::SafeMultiSendCallOnly);
    const bool propose = (sel == kPropose || sel == kProposeBravo) && !c.delegatecall &&
                         ((w && (w->kind == ContractKind::Governor || w->kind == ContractKind::GovernorBravo)) || alone);
    if (!exec && !multisend && !propose) {
      if (out.size() >= limits_.max_calls) {
        diags_.add(code::limit_too_large, document_, c.origin,
                   "more than " + std::to_string(limits_.max_calls) + " calls after unwrapping");
        return false;
      }
      out.push_back(c);
      return true;
    }
    if (depth >= limits_.max_depth) {
      diags_.add(code::limit_too_large, document_, c.origin,
                 "wrapped calls nested more than " + std::to_string(limits_.max_depth) + " deep");
      return false;
    }
    std::vector<Call> inner;
    try {
      const Abi args(std::string_view(c.data).substr(4));
      if (exec) inner = exec_calls(c, args);
      else if (multisend && w->kind == ContractKind::SafeMultiSend && !c.delegatecall)
        throw AbiError{"MultiSend called, not delegatecalled: it reverts (\"MultiSend should only be called via delegatecall\")"};
      else if (multisend) inner = multisend_calls(c, args.bytes(0), *w);
      else inner = propose_calls(c, args, sel == kProposeBravo);
    } catch (const AbiError& e) {
      diags_.add(code::calldata_malformed, document_, c.origin, e.message);
      return true;  // the other calls are still read
    } catch (const TooLarge& e) {
      diags_.add(code::limit_too_large, document_, c.origin, e.message);
      return false;
    }
    for (const Call& x : inner)
      if (!add(x, depth + 1, false)) return false;
    return true;
  }

  // Calldata for an unwrapped call, within the byte budget: ABI offsets may point many calls at the
  // same bytes, so the copies, not the input, are what must be bounded.
  std::string copy(std::string_view bytes) {
    bytes_ += bytes.size() + 4;
    if (bytes_ > limits_.max_bytes)
      throw TooLarge{"the unwrapped calls hold more than " + std::to_string(limits_.max_bytes) + " bytes of calldata"};
    return std::string(bytes);
  }

  // execTransaction(to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, signatures)
  std::vector<Call> exec_calls(const Call& c, const Abi& args) {
    Call x;
    x.to = args.address(0);
    x.value = args.uint(1);
    x.data = copy(args.bytes(2));
    x.delegatecall = args.small(3, 1, "an operation") == 1;
    x.origin = c.origin + "/exec";
    return {x};
  }

  std::vector<Call> multisend_calls(const Call& c, std::string_view packed, const Contract& w) {
    std::vector<Call> calls;
    std::size_t at = 0;
    for (std::size_t j = 0; at < packed.size(); ++j) {
      const std::string where = " in entry " + std::to_string(j) + " of the multiSend transactions";
      if (packed.size() - at < 85) throw AbiError{"the packed transactions end inside a header" + where};
      const auto operation = static_cast<unsigned char>(packed[at]);
      if (operation > 1) throw AbiError{"operation " + std::to_string(operation) + " (0 call, 1 delegatecall)" + where};
      if (operation == 1 && w.kind == ContractKind::SafeMultiSendCallOnly)
        throw AbiError{"a delegatecall, which MultiSendCallOnly reverts on," + where};
      Call x;
      x.to = calls::address_hex(packed.substr(at + 1, 20));
      if (multisend_zero_is_self(w) && x.to == "0x0000000000000000000000000000000000000000") x.to = account_;
      x.value = calls::big_endian(packed.substr(at + 21, 32));
      const Int length = calls::big_endian(packed.substr(at + 53, 32));
      if (length > Int(packed.size() - at - 85)) throw AbiError{"data of length " + to_string(length) + " runs past the end" + where};
      x.data = copy(packed.substr(at + 85, static_cast<std::size_t>(length)));
      x.delegatecall = operation == 1;
      x.origin = c.origin + "/multisend/" + std::to_string(j);
      at += 85 + static_cast<std::size_t>(length);
      calls.push_back(std::move(x));
    }
    return calls;
  }

  // propose(targets, values, calldatas, description), or Bravo's (targets, values, signatures, calldatas, description).
  std::vector<Call> propose_calls(const Call& c, const Abi& args, bool bravo) {
    // Array lengths are bounded by the data here (each element has a head word); the call limit
    // is a limit, not malformed data.
    const std::size_t most = c.data.size() / 32;
    std::size_t n = 0, n_values = 0, n_data = 0, n_signatures = 0;
    const Abi targets = args.array(0, most, n);
    if (n > limits_.max_calls)
      throw TooLarge{"a proposal of " + std::to_string(n) + " calls, above the limit of " + std::to_string(limits_.max_calls)};
    const Abi values = args.array(1, most, n_values);
    const Abi datas = args.array(bravo ? 3 : 2, most, n_data);
    Abi signatures = bravo ? args.array(2, most, n_signatures) : args;
    if (n_values != n || n_data != n || (bravo && n_signatures != n))
      throw AbiError{"the proposal's lists differ in length (" + std::to_string(n) + " targets, " +
                     std::to_string(n_values) + " values, " + std::to_string(n_data) + " calldatas)"};
    std::vector<Call> calls;
    for (std::size_t i = 0; i < n; ++i) {
      Call x;
      x.to = targets.address(i);
      x.value = values.uint(i);
      x.data = copy(datas.bytes(i));
      // Bravo: a non-empty signature's selector goes before the calldata, as the timelock does.
      if (bravo && !signatures.bytes(i).empty()) x.data = calls::selector_bytes(function_selector(signatures.bytes(i))) + x.data;
      x.origin = c.origin + "/propose/" + std::to_string(i);
      calls.push_back(std::move(x));
    }
    return calls;
  }

  const std::string& account_;
  const std::vector<Contract>& contracts_;
  const std::string& document_;
  Diagnostics& diags_;
  const CallLimits& limits_;
  std::size_t bytes_ = 0;
};

}  // namespace

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() < 2 || hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X') || hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2 - 1);
  for (std::size_t i = 2; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::vector<Call> unwrap_calls(const std::vector<Call>& calls, const std::string& account,
                               const std::vector<Contract>& contracts, const std::string& document, Diagnostics& diags,
                               const CallLimits& limits) {
  Unwrapper u(account, contracts, document, diags, limits);
  u.run(calls);
  return std::move(u.out);
}

}  // namespace ballast
