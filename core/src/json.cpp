#include "ballast/json.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <string>
#include <unordered_set>

namespace ballast {

const Node* Node::find(std::string_view key) const {
  for (const auto& m : members)
    if (m.first == key) return &m.second;
  return nullptr;
}

namespace {

// Printable ASCII kept; everything else shown as \xNN so messages stay one valid UTF-8 line.
std::string sanitize(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// Builds the Node tree from nlohmann's SAX events. The parser itself is iterative; depth is
// bounded here so that neither this builder nor Node's destructor can recurse deeply.
class Builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  Builder(const std::string& document, const ParseLimits& limits, Diagnostics& diags)
      : document_(document), limits_(limits), diags_(diags) {}

  std::unique_ptr<Node> root;

  bool null() override { return leaf(Node::Kind::Null, ""); }
  bool boolean(bool v) override { return leaf(Node::Kind::Bool, v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return leaf(Node::Kind::Number, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return leaf(Node::Kind::Number, std::to_string(v)); }
  bool number_float(number_float_t, const string_t& raw) override { return leaf(Node::Kind::Number, raw); }
  bool string(string_t& v) override { return leaf(Node::Kind::String, std::move(v)); }
  bool binary(binary_t&) override { return false; }  // not produced by the JSON lexer

  bool start_object(std::size_t) override { return open(Node::Kind::Object); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Node::Kind::Array); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Frame& f = stack_.back();
    f.pending_key = k;
    f.duplicate = !f.keys.insert(k).second;
    if (f.duplicate) {
      diags_.add(code::json_duplicate_key, document_, path(), "duplicate key " + quote(k));
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    if (aborted_) return false;
    std::string what = ex.what();
    auto close_bracket = what.find("] ");
    if (close_bracket != std::string::npos) what = what.substr(close_bracket + 2);
    diags_.add(code::json_syntax, document_, path(),
               "invalid JSON at byte " + std::to_string(position) + ": " + sanitize(what));
    return false;
  }

  bool aborted() const { return aborted_; }

 private:
  struct Frame {
    Node* node;
    std::string pending_key;
    bool duplicate = false;
    std::unordered_set<std::string> keys;
  };

  // Where the next value goes; nullptr when it must be dropped (duplicate key).
  Node* slot() {
    if (stack_.empty()) {
      root = std::make_unique<Node>();
      return root.get();
    }
    Frame& f = stack_.back();
    if (f.node->kind == Node::Kind::Array) {
      f.node->items.emplace_back();
      return &f.node->items.back();
    }
    if (f.duplicate) {
      scratch_.emplace_back();  // parsed for its errors, then discarded
      return &scratch_.back();
    }
    f.node->members.emplace_back(f.pending_key, Node{});
    return &f.node->members.back().second;
  }

  bool leaf(Node::Kind kind, std::string text) {
    Node* n = slot();
    n->kind = kind;
    n->text = std::move(text);
    return true;
  }

  bool open(Node::Kind kind) {
    if (stack_.size() >= limits_.max_depth) {
      diags_.add(code::limit_too_large, document_, path(),
                 "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
      aborted_ = true;
      return false;
    }
    Node* n = slot();
    n->kind = kind;
    stack_.push_back(Frame{n, {}, false, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    if (stack_.size() <= 1) scratch_.clear();
    return true;
  }

  // Pointer to the value being parsed: open containers' current members, and for the innermost
  // array the next slot.
  std::string path() const {
    std::string p;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      bool last = i + 1 == stack_.size();
      if (f.node->kind == Node::Kind::Array) {
        std::size_t n = f.node->items.size();
        p = pointer_join(p, last ? n : n - 1);
      } else if (!f.pending_key.empty() || !f.keys.empty()) {
        p = pointer_join(p, f.pending_key);
      }
    }
    return p;
  }

  const std::string& document_;
  const ParseLimits& limits_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::deque<Node> scratch_;  // values under duplicate keys; a deque keeps their addresses stable
  bool aborted_ = false;
};

}  // namespace

std::string escape_json_string(std::string_view s) {
  nlohmann::json j = std::string(s);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::unique_ptr<Node> parse_json(std::string_view text, const std::string& document, const ParseLimits& limits,
                                 Diagnostics& diags) {
  if (text.size() > limits.max_bytes) {
    diags.add(code::limit_too_large, document, "",
              "document of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                  std::to_string(limits.max_bytes));
    return nullptr;
  }
  std::size_t before = diags.size();
  Builder b(document, limits, diags);
  bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &b, nlohmann::json::input_format_t::json, true, false);
  if (!ok || !b.root) {
    if (diags.size() == before) diags.add(code::json_syntax, document, "", "invalid JSON");
    return nullptr;
  }
  return std::move(b.root);
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
