// The Safe Transaction Builder batch file's checksum (safe-react-apps, apps/tx-builder,
// lib/checksum.ts): what the app computes when it exports a file and checks when it imports one.
#include "ballast/calls.h"

#include <algorithm>

namespace ballast {

namespace {

// A key's UTF-16 code units: JavaScript sorts object keys by them, not by UTF-8 bytes.
std::u16string utf16(std::string_view s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

// A string as JSON.stringify writes it.
void stringify(std::string& out, std::string_view s) { out += escape_json_string(s); }

// A number as JavaScript prints it, when that is its text: an integer within 2^53.
bool number(std::string& out, const std::string& text) {
  const std::size_t digits = text.size() - (text[0] == '-' ? 1 : 0);
  if (text.find_first_of(".eE") != std::string::npos || digits > 16) return false;
  if (digits == 16 && text.substr(text.size() - 16) > "9007199254740992") return false;
  out += text == "-0" ? "0" : text;
  return true;
}

struct Serializer {
  bool name_as_null;
  std::string out;

  // `where`: 0 the file, 1 its meta object, 2 anything else.
  bool value(const Node& n, int where) {
    switch (n.kind) {
      case Node::Kind::Null: out += "null"; return true;
      case Node::Kind::Bool: out += n.text; return true;
      case Node::Kind::Number: return number(out, n.text);
      case Node::Kind::String: stringify(out, n.text); return true;
      case Node::Kind::Array: {
        out += '[';
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          if (i) out += ',';
          if (!value(n.items[i], 2)) return false;
        }
        out += ']';
        return true;
      }
      case Node::Kind::Object: return object(n, where);
    }
    return false;
  }

  bool object(const Node& n, int where) {
    std::vector<const std::pair<std::string, Node>*> members;
    for (const auto& m : n.members)
      if (!(where == 1 && m.first == "checksum")) members.push_back(&m);
    std::stable_sort(members.begin(), members.end(), [](auto* a, auto* b) { return utf16(a->first) < utf16(b->first); });
    out += "{[";
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i) out += ',';
      stringify(out, members[i]->first);
    }
    out += ']';
    for (const auto* m : members) {
      if (where == 1 && m->first == "name" && name_as_null) out += "null";
      else if (!value(m->second, where == 0 && m->first == "meta" ? 1 : 2)) return false;
      out += ',';
    }
    out += '}';
    return true;
  }
};

}  // namespace

std::optional<Hash> tx_builder_checksum(const Node& batch, bool name_as_null) {
  Serializer s{name_as_null, {}};
  if (!s.value(batch, 0)) return std::nullopt;
  return keccak256(s.out);
}

}  // namespace ballast
