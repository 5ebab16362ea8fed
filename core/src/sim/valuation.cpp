#include "valuation.h"

#include <algorithm>

namespace ballast::sim {

bool matches(const Asset& a, const std::string& sel) {
  if (sel == "*") return true;
  if (sel.rfind("asset:", 0) == 0) return sel.compare(6, std::string::npos, a.id) == 0;
  if (sel.rfind("chain:", 0) == 0) return !a.chain.empty() && sel.compare(6, std::string::npos, a.chain) == 0;
  return std::find(a.tags.begin(), a.tags.end(), sel) != a.tags.end();
}

Book::Book(const std::vector<Asset>& assets, const Policy& p, const Proposal& q)
    : assets_(&assets) {
  by_id_.reserve(assets.size());
  for (std::size_t i = 0; i < assets.size(); ++i) {
    const Asset& a = assets[i];
    by_id_.emplace(a.id, i);
    if (!a.chain.empty()) by_chain_[a.chain].push_back(i);
    for (const auto& tag : a.tags) {
      auto& list = by_tag_[tag];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  for (const auto& t : p.targets) add(t.select);
  for (const auto& l : p.limits) {
    add(l.select);
    if (l.of) add(*l.of);
  }
  for (const auto& f : p.floors) add(f.select);
  for (const auto& b : p.backing) add(b.select);
  for (const auto& sc : p.stress)
    for (const auto& sh : sc.shocks) add(sh.select);
  for (const auto& c : q.allocation) add(c.select);
  of_start_.assign(assets.size() + 1, 0);
  for (const auto& m : members_)
    for (std::size_t i : m) ++of_start_[i + 1];
  for (std::size_t i = 0; i < assets.size(); ++i) of_start_[i + 1] += of_start_[i];
  of_asset_.resize(of_start_.back());
  std::vector<std::size_t> next(of_start_.begin(), of_start_.end() - 1);
  for (std::size_t k = 0; k < members_.size(); ++k)
    for (std::size_t i : members_[k]) of_asset_[next[i]++] = k;
}

void Book::add(const std::string& sel) {
  if (ids_.count(sel)) return;
  const std::size_t id = members_.size();
  members_.push_back(lookup(sel));
  ids_.emplace(sel, id);
}

std::size_t Book::id(const std::string& sel) const {
  auto it = ids_.find(sel);
  return it == ids_.end() ? npos : it->second;
}

std::vector<std::size_t> Book::members(const std::string& sel) const {
  if (auto k = id(sel); k != npos) return members_[k];
  return lookup(sel);
}

std::vector<std::size_t> Book::lookup(const std::string& sel) const {
  if (sel == "*") {
    std::vector<std::size_t> all(assets_->size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }
  auto from = [&](const std::unordered_map<std::string_view, std::vector<std::size_t>>& index, std::string_view key) {
    auto it = index.find(key);
    return it == index.end() ? std::vector<std::size_t>{} : it->second;
  };
  const std::string_view v(sel);
  if (sel.rfind("asset:", 0) == 0) {
    auto it = by_id_.find(v.substr(6));
    return it == by_id_.end() ? std::vector<std::size_t>{} : std::vector<std::size_t>{it->second};
  }
  if (sel.rfind("chain:", 0) == 0) return from(by_chain_, v.substr(6));
  return from(by_tag_, v);
}

bool Book::any_match(std::size_t asset, const std::vector<std::string>& selectors) const {
  for (const auto& s : selectors)
    if (matches((*assets_)[asset], s)) return true;
  return false;
}

Snapshot::Snapshot(const Book& book, const std::vector<Int>& balances, const std::vector<Int>& prices)
    : book_(&book), balances_(balances) {
  const auto& assets = book.assets();
  values_.reserve(assets.size());
  nav_ = 0;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    values_.push_back(asset_value(balances[i], prices[i], assets[i].decimals));
    nav_ += values_.back();
  }
  sums_.assign(book.size(), Int(0));
  for (std::size_t k = 0; k < book.size(); ++k)
    for (std::size_t i : book.members(k)) sums_[k] += values_[i];
}

void Snapshot::update(std::size_t i, const Int& balance, const Int& price) {
  balances_[i] = balance;
  set_value(i, asset_value(balance, price, book_->assets()[i].decimals));
}

void Snapshot::set_value(std::size_t i, Int v) {
  if (v == values_[i]) return;
  const Int delta = v - values_[i];
  values_[i] = std::move(v);
  nav_ += delta;
  for (std::size_t k : book_->selectors_of(i)) sums_[k] += delta;
}

void Snapshot::set_values(const std::vector<std::pair<std::size_t, Int>>& changes, Snapshot* twin) {
  std::vector<Int> moved(sums_.size(), Int(0));
  std::vector<std::size_t> touched;
  Int total = 0;
  for (const auto& [i, v] : changes) {
    const Int delta = v - values_[i];
    if (delta == 0) continue;
    total += delta;
    for (std::size_t k : book_->selectors_of(i)) {
      if (moved[k] == 0) touched.push_back(k);
      moved[k] += delta;
    }
    values_[i] = v;
    if (twin) twin->values_[i] = v;
  }
  // A selector whose changes cancel out may be listed twice: adding its zero again is harmless.
  for (std::size_t k : touched) {
    sums_[k] += moved[k];
    if (twin) twin->sums_[k] += moved[k];
    moved[k] = 0;
  }
  nav_ += total;
  if (twin) twin->nav_ += total;
}

void Snapshot::restore(const Snapshot& from, const std::vector<std::size_t>& assets) {
  // A selector's sum is copied once, however many of the assets it holds (a scenario shocking a
  // class moves hundreds of assets that share a few selectors).
  std::vector<bool> copied(sums_.size(), false);
  for (std::size_t i : assets) {
    balances_[i] = from.balances_[i];
    values_[i] = from.values_[i];
    for (std::size_t k : book_->selectors_of(i))
      if (!copied[k]) {
        copied[k] = true;
        sums_[k] = from.sums_[k];
      }
  }
  nav_ = from.nav_;
}

Int Snapshot::value(const std::string& sel) const {
  if (auto k = book_->id(sel); k != Book::npos) return sums_[k];
  Int v = 0;
  for (std::size_t i : book_->members(sel)) v += values_[i];
  return v;
}

Int Snapshot::value_both(const std::string& a, const std::string& b) const {
  const std::size_t ka = book_->id(a), kb = book_->id(b);
  if (ka == Book::npos || kb == Book::npos) {
    const auto ma = book_->members(a), mb = book_->members(b);
    Int v = 0;
    for (std::size_t i : ma)
      if (std::binary_search(mb.begin(), mb.end(), i)) v += values_[i];
    return v;
  }
  const auto& mb = book_->members(kb);
  Int v = 0;
  for (std::size_t i : book_->members(ka))
    if (std::binary_search(mb.begin(), mb.end(), i)) v += values_[i];
  return v;
}

Frac Snapshot::weight(const std::string& sel) const { return nav_ == 0 ? Frac{0, 1} : Frac{value(sel), nav_}; }

Frac deviation(const Snapshot& s, const Target& t) {
  if (s.nav() == 0) return Frac{-t.weight_bps, 10000};
  return Frac{s.value(t.select) * 10000 - Int(t.weight_bps) * s.nav(), s.nav() * 10000};
}

Frac total_drift(const Snapshot& s, const std::vector<Target>& targets) {
  Frac sum{0, 1};
  if (s.nav() == 0) {
    for (const auto& t : targets) sum.num += t.weight_bps;
    sum.den = 10000;
    return sum;
  }
  Int acc = 0;
  for (const auto& t : targets) {
    Int d = s.value(t.select) * 10000 - Int(t.weight_bps) * s.nav();
    acc += d < 0 ? Int(-d) : d;
  }
  return Frac{acc, s.nav() * 10000};
}

}  // namespace ballast::sim
