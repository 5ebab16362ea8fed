// Encoding a Transaction Builder transaction from its contractMethod and contractInputsValues, as
// the app does (safe-react-apps apps/tx-builder, utils.ts encodeToHexData: web3-eth-abi's
// encodeFunctionCall of the values parsed by parseInputValue). Value types, bytes, string,
// one-dimensional arrays and tuples (given as JSON) of them.
#include "encode.h"

#include "abi.h"
#include "ballast/calls.h"
#include "ballast/json.h"

#include <algorithm>
#include <cctype>

namespace ballast::calls {

namespace {

struct Type {
  std::string base;         // "uint256", "address", "bytes", "string", "bool", "bytes32", "tuple", ...
  bool array = false;       // T[]
  std::size_t fixed = 0;    // T[k] (0: dynamic or not an array)
  const std::vector<AbiParam>* components = nullptr;  // a tuple's
};

// A value as text (a scalar) or as its elements (an array or a tuple).
struct Value {
  std::string text;
  std::vector<Value> items;
};

Type parse_type(const std::string& t, const std::vector<AbiParam>* components = nullptr) {
  Type out;
  out.components = components;
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

// Whether values of `t` go to the tail: bytes, string, T[], and tuples or T[k] holding one.
bool is_dynamic(const Type& t) {
  if (t.array && !t.fixed) return true;
  if (t.base == "tuple") {
    for (const AbiParam& c : *t.components)
      if (is_dynamic(parse_type(c.type, &c.components))) return true;
    return false;
  }
  return t.base == "bytes" || t.base == "string";
}

// The size in a type name ("uint64" -> 64), within [lo, hi] and a multiple of `step`; `whole`
// when the name has none ("uint").
unsigned type_size(const std::string& base, std::size_t prefix, unsigned lo, unsigned hi, unsigned step, unsigned whole) {
  const std::string digits = base.substr(prefix);
  if (digits.empty() && whole) return whole;
  if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw EncodeError{"type " + base + " is not an ABI type"};
  const unsigned n = static_cast<unsigned>(std::stoul(digits));
  if (n < lo || n > hi || n % step != 0) throw EncodeError{"type " + base + " is not an ABI type"};
  return n;
}

std::string word(const Int& v) { return abi_word(v); }

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
  const bool is_signed = base[0] == 'i';
  const unsigned bits = type_size(base, is_signed ? 3 : 4, 8, 256, 8, 256);
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
    const std::size_t n = type_size(base, 5, 1, 32, 1, 0);
    auto bytes = from_hex(trim(text));
    if (!bytes || bytes->size() > n) throw EncodeError{"\"" + text + "\" is not a " + base};
    return *bytes + std::string(32 - bytes->size(), '\0');
  }
  throw EncodeError{"type " + base + " is not encoded yet"};
}

// The elements of an array value as the app splits them: "[1, 2]" (quotes dropped).
std::vector<Value> elements(const std::string& text) {
  std::string s = text;
  const auto a = s.find('['), b = s.rfind(']');
  if (a == std::string::npos || b == std::string::npos || b < a) throw EncodeError{"\"" + text + "\" is not an array"};
  s = s.substr(a + 1, b - a - 1);
  std::vector<Value> out;
  if (s.find_first_not_of(" \t\n\r") == std::string::npos) return out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == ',') {
      out.push_back(Value{trim(s.substr(start, i - start)), {}});
      start = i + 1;
    }
  return out;
}

// A JSON value (inside a tuple or a JSON array) as a Value: scalars as their text.
Value from_node(const Node& n) {
  Value v;
  if (n.kind == Node::Kind::Array) {
    for (const Node& x : n.items) v.items.push_back(from_node(x));
  } else if (n.kind == Node::Kind::Object) {
    throw EncodeError{"an object where a value belongs"};
  } else {
    v.text = n.kind == Node::Kind::Null ? "" : n.text;
  }
  return v;
}

Node parse_value_json(const std::string& text) {
  Diagnostics d;
  auto node = parse_json(text, "value", ParseLimits{1u << 20, 16}, d);
  if (!node) throw EncodeError{"\"" + text + "\" is not JSON"};
  return std::move(*node);
}

// A tuple's JSON (an array by position, or an object by component name) as its component values.
Value tuple_value(const Node& n, const std::vector<AbiParam>& components) {
  Value v;
  if (n.kind == Node::Kind::Array) {
    if (n.items.size() != components.size())
      throw EncodeError{"a tuple of " + std::to_string(components.size()) + " components given " + std::to_string(n.items.size())};
    for (std::size_t i = 0; i < components.size(); ++i) {
      const Node& x = n.items[i];
      v.items.push_back(components[i].type.rfind("tuple", 0) == 0 && x.kind == Node::Kind::Object
                            ? tuple_value(x, components[i].components) : from_node(x));
    }
  } else if (n.kind == Node::Kind::Object) {
    for (const AbiParam& c : components) {
      const Node* x = n.find(c.name);
      if (!x) throw EncodeError{"the tuple has no " + c.name};
      v.items.push_back(c.type.rfind("tuple", 0) == 0 && x->kind == Node::Kind::Object ? tuple_value(*x, c.components) : from_node(*x));
    }
  } else {
    throw EncodeError{"a tuple is given as a JSON array or object"};
  }
  return v;
}

// A top-level value text as the app parses it (parseInputValue).
Value top_value(const Type& t, const std::string& text) {
  if (t.base == "tuple" && !t.array) return tuple_value(parse_value_json(text), *t.components);
  if (t.base == "tuple") {  // an array of tuples, as JSON
    const Node n = parse_value_json(text);
    if (n.kind != Node::Kind::Array) throw EncodeError{"\"" + text + "\" is not an array"};
    Value v;
    for (const Node& x : n.items) v.items.push_back(tuple_value(x, *t.components));
    return v;
  }
  if (!t.array) return Value{text, {}};
  if (t.base == "string") return from_node(parse_value_json(text));  // arrays of strings: JSON.parse
  Value v;
  v.items = elements(text);
  return v;
}

std::string encode_list(const std::vector<std::pair<Type, const Value*>>& values);

std::string encode_value(const Type& t, const Value& value) {
  if (!t.array && t.base == "tuple") {
    if (value.items.size() != t.components->size()) throw EncodeError{"a tuple of the wrong size"};
    std::vector<Type> types;
    for (const AbiParam& c : *t.components) types.push_back(parse_type(c.type, &c.components));
    std::vector<std::pair<Type, const Value*>> list;
    for (std::size_t i = 0; i < types.size(); ++i) list.push_back({types[i], &value.items[i]});
    return encode_list(list);
  }
  if (!t.array) {
    if (!value.items.empty()) throw EncodeError{"a list where a " + t.base + " belongs"};
    return encode_scalar(t.base, value.text);
  }
  const std::size_t n = value.items.size();
  if (t.fixed && n != t.fixed) throw EncodeError{"an array of " + std::to_string(n) + " elements, not " + std::to_string(t.fixed)};
  Type element = t;
  element.array = false;
  element.fixed = 0;
  std::vector<std::pair<Type, const Value*>> list;
  for (const Value& x : value.items) list.push_back({element, &x});
  return (t.fixed ? "" : word(Int(n))) + encode_list(list);
}

std::string encode_list(const std::vector<std::pair<Type, const Value*>>& values) {
  std::vector<std::string> encoded;
  std::size_t head_size = 0;
  for (const auto& [t, v] : values) {
    encoded.push_back(encode_value(t, *v));
    head_size += is_dynamic(t) ? 32 : encoded.back().size();
  }
  // Static values inline; dynamic ones as offsets to their encoding after all the heads.
  std::string head, tail;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (is_dynamic(values[i].first)) {
      head += word(Int(head_size + tail.size()));
      tail += encoded[i];
    } else {
      head += encoded[i];
    }
  }
  return head + tail;
}

// The canonical type of a parameter in a signature: tuples as their components in parentheses.
std::string canonical(const AbiParam& p) {
  if (p.type.rfind("tuple", 0) != 0) return p.type;
  std::string s = "(";
  for (std::size_t i = 0; i < p.components.size(); ++i) s += (i ? "," : "") + canonical(p.components[i]);
  return s + ")" + p.type.substr(5);
}

}  // namespace

std::string encode_call(const std::string& name, const std::vector<AbiParam>& inputs, const std::vector<std::string>& values) {
  std::string signature = name + "(";
  std::vector<Type> types;
  std::vector<Value> parsed;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    signature += (i ? "," : "") + canonical(inputs[i]);
    types.push_back(parse_type(inputs[i].type, &inputs[i].components));
    parsed.push_back(top_value(types.back(), values[i]));
  }
  signature += ")";
  std::vector<std::pair<Type, const Value*>> list;
  for (std::size_t i = 0; i < types.size(); ++i) list.push_back({types[i], &parsed[i]});
  const std::uint32_t sel = function_selector(signature);
  return selector_bytes(sel) + encode_list(list);
}

}  // namespace ballast::calls
