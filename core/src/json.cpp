#include "ballast/json.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_set>
#include <utility>

namespace ballast {

const Node* Node::find(std::string_view key) const {
  for (const auto& m : members)
    if (m.first == key) return &m.second;
  return nullptr;
}

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Printable ASCII kept; everything else shown as \xNN so messages stay one valid UTF-8 line.
std::string sanitize(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The decimal digits of 2^1024 - 2^970: the least value that binary64 rounds to infinity. JSON
// numbers at or beyond it are rejected, as the JSON library rejects them, decided here on the
// digits alone (no floating point).
constexpr std::string_view kDoubleOverflow =
    "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The UTF-8 sequence at p (p < end): its length and true when it is well-formed (Unicode's table:
// no overlong forms, no surrogates, nothing above U+10FFFF); else the length of its maximal
// subpart (at least one byte: the lead byte and the continuation bytes that fit it) and false.
std::pair<std::size_t, bool> utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  std::size_t n = 4;
  unsigned char lo = 0x80, hi = 0xbf;  // the range of the first continuation byte
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c == 0xe0) n = 3, lo = 0xa0;
  else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) n = 3;
  else if (c == 0xed) n = 3, hi = 0x9f;
  else if (c == 0xf0) lo = 0x90;
  else if (c == 0xf4) hi = 0x8f;
  else if (c < 0xf1 || c > 0xf3) return {1, false};
  for (std::size_t k = 1; k < n; ++k, lo = 0x80, hi = 0xbf)
    if (p + k == end || p[k] < lo || p[k] > hi) return {k, false};
  return {n, true};
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// True when a JSON number's text (already well-formed) has a magnitude that binary64 rounds to
// infinity.
bool overflows_double(std::string_view number) {
  if (!number.empty() && number[0] == '-') number.remove_prefix(1);
  const std::size_t e_at = std::min(number.find_first_of("eE"), number.size());
  const std::string_view mantissa = number.substr(0, e_at);
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  std::string digits(mantissa.substr(0, point));  // integer and fraction digits together
  if (point < mantissa.size()) digits += mantissa.substr(point + 1);
  const std::size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return false;  // zero
  long long exponent = 0;
  if (e_at < number.size()) {
    std::size_t i = e_at + 1;
    const bool negative = number[i] == '-';
    if (number[i] == '+' || number[i] == '-') ++i;
    for (; i < number.size() && exponent < 100000000; ++i) exponent = exponent * 10 + (number[i] - '0');
    if (negative) exponent = -exponent;
  }
  // The decimal exponent of the first significant digit.
  const long long e = static_cast<long long>(point) - 1 - static_cast<long long>(lead) + exponent;
  if (e != 308) return e > 308;
  // The threshold's decade: compare the significant digits, the shorter padded with zeros.
  const std::string_view sig = std::string_view(digits).substr(lead);
  for (std::size_t k = 0; k < std::max(sig.size(), kDoubleOverflow.size()); ++k) {
    const char a = k < sig.size() ? sig[k] : '0';
    const char b = k < kDoubleOverflow.size() ? kDoubleOverflow[k] : '0';
    if (a != b) return a > b;
  }
  return true;  // equal to the threshold: rounds to infinity
}

// A strict RFC 8259 parser building the Node tree directly: numbers kept as their text, strings
// decoded and checked as UTF-8, duplicate keys reported (the first kept, the rest parsed for
// their errors and dropped), nesting bounded. Iterative, so neither parsing nor Node's destructor
// recurses deeply. JSON pointers are built only when a diagnostic needs one.
class Parser {
 public:
  Parser(std::string_view text, const std::string& document, const ParseLimits& limits, Diagnostics& diags)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), document_(document), limits_(limits),
        diags_(diags) {}

  std::unique_ptr<Node> run() {
    if (end_ - p_ >= 3 && std::string_view(p_, 3) == "\xef\xbb\xbf") p_ += 3;  // a UTF-8 byte order mark
    auto root = std::make_unique<Node>();
    ws();
    if (!value(root.get())) return nullptr;
    while (!stack_.empty()) {
      const std::size_t top = stack_.size() - 1;
      Node* node = stack_[top].node;
      const bool object = node->kind == Node::Kind::Object;
      const char close = object ? '}' : ']';
      stack_[top].in_value = false;
      ws();
      if (p_ == end_) return fail("unexpected end of input");
      if (*p_ == close) {
        ++p_;
        stack_.pop_back();
        if (stack_.size() <= 1) scratch_.clear();
        continue;
      }
      if (!stack_[top].first) {
        if (*p_ != ',') return fail(object ? "expected ',' or '}' after an object member" : "expected ',' or ']' after an array element");
        ++p_;
        ws();
      }
      stack_[top].first = false;
      Node* slot;
      if (object) {
        if (p_ == end_ || *p_ != '"') return fail("expected a string key");
        std::string key;
        if (!string(key)) return nullptr;
        ws();
        if (p_ == end_ || *p_ != ':') return fail("expected ':' after an object key");
        ++p_;
        ws();
        Frame& f = stack_[top];
        f.key = key;
        f.has_key = true;
        f.in_value = true;
        if (seen(f, key)) {
          diags_.add(code::json_duplicate_key, document_, path(), "duplicate key " + quote(key));
          slot = &scratch_.emplace_back();
        } else {
          node->members.emplace_back(std::move(key), Node{});
          slot = &node->members.back().second;
        }
      } else {
        stack_[top].in_value = true;
        node->items.emplace_back();
        slot = &node->items.back();
      }
      if (!value(slot)) return nullptr;
    }
    ws();
    if (p_ != end_) return fail("unexpected data after the document");
    return root;
  }

 private:
  struct Frame {
    Node* node = nullptr;
    bool first = true;     // nothing parsed inside yet
    bool in_value = false;  // a member or element is being parsed
    bool has_key = false;
    std::string key;  // the member being parsed (objects)
    std::unique_ptr<std::unordered_set<std::string>> keys;  // for large objects
  };

  // True when the object already has `key`; records it. Small objects are scanned.
  bool seen(Frame& f, const std::string& key) {
    const auto& members = f.node->members;
    if (!f.keys && members.size() < 16) {
      for (const auto& m : members)
        if (m.first == key) return true;
      return false;
    }
    if (!f.keys) {
      f.keys = std::make_unique<std::unordered_set<std::string>>();
      for (const auto& m : members) f.keys->insert(m.first);
    }
    return !f.keys->insert(key).second;
  }

  void ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  std::nullptr_t fail(const std::string& what) {
    std::string message = "invalid JSON at byte " + std::to_string(p_ - begin_ + 1) + ": " + what;
    if (p_ != end_) message += " (at " + quote(std::string_view(p_, std::min<std::size_t>(8, static_cast<std::size_t>(end_ - p_)))) + ")";
    diags_.add(code::json_syntax, document_, path(), sanitize(message));
    return nullptr;
  }

  // A value at p_ into `slot`: a scalar whole, or a container opened (its frame pushed).
  bool value(Node* slot) {
    if (p_ == end_) return fail("unexpected end of input"), false;
    switch (*p_) {
      case '{':
      case '[': {
        if (stack_.size() >= limits_.max_depth) {
          diags_.add(code::limit_too_large, document_, path(),
                     "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
          return false;
        }
        slot->kind = *p_ == '{' ? Node::Kind::Object : Node::Kind::Array;
        ++p_;
        stack_.emplace_back();
        stack_.back().node = slot;
        return true;
      }
      case '"':
        slot->kind = Node::Kind::String;
        return string(slot->text);
      case 't': return literal(slot, "true", Node::Kind::Bool);
      case 'f': return literal(slot, "false", Node::Kind::Bool);
      case 'n': return literal(slot, "null", Node::Kind::Null);
      default:
        if (*p_ == '-' || is_digit(*p_)) return number(slot);
        return fail("expected a value"), false;
    }
  }

  bool literal(Node* slot, std::string_view word, Node::Kind kind) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return fail("invalid literal"), false;
    p_ += word.size();
    slot->kind = kind;
    if (kind == Node::Kind::Bool) slot->text = std::string(word);
    return true;
  }

  bool number(Node* slot) {
    const char* start = p_;
    auto digits = [&] {
      const char* d = p_;
      while (p_ != end_ && is_digit(*p_)) ++p_;
      return p_ != d;
    };
    if (*p_ == '-') ++p_;
    if (p_ != end_ && *p_ == '0') {
      ++p_;
    } else if (!digits()) {
      return fail("invalid number"), false;
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      integer = false;
      if (!digits()) return fail("invalid number: a digit must follow the decimal point"), false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return fail("invalid number: a digit must follow the exponent"), false;
    }
    const std::string_view text(start, static_cast<std::size_t>(p_ - start));
    if ((!integer || text.size() > 19) && overflows_double(text)) {
      p_ = start;
      return fail("number overflow (beyond the range of a binary64 number)"), false;
    }
    slot->kind = Node::Kind::Number;
    slot->text = text == "-0" ? std::string("0") : std::string(text);  // -0 reads as the integer 0
    return true;
  }

  bool hex4(std::uint32_t* out) {
    if (end_ - p_ < 4) return false;
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = *p_++;
      v <<= 4;
      if (is_digit(c)) v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    *out = v;
    return true;
  }

  // A string at p_ (on its opening quote), decoded into `out`.
  bool string(std::string& out) {
    ++p_;
    for (;;) {
      const char* run = p_;
      while (p_ != end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20 &&
             static_cast<unsigned char>(*p_) < 0x80)
        ++p_;
      out.append(run, p_);
      if (p_ == end_) return fail("unterminated string"), false;
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string (escape it)"), false;
      if (c >= 0x80) {
        const auto [n, valid] = utf8_sequence(reinterpret_cast<const unsigned char*>(p_), reinterpret_cast<const unsigned char*>(end_));
        if (!valid) return fail("invalid UTF-8 in a string"), false;
        out.append(p_, n);
        p_ += n;
        continue;
      }
      // An escape.
      const char* at = p_;
      if (++p_ == end_) return fail("unterminated string"), false;
      const char e = *p_++;
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(&cp)) return p_ = at, fail("invalid \\u escape: four hex digits must follow"), false;
          if (cp >= 0xdc00 && cp <= 0xdfff) return p_ = at, fail("invalid \\u escape: a low surrogate without a high one"), false;
          if (cp >= 0xd800 && cp <= 0xdbff) {
            std::uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u' || (p_ += 2, !hex4(&low)) || low < 0xdc00 || low > 0xdfff)
              return p_ = at, fail("invalid \\u escape: a high surrogate must be followed by a low one"), false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return p_ = at, fail("invalid escape in a string"), false;
      }
    }
  }

  // Pointer to the value being parsed: each open container's current member or element.
  std::string path() const {
    std::string p;
    for (const Frame& f : stack_) {
      if (f.node->kind == Node::Kind::Array) {
        const std::size_t n = f.node->items.size();
        p = pointer_join(p, f.in_value ? n - 1 : n);
      } else if (f.has_key) {
        p = pointer_join(p, f.key);
      }
    }
    return p;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  const std::string& document_;
  const ParseLimits& limits_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::deque<Node> scratch_;  // values under duplicate keys; a deque keeps their addresses stable
};

}  // namespace

std::string escape_json_string(std::string_view s) {
  std::string out = "\"";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p != end) {
    const unsigned char c = *p;
    if (c >= 0x80) {
      // Well-formed UTF-8 as is; each maximal subpart of an ill-formed sequence as one U+FFFD.
      const auto [n, valid] = utf8_sequence(p, end);
      out.append(valid ? reinterpret_cast<const char*>(p) : "\xef\xbf\xbd", valid ? n : 3);
      p += n;
      continue;
    }
    ++p;
    const char* short_escape = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                             : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : nullptr;
    if (short_escape) {
      out += short_escape;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + '"';
}

std::unique_ptr<Node> parse_json(std::string_view text, const std::string& document, const ParseLimits& limits,
                                 Diagnostics& diags) {
  if (text.size() > limits.max_bytes) {
    diags.add(code::limit_too_large, document, "",
              "document of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                  std::to_string(limits.max_bytes));
    return nullptr;
  }
  const std::size_t before = diags.size();
  auto root = Parser(text, document, limits, diags).run();
  if (!root && diags.size() == before) diags.add(code::json_syntax, document, "", "invalid JSON");
  return root;
}

std::string quote(std::string_view s) {
  std::string q = escape_json_string(s.size() > 80 ? s.substr(0, 80) : s);
  if (s.size() > 80) q.insert(q.size() - 1, "...");
  return q;
}

std::string quote(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null: return "null";
    case Node::Kind::Bool: return n.text;
    case Node::Kind::Number: return n.text.size() > 80 ? n.text.substr(0, 80) + "..." : n.text;
    case Node::Kind::String: return quote(std::string_view(n.text));
    case Node::Kind::Array: return "an array";
    case Node::Kind::Object: return "an object";
  }
  return "a value";
}

}  // namespace ballast
