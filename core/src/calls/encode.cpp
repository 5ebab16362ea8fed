// Encoding a Transaction Builder transaction from its contractMethod and contractInputsValues, as
// the app does (safe-react-apps apps/tx-builder, utils.ts encodeToHexData: web3-eth-abi's
// encodeFunctionCall of the values parsed by parseInputValue). Value types, bytes, string and
// one-dimensional arrays of them; tuples are reported as not encodable yet.
#include "encode.h"

#include "abi.h"
#include "ballast/calls.h"

#include <algorithm>
#include <cctype>

namespace ballast::calls {

namespace {

struct Type {
  std::string base;         // "uint256", "address", "bytes", "string", "bool", "bytes32", ...
  bool array = false;       // T[]
  std::size_t fixed = 0;    // T[k] (0: dynamic or not an array)
};

Type parse_type(const std::string& t) {
  Type out;
  const auto open = t.find('[');
  out.base = t.substr(0, open);
  if (open == std::string::npos) return out;
  if (t.find('[', open + 1) != std::string::npos || t.back() != ']') throw EncodeError{"nested arrays (" + t + ") are not encoded yet"};
  out.array = true;
  const std::string k = t.substr(open + 1, t.size() - open - 2);
  if (!k.empty()) {
    if (k.size() > 4 || !std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw EncodeError{"bad array size in " + t};
    out.fixed = std::stoul(k);
  }
  return out;
}

bool dynamic(const std::string& base) { return base == "bytes" || base == "string"; }

std::string word(const Int& v) {
  std::string w(32, '\0');
  Int x = v < 0 ? Int(two_pow_256() + v) : v;
  for (int i = 31; i >= 0; --i) {
    w[static_cast<std::size_t>(i)] = static_cast<char>(static_cast<unsigned>(x & 0xff));
    x >>= 8;
  }
  return w;
}

std::string trim(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '"'), s.end());
  s.erase(std::remove(s.begin(), s.end(), '\''), s.end());
  const auto a = s.find_first_not_of(" \t\n\r"), b = s.find_last_not_of(" \t\n\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// A number as web3's toBN reads the app's strings: decimal, or hex with 0x; "-" for int types.
Int number(const std::string& text, const std::string& base) {
  std::string s = trim(text);
  const bool neg = !s.empty() && s[0] == '-';
  if (neg) s = s.substr(1);
  Int v = 0;
  bool too_large = false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    auto bytes = from_hex(s.size() % 2 ? "0x0" + s.substr(2) : s);
    if (!bytes || bytes->size() > 32) throw EncodeError{"\"" + text + "\" is not a " + base};
    v = big_endian(*bytes);
  } else {
    if (s.empty() || s.size() > 78 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw EncodeError{"\"" + text + "\" is not a " + base};
    s.erase(0, std::min(s.find_first_not_of('0'), s.size() - 1));  // toBN ignores leading zeros
    const auto parsed = parse_amount(s, &too_large);
    if (parsed) v = *parsed;
  }
  const unsigned bits = base.size() > (base[0] == 'u' ? 4u : 3u) ? static_cast<unsigned>(std::stoul(base.substr(base[0] == 'u' ? 4 : 3))) : 256u;
  const bool is_signed = base[0] == 'i';
  const Int limit = Int(1) << (is_signed ? bits - 1 : bits);
  if (too_large || v >= limit + (neg ? 1 : 0) || (neg && !is_signed)) throw EncodeError{"\"" + text + "\" does not fit " + base};
  return neg ? Int(-v) : v;
}

// The head or tail bytes of one value of a non-array type.
std::string encode_scalar(const std::string& base, const std::string& text) {
  if (base == "address") {
    const auto bytes = from_hex(trim(text));
    if (!bytes || bytes->size() != 20) throw EncodeError{"\"" + text + "\" is not an address"};
    return std::string(12, '\0') + *bytes;
  }
  if (base == "bool") {
    const std::string s = trim(text);
    if (s == "true" || s == "True" || s == "TRUE" || s == "1") return word(1);
    if (s == "false" || s == "False" || s == "FALSE" || s == "0") return word(0);
    throw EncodeError{"\"" + text + "\" is not a bool"};
  }
  if (base.rfind("uint", 0) == 0 || base.rfind("int", 0) == 0) return word(number(text, base));
  if (base == "string" || base == "bytes") {
    std::string data = text;
    if (base == "bytes") {
      auto bytes = from_hex(trim(text));
      if (!bytes) throw EncodeError{"\"" + text + "\" is not hex bytes"};
      data = *bytes;
    }
    std::string out = word(Int(data.size())) + data;
    out.append((32 - data.size() % 32) % 32, '\0');
    return out;
  }
  if (base.rfind("bytes", 0) == 0) {
    const std::size_t n = std::stoul(base.substr(5));
    auto bytes = from_hex(trim(text));
    if (n == 0 || n > 32 || !bytes || bytes->size() > n) throw EncodeError{"\"" + text + "\" is not a " + base};
    return *bytes + std::string(32 - bytes->size(), '\0');
  }
  throw EncodeError{"type " + base + " is not encoded yet"};
}

// The elements of an array value as the app splits them: "[1, 2]" or a JSON array of strings.
std::vector<std::string> elements(const std::string& text) {
  std::string s = text;
  const auto a = s.find('['), b = s.rfind(']');
  if (a == std::string::npos || b == std::string::npos || b < a) throw EncodeError{"\"" + text + "\" is not an array"};
  s = s.substr(a + 1, b - a - 1);
  std::vector<std::string> out;
  if (s.find_first_not_of(" \t\n\r") == std::string::npos) return out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ',') {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  return out;
}

// Head/tail encoding of a list of (type, value) pairs.
std::string encode_list(const std::vector<std::pair<Type, std::string>>& values);

std::string encode_value(const Type& t, const std::string& text, bool& is_dynamic) {
  if (!t.array) {
    is_dynamic = dynamic(t.base);
    return encode_scalar(t.base, text);
  }
  const auto items = elements(text);
  if (t.fixed && items.size() != t.fixed)
    throw EncodeError{"\"" + text + "\" has " + std::to_string(items.size()) + " elements, not " + std::to_string(t.fixed)};
  std::vector<std::pair<Type, std::string>> list;
  for (const auto& x : items) list.push_back({Type{t.base, false, 0}, x});
  is_dynamic = !t.fixed || dynamic(t.base);
  return (t.fixed ? "" : word(Int(items.size()))) + encode_list(list);
}

std::string encode_list(const std::vector<std::pair<Type, std::string>>& values) {
  std::vector<std::string> encoded;
  std::vector<bool> dyn;
  std::size_t head_size = 0;
  for (const auto& [t, text] : values) {
    bool d = false;
    encoded.push_back(encode_value(t, text, d));
    dyn.push_back(d);
    head_size += d ? 32 : encoded.back().size();
  }
  // Static values inline; dynamic ones as offsets to their encoding after all the heads.
  std::string head, tail;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (dyn[i]) {
      head += word(Int(head_size + tail.size()));
      tail += encoded[i];
    } else {
      head += encoded[i];
    }
  }
  return head + tail;
}

}  // namespace

std::string encode_call(const std::string& name, const std::vector<std::pair<std::string, std::string>>& typed_values) {
  std::string signature = name + "(";
  std::vector<std::pair<Type, std::string>> list;
  for (std::size_t i = 0; i < typed_values.size(); ++i) {
    const auto& [type, value] = typed_values[i];
    if (type.rfind("tuple", 0) == 0) throw EncodeError{"tuple inputs are not encoded yet"};
    signature += (i ? "," : "") + type;
    list.push_back({parse_type(type), value});
  }
  signature += ")";
  const std::uint32_t sel = function_selector(signature);
  const char prefix[4] = {static_cast<char>(sel >> 24), static_cast<char>(sel >> 16), static_cast<char>(sel >> 8),
                          static_cast<char>(sel)};
  return std::string(prefix, 4) + encode_list(list);
}

}  // namespace ballast::calls
