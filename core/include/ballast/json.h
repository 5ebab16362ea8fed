// A small read-only JSON tree that keeps numbers as their source text (so no number ever passes
// through a binary floating-point type) and remembers member order. Built by a strict parser that
// rejects duplicate keys, bounds nesting depth and document size, and reports JSON pointers.
#pragma once

#include "ballast/diagnostics.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast {

/// One JSON value. Numbers keep their source text in `text`; strings their decoded UTF-8.
struct Node {
  enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  std::string text;                                  // string / number text / "true" / "false"
  std::vector<Node> items;                           // array elements
  std::vector<std::pair<std::string, Node>> members; // object members, in source order

  /// The member named `key`, or nullptr. Linear: objects in the documents are small.
  const Node* find(std::string_view key) const;
};

/// Size and shape limits applied while parsing (the README, Documents, arithmetic and errors). Generous defaults.
struct ParseLimits {
  std::size_t max_bytes = 16u << 20;
  std::size_t max_depth = 64;
};

/// Parses `text` as one JSON document. On failure returns nullptr and adds `json.syntax`,
/// `json.duplicate_key` or `limit.too_large` diagnostics for `document`. A document with
/// duplicate keys is still returned (first occurrence kept) so later checks can add their
/// errors, but `diags` is then non-empty.
std::unique_ptr<Node> parse_json(std::string_view text, const std::string& document, const ParseLimits& limits,
                                 Diagnostics& diags);

/// A string as JSON text, quoted and escaped as JavaScript's JSON.stringify writes it (`\"`, `\\`,
/// `\n` and the other short escapes, `\u00xx` for other control characters, everything else as is),
/// with each maximal subpart of ill-formed UTF-8 written as one U+FFFD (as nlohmann::json's dump
/// with error_handler_t::replace, the tests' judge).
std::string escape_json_string(std::string_view s);

/// A value quoted for a one-line message: strings JSON-escaped and cut at 80 characters,
/// numbers and literals as written, containers as "an object" / "an array".
std::string quote(const Node& n);
/// A string quoted for a message, JSON-escaped, cut at 80 characters.
std::string quote(std::string_view s);

}  // namespace ballast
