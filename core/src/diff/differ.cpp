#include "differ.h"

#include <algorithm>

namespace ballast::diff {

std::vector<std::pair<std::size_t, std::size_t>> match(const std::vector<Item>& a, const std::vector<Item>& b) {
  std::vector<std::size_t> pair_of_a(a.size(), npos), pair_of_b(b.size(), npos);
  auto pair_up = [&](auto same) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (pair_of_a[i] != npos) continue;
      for (std::size_t j = 0; j < b.size(); ++j)
        if (pair_of_b[j] == npos && same(a[i], b[j])) {
          pair_of_a[i] = j;
          pair_of_b[j] = i;
          break;
        }
    }
  };
  pair_up([](const Item& x, const Item& y) { return !x.id.empty() && x.id == y.id; });
  pair_up([](const Item& x, const Item& y) { return (x.id.empty() || y.id.empty()) && x.key == y.key; });
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < a.size(); ++i) out.emplace_back(i, pair_of_a[i]);
  for (std::size_t j = 0; j < b.size(); ++j)
    if (pair_of_b[j] == npos) out.emplace_back(npos, j);
  return out;
}

Differ::Differ(std::vector<PolicyChange>& out) : out_(out) {
  for (const RuleSpec& r : rule_registry())
    for (const PolicyField& f : r.fields) specs_.emplace(f.path, std::make_pair(std::string(r.id), f.direction));
  for (const PolicyField& f : policy_document_fields()) specs_.emplace(f.path, std::make_pair("policy", f.direction));
}

std::pair<std::string, Direction> Differ::spec(const std::string& pattern) const {
  auto it = specs_.find(pattern);
  if (it == specs_.end()) return {"policy", Direction::Identity};
  return it->second;
}

void Differ::add(std::string path, std::string rule, std::string subject, ChangeKind k, std::optional<Figure> o,
                 std::optional<Figure> n, Message m) {
  out_.push_back(PolicyChange{std::move(path), std::move(rule), std::move(subject), k, std::move(o), std::move(n),
                              std::move(m)});
}

namespace {

std::string field_name(const std::string& pattern) { return pattern.substr(pattern.rfind('/') + 1); }

Message about(const std::string& rule, const std::string& subject) {
  Message m;
  m << rule << (subject.empty() ? "" : " on " + subject) << ": ";
  return m;
}

ChangeKind by_direction(Direction dir, const Int& a, const Int& b) {
  const bool up = b > a;
  switch (dir) {
    case Direction::Upper: return up ? ChangeKind::Relaxed : ChangeKind::Tightened;
    case Direction::Lower:
    case Direction::Window: return up ? ChangeKind::Tightened : ChangeKind::Relaxed;
    case Direction::Shock: {
      const Int ma = a < 0 ? Int(-a) : a, mb = b < 0 ? Int(-b) : b;
      return ma == mb ? ChangeKind::Changed : (mb < ma ? ChangeKind::Relaxed : ChangeKind::Tightened);
    }
    default: return ChangeKind::Changed;
  }
}

}  // namespace

void Differ::number(const std::string& pattern, const std::string& path, const std::string& subject,
                    const std::optional<Int>& a, const std::optional<Int>& b, bool wad_scaled) {
  if (a == b) return;
  auto [rule, dir] = spec(pattern);
  const std::string field = field_name(pattern);
  auto fig = [&](const std::optional<Int>& v) -> std::optional<Figure> {
    if (!v) return std::nullopt;
    return Figure::policy_value(*v, wad_scaled);
  };
  Message m = about(rule, subject);
  if (!a || !b) {
    m << field << (a ? " removed (was " : " added (") << *fig(a ? a : b) << ")";
    add(path, rule, subject, a ? ChangeKind::Removed : ChangeKind::Added, fig(a), fig(b), m);
    return;
  }
  m << field << (*b > *a ? " raised from " : " lowered from ") << *fig(a) << " to " << *fig(b);
  add(path, rule, subject, by_direction(dir, *a, *b), fig(a), fig(b), m);
}

void Differ::toggle(const std::string& pattern, const std::string& path, const std::string& subject, bool a, bool b) {
  if (a == b) return;
  auto [rule, dir] = spec(pattern);
  Message m = about(rule, subject);
  m << field_name(pattern) << (b ? " turned on" : " turned off");
  const bool stricter = dir == Direction::Permission ? !b : b;
  add(path, rule, subject, stricter ? ChangeKind::Tightened : ChangeKind::Relaxed, Figure::named(a ? "true" : "false"),
      Figure::named(b ? "true" : "false"), m);
}

void Differ::text(const std::string& pattern, const std::string& path, const std::string& subject,
                  const std::string& a, const std::string& b) {
  if (a == b) return;
  const std::string rule = spec(pattern).first;
  Message m = about(rule, subject);
  m << field_name(pattern) << " changed from " << (a.empty() ? "(none)" : a) << " to " << (b.empty() ? "(none)" : b);
  std::optional<Figure> fa, fb;
  if (!a.empty()) fa = Figure::named(a);
  if (!b.empty()) fb = Figure::named(b);
  add(path, rule, subject, ChangeKind::Changed, fa, fb, m);
}

void Differ::entries(const std::string& pattern, const std::string& path, const std::string& subject,
                     const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto [rule, dir] = spec(pattern);
  const bool allow = dir == Direction::Allowlist;  // else a checklist: what is checked
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& x : b)
    if (!has(a, x)) {
      Message m = about(rule, subject);
      m << field_name(pattern) << " gains " << x;
      add(path, rule, subject, allow ? ChangeKind::Relaxed : ChangeKind::Tightened, std::nullopt, Figure::named(x), m);
    }
  for (const auto& x : a)
    if (!has(b, x)) {
      Message m = about(rule, subject);
      m << field_name(pattern) << " loses " << x;
      add(path, rule, subject, allow ? ChangeKind::Tightened : ChangeKind::Relaxed, Figure::named(x), std::nullopt, m);
    }
}

void Differ::meta(const std::string& rule, const std::string& path, const std::string& subject, const RuleMeta& a,
                  const RuleMeta& b) {
  if (a.severity != b.severity) {
    const bool lowered = b.severity == Severity::Warning;
    Message m = about(rule, subject);
    m << (lowered ? "severity lowered from error to warning" : "severity raised from warning to error");
    add(path + "/severity", rule, subject, lowered ? ChangeKind::Relaxed : ChangeKind::Tightened,
        Figure::named(lowered ? "error" : "warning"), Figure::named(lowered ? "warning" : "error"), m);
  }
  if (a.id != b.id) {
    Message m = about(rule, subject);
    m << "id changed from " << (a.id.empty() ? "(none)" : a.id) << " to " << (b.id.empty() ? "(none)" : b.id);
    std::optional<Figure> fa, fb;
    if (!a.id.empty()) fa = Figure::named(a.id);
    if (!b.id.empty()) fb = Figure::named(b.id);
    add(path + "/id", rule, subject, ChangeKind::Changed, fa, fb, m);
  }
}

void Differ::whole(const std::string& rule, const std::string& path, const std::string& subject, bool added) {
  Message m = about(rule, subject);
  m << (added ? "rule added" : "rule removed");
  add(path, rule, subject, added ? ChangeKind::Added : ChangeKind::Removed, std::nullopt, std::nullopt, m);
}

}  // namespace ballast::diff
