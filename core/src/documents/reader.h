// Reading a document tree: typed access to the JSON nodes with every error collected under the
// document's name, objects that report unknown fields, and what every rule object carries.
#pragma once

#include "ballast/json.h"
#include "ballast/parse.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::documents {

/// An id: [A-Za-z0-9][A-Za-z0-9._:-]{0,63}.
bool valid_id(std::string_view s);
/// A tag as an asset lists it ("stable", "tier:low").
bool valid_tag(std::string_view s);
/// A selector: a tag, asset:<id>, chain:<chain> or *.
bool valid_selector(std::string_view s);
/// 0x and 40 hex digits.
bool valid_address(std::string_view s);
/// ASCII lower case.
std::string lower(std::string s);

class Obj;

/// Where a value is: a JSON pointer, built only when something needs its text (a diagnostic).
/// An existing pointer string, a member of an object being read, or an element of an array at
/// another Path. A Path refers to what it was made from and lives no longer than the call it is
/// passed to.
class Path {
 public:
  Path(const std::string& text) : text_(&text) {}  // NOLINT(google-explicit-constructor)
  Path(const char* text) : owned_(text), text_(&owned_) {}  // NOLINT(google-explicit-constructor)
  Path(const Obj& object, std::string_view key) : object_(&object), key_(key) {}
  /// Element `index` of the array at `array`.
  Path(const Path& array, std::size_t index) : array_(&array), index_(index) {}
  Path(const Path&) = delete;
  Path& operator=(const Path&) = delete;

  /// The pointer's text.
  std::string str() const;
  operator std::string() const { return str(); }  // NOLINT(google-explicit-constructor)

 private:
  std::string owned_;
  const std::string* text_ = nullptr;
  const Obj* object_ = nullptr;
  std::string_view key_;
  const Path* array_ = nullptr;
  std::size_t index_ = 0;
};

/// Typed access to the JSON tree, with errors collected under one document name.
class Reader {
 public:
  Reader(Diagnostics& d, std::string document, const CheckLimits& limits)
      : diags_(d), doc_(std::move(document)), limits_(limits) {}

  const std::string& document() const { return doc_; }
  const CheckLimits& limits() const { return limits_; }
  void error(const char* code, const Path& path, const std::string& message) { diags_.add(code, doc_, path.str(), message); }

  std::optional<std::string> string(const Node& n, const Path& path) {
    if (n.kind != Node::Kind::String) {
      error(code::type_mismatch, path, "expected a string, got " + quote(n));
      return std::nullopt;
    }
    return n.text;
  }

  std::optional<std::string> id(const Node& n, const Path& path) {
    auto s = string(n, path);
    if (s && !valid_id(*s)) {
      error(code::type_id, path, "expected an id ([A-Za-z0-9][A-Za-z0-9._:-]{0,63}), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> selector(const Node& n, const Path& path) {
    auto s = string(n, path);
    if (s && !valid_selector(*s)) {
      error(code::type_selector, path, "expected a selector (a tag, asset:<id>, chain:<chain> or *), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> tag(const Node& n, const Path& path) {
    auto s = string(n, path);
    if (!s) return s;
    if (!valid_tag(*s) || s->rfind("asset:", 0) == 0 || s->rfind("chain:", 0) == 0) {
      error(code::type_selector, path,
            "expected a tag ([A-Za-z0-9][A-Za-z0-9._:-]*, not asset:... or chain:...), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> address(const Node& n, const Path& path) {
    auto s = string(n, path);
    if (s && !valid_address(*s)) {
      error(code::type_address, path, "expected an address (0x and 40 hex digits), got " + quote(n));
      return std::nullopt;
    }
    if (s) return lower(*s);
    return s;
  }

  std::optional<Int> amount(const Node& n, const Path& path) {
    if (n.kind != Node::Kind::String) {
      error(code::type_amount, path, "expected an amount as a string of decimal digits, got " + quote(n));
      return std::nullopt;
    }
    bool too_large = false;
    auto v = parse_amount(n.text, &too_large);
    if (!v) {
      error(code::type_amount, path,
            too_large ? "amount " + quote(n) + " is not below 2^256"
                      : "expected an amount (decimal digits, no sign, no leading zero), got " + quote(n));
    }
    return v;
  }

  std::optional<Int> decimal(const Node& n, const Path& path, bool allow_negative = false) {
    if (n.kind != Node::Kind::String) {
      error(code::type_decimal, path, "expected a decimal as a string like \"1234.5\", got " + quote(n));
      return std::nullopt;
    }
    bool too_large = false;
    auto v = parse_decimal(n.text, allow_negative, &too_large);
    if (!v) {
      error(code::type_decimal, path,
            too_large ? "decimal " + quote(n) + " is too large (its value times 10^18 must be below 2^256)"
                      : std::string("expected a decimal (digits, optional '.' and at most 18 fractional digits") +
                            (allow_negative ? ", optional '-'" : ", not negative") + "), got " + quote(n));
    }
    return v;
  }

  // A JSON integer in [lo, hi]; `what` names the type in messages ("bps", "hours", ...).
  std::optional<long long> integer(const Node& n, const Path& path, long long lo, long long hi,
                                   const char* type_code = code::type_integer, const char* what = "an integer") {
    std::optional<long long> v;
    if (n.kind == Node::Kind::Number) v = parse_integer(n.text);
    if (!v) {
      error(type_code, path, std::string("expected ") + what + " (a JSON integer), got " + quote(n));
      return std::nullopt;
    }
    if (*v < lo || *v > hi) {
      error(code::value_range, path,
            std::string(what) + " " + n.text + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
      return std::nullopt;
    }
    return v;
  }

  std::optional<long long> bps(const Node& n, const Path& path, long long lo = 0, long long hi = 10000) {
    return integer(n, path, lo, hi, code::type_bps, "basis points");
  }

  std::optional<long long> hours(const Node& n, const Path& path) {
    return integer(n, path, 0, 1000000, code::type_integer, "hours");
  }

  std::optional<Time> time(const Node& n, const Path& path) {
    auto s = string(n, path);
    if (!s) return std::nullopt;
    auto t = parse_time(*s);
    if (!t) error(code::type_time, path, "expected an RFC 3339 UTC time like \"2026-11-20T12:00:00Z\", got " + quote(n));
    return t;
  }

  std::optional<bool> boolean(const Node& n, const Path& path) {
    if (n.kind != Node::Kind::Bool) {
      error(code::type_mismatch, path, "expected true or false, got " + quote(n));
      return std::nullopt;
    }
    return n.text == "true";
  }

  // An array of at most `max` elements, or nullptr (error recorded).
  const std::vector<Node>* array(const Node& n, const Path& path, std::size_t max, const char* what) {
    if (n.kind != Node::Kind::Array) {
      error(code::type_mismatch, path, std::string("expected an array of ") + what + ", got " + quote(n));
      return nullptr;
    }
    if (n.items.size() > max) {
      error(code::limit_too_large, path,
            std::to_string(n.items.size()) + " " + what + " exceed the limit of " + std::to_string(max));
      return nullptr;
    }
    return &n.items;
  }

 private:
  Diagnostics& diags_;
  std::string doc_;
  const CheckLimits& limits_;
};

/// One JSON object being read: remembers which fields were read, reports the rest as unknown.
class Obj {
 public:
  Obj(Reader& r, const Node& n, std::string path) : r_(r), n_(n), path_(std::move(path)), built_(true) { open(); }
  /// Element `index` of the parent's array `key`: its pointer is built only if needed.
  Obj(Reader& r, const Node& n, const Obj& parent, std::string_view key, std::size_t index)
      : r_(r), n_(n), parent_(&parent), key_(key), index_(index) {
    open();
  }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  ~Obj() {
    for (std::size_t i = 0; i < count_; ++i)
      if (!used(i))
        r_.error(code::field_unknown, pointer_join(path(), n_.members[i].first),
                 "unknown field " + quote(std::string_view(n_.members[i].first)));
  }

  bool ok() const { return ok_; }
  // Marks every field as read: used when the object is not read at all (wrong document kind).
  void ignore_rest() {
    word_ = ~std::uint64_t(0);
    many_.assign(many_.size(), true);
  }
  const std::string& path() const {
    if (!built_) {
      path_ = pointer_join(parent_->at(key_), index_);
      built_ = true;
    }
    return path_;
  }
  std::string at(std::string_view key) const { return pointer_join(path(), std::string(key)); }

  const Node* opt(std::string_view key) {
    for (std::size_t i = 0; i < count_; ++i)
      if (n_.members[i].first == key) {
        mark(i);
        return &n_.members[i].second;
      }
    return nullptr;
  }

  const Node* req(std::string_view key) {
    const Node* v = opt(key);
    if (!v && ok_) r_.error(code::field_missing, at(key), "missing required field " + quote(key));
    return v;
  }

  // Reads `key` with `fn(node, path)` when present.
  template <typename F>
  auto get(std::string_view key, bool required, F fn) -> decltype(fn(std::declval<const Node&>(), std::string())) {
    const Node* v = required ? req(key) : opt(key);
    if (!v) return {};
    return fn(*v, Path(*this, key));
  }

  // Typed fields: the value, or nullopt (absent, or invalid with the error recorded).
  std::optional<std::string> string(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.string(n, p); });
  }
  std::optional<std::string> id(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.id(n, p); });
  }
  std::optional<std::string> selector(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.selector(n, p); });
  }
  std::optional<std::string> address(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.address(n, p); });
  }
  std::optional<Int> amount(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.amount(n, p); });
  }
  std::optional<Int> decimal(std::string_view key, bool required = false, bool allow_negative = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.decimal(n, p, allow_negative); });
  }
  std::optional<long long> integer(std::string_view key, bool required, long long lo, long long hi) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.integer(n, p, lo, hi); });
  }
  std::optional<long long> bps(std::string_view key, bool required = false, long long lo = 0, long long hi = 10000) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.bps(n, p, lo, hi); });
  }
  std::optional<long long> hours(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.hours(n, p); });
  }
  std::optional<Time> time(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.time(n, p); });
  }
  std::optional<bool> boolean(std::string_view key, bool required = false) {
    return get(key, required, [&](const Node& n, const Path& p) { return r_.boolean(n, p); });
  }

 private:
  void open() {
    ok_ = n_.kind == Node::Kind::Object;
    if (!ok_) r_.error(code::type_mismatch, path(), "expected an object, got " + quote(n_));
    count_ = ok_ ? n_.members.size() : 0;
    if (count_ > 64) many_.assign(count_, false);
  }

  // Which members were read: the bits of one word up to 64 members (no allocation for the
  // objects documents hold), a vector beyond.
  bool used(std::size_t i) const { return count_ <= 64 ? (word_ >> i) & 1 : many_[i]; }
  void mark(std::size_t i) {
    if (count_ <= 64)
      word_ |= std::uint64_t(1) << i;
    else
      many_[i] = true;
  }

  Reader& r_;
  const Node& n_;
  const Obj* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  mutable std::string path_;
  mutable bool built_ = false;
  bool ok_ = false;
  std::size_t count_ = 0;
  std::uint64_t word_ = 0;
  std::vector<bool> many_;
};

inline std::string Path::str() const {
  if (text_) return *text_;
  if (object_) return object_->at(key_);
  return pointer_join(array_->str(), index_);
}

/// A document pointer prefixed with its document: "/policy" + "/limits/0".
std::string case_path(const std::string& document, const std::string& path);

/// Reads the "id" and "severity" every rule object may carry. Ids are unique within their list:
/// `seen` collects the ids of the list being read.
RuleMeta read_meta(Reader& r, Obj& o, std::set<std::string>* seen = nullptr);

/// Checks the "ballast" kind field of a document object. A missing kind is reported and reading
/// goes on; a wrong one stops reading the object.
bool check_kind(Reader& r, Obj& o, const std::string& expected);

/// Reads an array field of objects, calling fn(obj, index) for each element object.
template <typename F>
void each_object(Reader& r, Obj& parent, std::string_view key, bool required, std::size_t max, const char* what,
                 F fn) {
  const Node* n = required ? parent.req(key) : parent.opt(key);
  if (!n) return;
  const auto* items = r.array(*n, Path(parent, key), max, what);
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    Obj o(r, (*items)[i], parent, key, i);
    if (o.ok()) fn(o, i);
  }
}

/// Reads an array field of scalars, calling fn(node, path) for each.
template <typename F>
void each_item(Reader& r, const Node& n, const Path& path, std::size_t max, const char* what, F fn) {
  const auto* items = r.array(n, path, max, what);
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) fn((*items)[i], Path(path, i));
}

}  // namespace ballast::documents
