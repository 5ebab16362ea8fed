// The policy diff's machinery: matching rule lists, comparing fields with the registry's
// directions, and recording changes.
#pragma once

#include "ballast/diff.h"
#include "ballast/rules.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ballast::diff {

/// A rule's place and how it is recognised across the two policies.
struct Item {
  std::string path;     // JSON pointer of the rule object
  std::string id;       // its "id", if any
  std::string key;      // what tells unnamed rules apart (selector, of, kind of bound, name)
  std::string subject;  // what the change names
};

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// Pairs old and new rules: by id, else by key (in order within a key). Unpaired entries have
/// the other side at npos.
std::vector<std::pair<std::size_t, std::size_t>> match(const std::vector<Item>& old_items,
                                                        const std::vector<Item>& new_items);

/// Records the changes between two policies.
class Differ {
 public:
  explicit Differ(std::vector<PolicyChange>& out);

  /// The registry's rule id and direction of a field pattern ("/limits/*/max_bps").
  std::pair<std::string, Direction> spec(const std::string& pattern) const;

  /// A numeric field (absent on a side: nullopt), compared by its direction.
  void number(const std::string& pattern, const std::string& path, const std::string& subject,
              const std::optional<Int>& old_value, const std::optional<Int>& new_value, bool wad_scaled = false);
  /// A switch (absent is off).
  void toggle(const std::string& pattern, const std::string& path, const std::string& subject, bool old_on, bool new_on);
  /// A name-like field (selector, liability, name): a change is `changed`.
  void text(const std::string& pattern, const std::string& path, const std::string& subject,
            const std::string& old_value, const std::string& new_value);
  /// A list of entries (allowlist or checklist): each entry added or removed, by the direction.
  void entries(const std::string& pattern, const std::string& path, const std::string& subject,
               const std::vector<std::string>& old_list, const std::vector<std::string>& new_list);
  /// What every rule object carries: its id and severity.
  void meta(const std::string& rule, const std::string& path, const std::string& subject, const RuleMeta& a,
            const RuleMeta& b);
  /// A whole rule added or removed.
  void whole(const std::string& rule, const std::string& path, const std::string& subject, bool added);

 private:
  void add(std::string path, std::string rule, std::string subject, ChangeKind k, std::optional<Figure> o,
           std::optional<Figure> n, Message m);
  std::vector<PolicyChange>& out_;
  std::map<std::string, std::pair<std::string, Direction>> specs_;
};

/// Compares every section of two policies.
void compare_policies(Differ& d, const Policy& a, const Policy& b);

}  // namespace ballast::diff
