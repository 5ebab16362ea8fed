// Input errors: the one diagnostic type for "could not evaluate", with stable codes.
#pragma once

#include <string>
#include <vector>

namespace ballast {

/// One input error. `document` is "case", "policy", "treasury" or "proposal" (or the file kind
/// being validated); `path` is a JSON pointer inside that document ("" for the whole document).
struct Diagnostic {
  std::string code;
  std::string document;
  std::string path;
  std::string message;
};

/// Stable error codes (the README, Documents, arithmetic and errors). Tests and consumers match on these strings.
namespace code {
inline constexpr const char* json_syntax = "json.syntax";
inline constexpr const char* json_duplicate_key = "json.duplicate_key";
inline constexpr const char* kind_unknown = "kind.unknown";
inline constexpr const char* kind_mismatch = "kind.mismatch";
inline constexpr const char* field_unknown = "field.unknown";
inline constexpr const char* field_missing = "field.missing";
inline constexpr const char* type_mismatch = "type.mismatch";
inline constexpr const char* type_amount = "type.amount";
inline constexpr const char* type_decimal = "type.decimal";
inline constexpr const char* type_bps = "type.bps";
inline constexpr const char* type_integer = "type.integer";
inline constexpr const char* type_time = "type.time";
inline constexpr const char* type_id = "type.id";
inline constexpr const char* type_address = "type.address";
inline constexpr const char* type_selector = "type.selector";
inline constexpr const char* value_range = "value.range";
inline constexpr const char* id_duplicate = "id.duplicate";
inline constexpr const char* ref_unknown_asset = "ref.unknown_asset";
inline constexpr const char* ref_unknown_venue = "ref.unknown_venue";
inline constexpr const char* ref_unknown_liability = "ref.unknown_liability";
inline constexpr const char* ref_missing_obligation = "ref.missing_obligation";
inline constexpr const char* ref_not_in_venue = "ref.not_in_venue";
inline constexpr const char* ref_numeraire_mismatch = "ref.numeraire_mismatch";
inline constexpr const char* ref_account_mismatch = "ref.account_mismatch";  // calls from another account
inline constexpr const char* ref_chain_mismatch = "ref.chain_mismatch";      // calls for another chain
inline constexpr const char* arith_overflow = "arith.overflow";
inline constexpr const char* limit_too_large = "limit.too_large";
inline constexpr const char* calldata_malformed = "calldata.malformed";  // truncated, bad offsets, bad hex
inline constexpr const char* export_unsupported = "export.unsupported";  // an action export cannot write
inline constexpr const char* file_unreadable = "file.unreadable";  // the CLI: a file it cannot read
inline constexpr const char* internal = "internal";                // a defect of Ballast, never of the input
}  // namespace code

/// Collects diagnostics; the parsers never stop at the first one.
class Diagnostics {
 public:
  void add(std::string code, std::string document, std::string path, std::string message) {
    list_.push_back({std::move(code), std::move(document), std::move(path), std::move(message)});
  }
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  std::vector<Diagnostic> take() { return std::move(list_); }

 private:
  std::vector<Diagnostic> list_;
};

/// Sorts diagnostics deterministically: by document, then JSON pointer, then code, then message.
void sort_diagnostics(std::vector<Diagnostic>& list);

/// Compares two JSON pointers segment by segment, numeric segments numerically, so that
/// "/limits/2" sorts before "/limits/10". Returns <0, 0 or >0.
int compare_pointers(const std::string& a, const std::string& b);

/// Appends one reference token to a JSON pointer, escaping '~' and '/' (RFC 6901).
std::string pointer_join(const std::string& base, const std::string& token);
std::string pointer_join(const std::string& base, std::size_t index);

}  // namespace ballast
