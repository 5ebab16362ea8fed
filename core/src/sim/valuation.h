// Valuation of a treasury at given balances and prices (docs/semantics.md): which assets each
// selector matches, and the exact values, NAV and selector sums of one state.
#pragma once

#include "ballast/model.h"

#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::sim {

/// True when asset `a` matches selector `sel` (a tag, asset:<id>, chain:<chain> or *).
bool matches(const Asset& a, const std::string& sel);

/// Which assets each selector of a case matches, computed once when the book is built. Immutable
/// afterwards: a selector not registered is matched on the fly, never cached.
class Book {
 public:
  /// Registers every selector the policy and the proposal's claims use.
  Book(const std::vector<Asset>& assets, const Policy& policy, const Proposal& proposal);

  /// The registered id of a selector, or npos.
  std::size_t id(const std::string& sel) const;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t size() const { return members_.size(); }
  /// Indices of the assets a registered selector matches, ascending.
  const std::vector<std::size_t>& members(std::size_t id) const { return members_[id]; }
  /// Indices of the assets `sel` matches, ascending (registered or not).
  std::vector<std::size_t> members(const std::string& sel) const;
  /// Ids of the registered selectors asset i matches, ascending (a range over the book's table).
  struct Ids {
    const std::size_t* first;
    const std::size_t* last;
    const std::size_t* begin() const { return first; }
    const std::size_t* end() const { return last; }
  };
  Ids selectors_of(std::size_t i) const { return {of_asset_.data() + of_start_[i], of_asset_.data() + of_start_[i + 1]}; }
  /// True when the asset matches one of the selectors.
  bool any_match(std::size_t asset, const std::vector<std::string>& selectors) const;
  const std::vector<Asset>& assets() const { return *assets_; }

 private:
  void add(const std::string& sel);
  /// The assets a selector matches, from the indexes below (one pass over the assets instead of
  /// one per selector: the large case has hundreds of selectors and a thousand assets).
  std::vector<std::size_t> lookup(const std::string& sel) const;
  const std::vector<Asset>* assets_;
  // Hashed: only looked up, never walked in order (a thousand ids compare slower in a tree). Keyed
  // by views of the assets' own strings, which outlive the book as `assets_` does.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_tag_, by_chain_;
  std::unordered_map<std::string_view, std::size_t> by_id_;  // ids are unique
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<std::vector<std::size_t>> members_;
  // Asset i's selector ids are of_asset_[of_start_[i] .. of_start_[i + 1]): one table, filled once
  // every selector is registered, instead of a list per asset grown one id at a time.
  std::vector<std::size_t> of_asset_, of_start_;
};

/// Values of every asset at given balances and prices, NAV, and the sums of the registered
/// selectors. A copy moves to other balances or prices one asset at a time (`update`), keeping
/// NAV and the sums exact without recomputing the whole treasury. Nothing is cached behind const.
class Snapshot {
 public:
  Snapshot(const Book& book, const std::vector<Int>& balances, const std::vector<Int>& prices);
  const Int& nav() const { return nav_; }
  const std::vector<Int>& values() const { return values_; }
  const std::vector<Int>& balances() const { return balances_; }
  /// Asset i now holds `balance` at `price`.
  void update(std::size_t i, const Int& balance, const Int& price);
  /// Asset i, at the balance it has, is now worth `value` (its asset_value at a new price).
  void set_value(std::size_t i, Int value);
  /// set_value for each (asset, value) of `changes`, in this snapshot and in `twin` (when given): a
  /// snapshot of the same book in which each listed asset holds the same value as here before the
  /// change. Each selector's sum moves once, by the total change of its listed assets, in both.
  void set_values(const std::vector<std::pair<std::size_t, Int>>& changes, Snapshot* twin);
  /// Makes the listed assets as they are in `from`: their balances, values, the sums of their
  /// selectors and NAV are copied, nothing is recomputed. `from` is a snapshot of the same book
  /// that differs from this one in these assets alone (one of the two was copied from the other
  /// and then moved by `update` or `set_value` on exactly these assets).
  void restore(const Snapshot& from, const std::vector<std::size_t>& assets);
  /// Value (wad) of the assets a selector matches.
  Int value(const std::string& sel) const;
  /// Value of the assets matching both selectors.
  Int value_both(const std::string& a, const std::string& b) const;
  /// Weight of a selector as a fraction of NAV (0 when NAV is 0).
  Frac weight(const std::string& sel) const;

 private:
  const Book* book_;
  std::vector<Int> balances_;
  std::vector<Int> values_;
  Int nav_;
  std::vector<Int> sums_;  // by registered selector id
};

/// Signed deviation of a target's weight from its target weight, as a fraction of 1.
Frac deviation(const Snapshot& s, const Target& t);
/// Σ |deviation| over the targets, as a fraction of 1.
Frac total_drift(const Snapshot& s, const std::vector<Target>& targets);

}  // namespace ballast::sim
