#include "ballast/parse.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace ballast {

// ---------------------------------------------------------------------------------------------
// Time

namespace {

bool digits_at(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<Time> parse_time(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20) return std::nullopt;
  if (!digits_at(s, 0, 4, y) || s[4] != '-' || !digits_at(s, 5, 2, mo) || s[7] != '-' || !digits_at(s, 8, 2, d) ||
      s[10] != 'T' || !digits_at(s, 11, 2, h) || s[13] != ':' || !digits_at(s, 14, 2, mi) || s[16] != ':' ||
      !digits_at(s, 17, 2, se))
    return std::nullopt;
  std::size_t pos = 19;
  std::int32_t nanos = 0;
  if (s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - start < 9) nanos = nanos * 10 + (s[pos] - '0');
      ++pos;
    }
    std::size_t n = pos - start;
    if (n == 0 || n > 9) return std::nullopt;
    for (std::size_t i = n; i < 9; ++i) nanos *= 10;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return std::nullopt;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1) return std::nullopt;
  int dim = mdays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0);
  if (d > dim || h > 23 || mi > 59 || se > 59) return std::nullopt;
  Time t;
  t.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se;
  t.nanos = nanos;
  return t;
}

const std::vector<std::string>& document_kinds() {
  static const std::vector<std::string> k = {"policy/1", "treasury/1", "proposal/1", "case/1", "report/1"};
  return k;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Reader: typed access to the JSON tree with errors collected under one document name.

bool id_char(char c, bool first) {
  bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return first ? alnum : (alnum || c == '.' || c == '_' || c == ':' || c == '-');
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!id_char(s[i], i == 0)) return false;
  return true;
}

// A tag is what an asset lists ("stable", "tier:low"); a selector may also be asset:<id>,
// chain:<chain> or *.
bool valid_tag(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!id_char(s[i], i == 0)) return false;
  return true;
}

bool valid_selector(std::string_view s) { return s == "*" || valid_tag(s); }

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool valid_address(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    char c = s[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

class Reader {
 public:
  Reader(Diagnostics& d, std::string document, const CheckLimits& limits)
      : diags_(d), doc_(std::move(document)), limits_(limits) {}

  const std::string& document() const { return doc_; }
  const CheckLimits& limits() const { return limits_; }
  void error(const char* code, const std::string& path, const std::string& message) {
    diags_.add(code, doc_, path, message);
  }

  std::optional<std::string> string(const Node& n, const std::string& path) {
    if (n.kind != Node::Kind::String) {
      error(code::type_mismatch, path, "expected a string, got " + quote(n));
      return std::nullopt;
    }
    return n.text;
  }

  std::optional<std::string> id(const Node& n, const std::string& path) {
    auto s = string(n, path);
    if (s && !valid_id(*s)) {
      error(code::type_id, path, "expected an id ([A-Za-z0-9][A-Za-z0-9._:-]{0,63}), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> selector(const Node& n, const std::string& path) {
    auto s = string(n, path);
    if (s && !valid_selector(*s)) {
      error(code::type_selector, path, "expected a selector (a tag, asset:<id>, chain:<chain> or *), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> tag(const Node& n, const std::string& path) {
    auto s = string(n, path);
    if (!s) return s;
    if (!valid_tag(*s) || s->rfind("asset:", 0) == 0 || s->rfind("chain:", 0) == 0) {
      error(code::type_selector, path,
            "expected a tag ([A-Za-z0-9][A-Za-z0-9._:-]*, not asset:... or chain:...), got " + quote(n));
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> address(const Node& n, const std::string& path) {
    auto s = string(n, path);
    if (s && !valid_address(*s)) {
      error(code::type_address, path, "expected an address (0x and 40 hex digits), got " + quote(n));
      return std::nullopt;
    }
    if (s) return lower(*s);
    return s;
  }

  std::optional<Int> amount(const Node& n, const std::string& path) {
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

  std::optional<Int> decimal(const Node& n, const std::string& path, bool allow_negative = false) {
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
  std::optional<long long> integer(const Node& n, const std::string& path, long long lo, long long hi,
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

  std::optional<long long> bps(const Node& n, const std::string& path, long long lo = 0, long long hi = 10000) {
    return integer(n, path, lo, hi, code::type_bps, "basis points");
  }

  std::optional<long long> hours(const Node& n, const std::string& path) {
    return integer(n, path, 0, 1000000, code::type_integer, "hours");
  }

  std::optional<Time> time(const Node& n, const std::string& path) {
    auto s = string(n, path);
    if (!s) return std::nullopt;
    auto t = parse_time(*s);
    if (!t) error(code::type_time, path, "expected an RFC 3339 UTC time like \"2026-11-20T12:00:00Z\", got " + quote(n));
    return t;
  }

  std::optional<bool> boolean(const Node& n, const std::string& path) {
    if (n.kind != Node::Kind::Bool) {
      error(code::type_mismatch, path, "expected true or false, got " + quote(n));
      return std::nullopt;
    }
    return n.text == "true";
  }

  // An array of at most `max` elements, or nullptr (error recorded).
  const std::vector<Node>* array(const Node& n, const std::string& path, std::size_t max, const char* what) {
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

// One JSON object being read: remembers which fields were read, reports the rest as unknown.
class Obj {
 public:
  Obj(Reader& r, const Node& n, std::string path) : r_(r), n_(n), path_(std::move(path)) {
    ok_ = n.kind == Node::Kind::Object;
    if (!ok_) r_.error(code::type_mismatch, path_, "expected an object, got " + quote(n));
    used_.assign(ok_ ? n.members.size() : 0, false);
  }
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  ~Obj() {
    for (std::size_t i = 0; i < used_.size(); ++i)
      if (!used_[i])
        r_.error(code::field_unknown, pointer_join(path_, n_.members[i].first),
                 "unknown field " + quote(std::string_view(n_.members[i].first)));
  }

  bool ok() const { return ok_; }
  // Marks every field as read: used when the object is not read at all (wrong document kind).
  void ignore_rest() { used_.assign(used_.size(), true); }
  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return pointer_join(path_, std::string(key)); }

  const Node* opt(std::string_view key) {
    for (std::size_t i = 0; i < used_.size(); ++i)
      if (n_.members[i].first == key) {
        used_[i] = true;
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
    return fn(*v, at(key));
  }

 private:
  Reader& r_;
  const Node& n_;
  std::string path_;
  bool ok_;
  std::vector<bool> used_;
};

std::string case_path(const std::string& document, const std::string& path) { return "/" + document + path; }

// Reads the "id" and "severity" every rule object may carry. Ids are unique within their list:
// `seen` collects the ids of the list being read.
RuleMeta read_meta(Reader& r, Obj& o, std::set<std::string>* seen = nullptr) {
  RuleMeta m;
  m.path = case_path(r.document(), o.path());
  if (auto id = o.get("id", false, [&](const Node& n, const std::string& p) { return r.id(n, p); })) {
    m.id = *id;
    if (seen && !seen->insert(*id).second) r.error(code::id_duplicate, o.at("id"), "duplicate rule id " + quote(*id));
  }
  if (const Node* s = o.opt("severity")) {
    if (s->kind == Node::Kind::String && (s->text == "error" || s->text == "warning"))
      m.severity = s->text == "error" ? Severity::Error : Severity::Warning;
    else
      r.error(code::value_range, o.at("severity"), "expected \"error\" or \"warning\", got " + quote(*s));
  }
  return m;
}

// Checks the "ballast" kind field of a document object.
// A missing kind is reported and reading goes on; a wrong one stops reading the object.
bool check_kind(Reader& r, Obj& o, const std::string& expected) {
  const Node* k = o.req("ballast");
  if (!k) return true;
  const auto& kinds = document_kinds();
  if (k->kind != Node::Kind::String) {
    r.error(code::type_mismatch, o.at("ballast"), "expected a document kind string, got " + quote(*k));
  } else if (std::find(kinds.begin(), kinds.end(), k->text) == kinds.end()) {
    r.error(code::kind_unknown, o.at("ballast"), "unknown document kind " + quote(*k));
  } else if (k->text != expected) {
    r.error(code::kind_mismatch, o.at("ballast"), "expected a " + quote(expected) + " document, got " + quote(*k));
  } else {
    return true;
  }
  o.ignore_rest();
  return false;
}

// Reads an array field of objects, calling fn(obj, index) for each element object.
template <typename F>
void each_object(Reader& r, Obj& parent, std::string_view key, bool required, std::size_t max, const char* what,
                 F fn) {
  const Node* n = required ? parent.req(key) : parent.opt(key);
  if (!n) return;
  const auto* items = r.array(*n, parent.at(key), max, what);
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    Obj o(r, (*items)[i], pointer_join(parent.at(key), i));
    if (o.ok()) fn(o, i);
  }
}

// Reads an array field of scalars, calling fn(node, path) for each.
template <typename F>
void each_item(Reader& r, const Node& n, const std::string& path, std::size_t max, const char* what, F fn) {
  const auto* items = r.array(n, path, max, what);
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) fn((*items)[i], pointer_join(path, i));
}

// ---------------------------------------------------------------------------------------------
// Treasury

struct TreasuryIndex {
  std::unordered_map<std::string, std::size_t> assets;
  std::unordered_map<std::string, std::size_t> venues;
};

// A signed integer in a string ("-123"), |value| < 2^bits.
std::optional<Int> signed_integer(Reader& r, const Node& n, const std::string& path, unsigned bits) {
  std::string_view s = n.kind == Node::Kind::String ? std::string_view(n.text) : std::string_view();
  bool negative = !s.empty() && s[0] == '-';
  auto v = n.kind == Node::Kind::String ? parse_amount(negative ? s.substr(1) : s) : std::nullopt;
  if (!v || (negative && *v == 0)) {
    r.error(code::type_amount, path, "expected a signed integer as a string like \"-123\", got " + quote(n));
    return std::nullopt;
  }
  if (*v >= (Int(1) << bits)) {
    r.error(code::value_range, path, quote(n) + " does not fit int" + std::to_string(bits + 1));
    return std::nullopt;
  }
  return negative ? Int(-*v) : *v;
}

// A Uniswap v3 pool: validated so that the swap loop only meets states the contract can be in.
template <typename AssetRef>
void read_uniswap_v3(Reader& r, Obj& o, Venue& v, AssetRef asset_ref) {
  namespace v3 = uniswap_v3;
  UniswapV3Pool pool;
  auto t0 = o.get("token0", true, asset_ref);
  auto t1 = o.get("token1", true, asset_ref);
  auto integer = [&](const char* key, long long lo, long long hi) {
    return o.get(key, true, [&](const Node& n, const std::string& p) { return r.integer(n, p, lo, hi); });
  };
  auto fee = integer("fee_pips", 0, 999999);
  auto spacing = integer("tick_spacing", 1, 16384);
  auto tick = integer("tick", v3::kMinTick, v3::kMaxTick);
  auto sqrt_price = o.get("sqrt_price_x96", true, [&](const Node& n, const std::string& p) { return r.amount(n, p); });
  auto liquidity = o.get("liquidity", true, [&](const Node& n, const std::string& p) { return r.amount(n, p); });
  bool ok = t0 && t1 && fee && spacing && tick && sqrt_price && liquidity;
  if (sqrt_price && (*sqrt_price < v3::min_sqrt_ratio() || *sqrt_price >= v3::max_sqrt_ratio())) {
    r.error(code::value_range, o.at("sqrt_price_x96"),
            "sqrt_price_x96 " + to_string(*sqrt_price) + " is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)");
    ok = false;
  }
  if (liquidity && *liquidity >= (Int(1) << 128)) {
    r.error(code::value_range, o.at("liquidity"), "liquidity " + to_string(*liquidity) + " does not fit uint128");
    ok = false;
  }
  if (ok) {
    // The pool's stored tick is getTickAtSqrtRatio(price), or one less when a swap down ended
    // exactly on a tick's price.
    int expected = v3::tick_at_sqrt_ratio(*sqrt_price);
    bool on_boundary = v3::sqrt_ratio_at_tick(expected) == *sqrt_price;
    if (*tick != expected && !(on_boundary && *tick == expected - 1)) {
      r.error(code::value_range, o.at("tick"),
              "tick " + std::to_string(*tick) + " does not match sqrt_price_x96 (its tick is " + std::to_string(expected) + ")");
      ok = false;
    }
  }
  auto ticks = std::make_shared<std::vector<V3Tick>>();
  each_object(r, o, "ticks", true, r.limits().max_ticks, "ticks", [&](Obj& to, std::size_t) {
    auto index = to.get("index", true, [&](const Node& n, const std::string& p) {
      return r.integer(n, p, v3::kMinTick, v3::kMaxTick);
    });
    auto net = to.get("liquidity_net", true, [&](const Node& n, const std::string& p) { return signed_integer(r, n, p, 127); });
    if (!index || !net) {
      ok = false;
      return;
    }
    if (spacing && *index % *spacing != 0) {
      r.error(code::value_range, to.at("index"), "tick " + std::to_string(*index) + " is not on the tick spacing " + std::to_string(*spacing));
      ok = false;
    }
    if (!ticks->empty() && ticks->back().index >= *index) {
      r.error(code::value_range, to.at("index"), "ticks must be sorted by index, without repeats (tick " +
                                                      std::to_string(*index) + " after " + std::to_string(ticks->back().index) + ")");
      ok = false;
    }
    ticks->push_back(V3Tick{static_cast<int>(*index), *net});
  });
  // The window in which `ticks` lists every initialized tick: stated by `tick_window`, else the
  // span of the listed ticks and the current tick together.
  std::optional<std::pair<int, int>> window;
  if (const Node* wn = o.opt("tick_window")) {
    const std::string wp = o.at("tick_window");
    const auto* items = wn->kind == Node::Kind::Array && wn->items.size() == 2 ? &wn->items : nullptr;
    if (!items) r.error(code::type_mismatch, wp, "expected [lower, upper] (two tick indices), got " + quote(*wn));
    if (items) {
      auto lo = r.integer((*items)[0], pointer_join(wp, 0), v3::kMinTick, v3::kMaxTick);
      auto hi = r.integer((*items)[1], pointer_join(wp, 1), v3::kMinTick, v3::kMaxTick);
      if (lo && hi && *lo > *hi)
        r.error(code::value_range, wp, "tick_window " + quote(*wn) + " has its lower end above its upper end");
      else if (lo && hi)
        window = std::pair<int, int>(static_cast<int>(*lo), static_cast<int>(*hi));
    }
    if (!window) ok = false;
  }
  if (ok && window) {
    if (*tick < window->first || *tick > window->second) {
      r.error(code::value_range, o.at("tick_window"),
              "the current tick " + std::to_string(*tick) + " lies outside tick_window [" +
                  std::to_string(window->first) + ", " + std::to_string(window->second) + "]");
      ok = false;
    }
    for (std::size_t k = 0; ok && k < ticks->size(); ++k)
      if ((*ticks)[k].index < window->first || (*ticks)[k].index > window->second) {
        r.error(code::value_range, pointer_join(o.at("ticks"), k) + "/index",
                "tick " + std::to_string((*ticks)[k].index) + " lies outside tick_window [" +
                    std::to_string(window->first) + ", " + std::to_string(window->second) + "]");
        ok = false;
      }
  } else if (ok) {
    window = std::pair<int, int>(static_cast<int>(*tick), static_cast<int>(*tick));
    if (!ticks->empty()) window = {std::min<int>(ticks->front().index, window->first), std::max<int>(ticks->back().index, window->second)};
  }
  if (ok) {
    {
      // Crossing the ticks in either direction must never take the liquidity out of uint128.
      auto above = std::upper_bound(ticks->begin(), ticks->end(), *tick, [](int t, const V3Tick& x) { return t < x.index; });
      auto cross = [&](Int& l, std::vector<V3Tick>::const_iterator it, bool upward) {
        l += upward ? it->liquidity_net : Int(-it->liquidity_net);
        if (l >= 0 && l < (Int(1) << 128)) return true;
        std::size_t k = static_cast<std::size_t>(it - ticks->begin());
        r.error(code::value_range, pointer_join(o.at("ticks"), k) + "/liquidity_net",
                "crossing tick " + std::to_string(it->index) + (upward ? " upward" : " downward") +
                    " makes the liquidity " + to_string(l));
        return false;
      };
      Int up = *liquidity, down = *liquidity;
      for (auto it = above; ok && it != ticks->end(); ++it) ok = cross(up, it, true);
      for (auto it = above; ok && it != ticks->begin();) ok = cross(down, --it, false);
    }
  }
  if (t0 && t1) {
    if (*t0 == *t1) r.error(code::value_range, o.at("token1"), "token1 is the same asset as token0");
    v.tokens = {*t0, *t1};
  }
  if (ok) {
    pool.fee_pips = *fee;
    pool.tick_spacing = static_cast<int>(*spacing);
    pool.sqrt_price_x96 = *sqrt_price;
    pool.tick = static_cast<int>(*tick);
    pool.liquidity = *liquidity;
    pool.ticks = std::move(ticks);
    pool.window_lower = window->first;
    pool.window_upper = window->second;
  }
  v.state = pool;
}

// A Curve plain pool: 2 to 4 distinct coins of at most 18 decimals, positive balances, A within
// the contract's bounds, fees below the contract's maxima.
template <typename AssetRef>
void read_curve(Reader& r, Obj& o, Venue& v, AssetRef asset_ref, const std::vector<Asset>& assets) {
  CurveStableSwapPool pool;
  bool ok = true;
  std::vector<std::size_t> coins;
  if (const Node* cn = o.req("coins")) {
    each_item(r, *cn, o.at("coins"), 4, "coins", [&](const Node& n, const std::string& p) {
      auto a = asset_ref(n, p);
      if (!a) {
        ok = false;
        return;
      }
      if (std::find(coins.begin(), coins.end(), *a) != coins.end()) {
        r.error(code::value_range, p, "coin " + quote(n) + " is listed twice");
        ok = false;
      }
      if (assets[*a].decimals > 18) {
        r.error(code::value_range, p, "coin " + quote(n) + " has more than 18 decimals, which the pool's rates cannot express");
        ok = false;
      }
      coins.push_back(*a);
    });
    if (cn->kind == Node::Kind::Array && cn->items.size() < 2) {
      r.error(code::value_range, o.at("coins"), "a Curve pool has 2 to 4 coins");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (const Node* bn = o.req("balances")) {
    each_item(r, *bn, o.at("balances"), 4, "balances", [&](const Node& n, const std::string& p) {
      auto b = r.amount(n, p);
      if (!b) {
        ok = false;
        return;
      }
      if (*b == 0) {
        r.error(code::value_range, p, "a Curve balance of 0: get_D divides by every balance");
        ok = false;
      }
      pool.balances.push_back(*b);
    });
  } else {
    ok = false;
  }
  if (ok && pool.balances.size() != coins.size()) {
    r.error(code::value_range, o.at("balances"), "one balance per coin is needed (" + std::to_string(coins.size()) + " coins)");
    ok = false;
  }
  auto amp = o.get("amp", true, [&](const Node& n, const std::string& p) { return r.integer(n, p, 1, 1000000); });
  auto amp_precise = o.get("amp_precise", false, [&](const Node& n, const std::string& p) {
    return r.integer(n, p, curve::kAPrecision, 1000000LL * curve::kAPrecision);
  });
  auto fee_units = [&](const char* key, bool required, const Int& max) -> std::optional<Int> {
    auto f = o.get(key, required, [&](const Node& n, const std::string& p) { return r.amount(n, p); });
    if (f && *f > max) {
      r.error(code::value_range, o.at(key), std::string(key) + " " + to_string(*f) + " is above the contract's maximum " + to_string(max));
      return std::nullopt;
    }
    return f;
  };
  auto fee = fee_units("fee", true, Int("5000000000"));
  auto admin_fee = fee_units("admin_fee", false, Int("10000000000"));
  if (!amp || !fee || (o.opt("admin_fee") && !admin_fee) || (o.opt("amp_precise") && !amp_precise)) ok = false;
  if (ok) {
    for (std::size_t c : coins) pool.rates.push_back(wad() * pow10(18 - assets[c].decimals));
    pool.amp_precise = amp_precise ? Int(*amp_precise) : Int(*amp) * curve::kAPrecision;
    pool.fee = *fee;
    pool.admin_fee = admin_fee.value_or(0);
    v.tokens = coins;
  }
  v.state = pool;
}

void read_venue(Reader& r, Obj& o, Venue& v, const TreasuryIndex& idx, const std::vector<Asset>& assets) {
  auto asset_ref = [&](const Node& n, const std::string& p) -> std::optional<std::size_t> {
    auto id = r.id(n, p);
    if (!id) return std::nullopt;
    auto it = idx.assets.find(*id);
    if (it == idx.assets.end()) {
      r.error(code::ref_unknown_asset, p, "unknown asset " + quote(n));
      return std::nullopt;
    }
    return it->second;
  };
  if (v.kind == "uniswap_v2") {
    UniswapV2Pool pool;
    auto t0 = o.get("token0", true, asset_ref);
    auto t1 = o.get("token1", true, asset_ref);
    auto reserve = [&](const char* key, Int& out) {
      if (auto a = o.get(key, true, [&](const Node& n, const std::string& p) { return r.amount(n, p); })) {
        if (*a > uniswap_v2::max_reserve())
          r.error(code::value_range, o.at(key), "reserve " + to_string(*a) + " does not fit in uint112");
        out = *a;
      }
    };
    reserve("reserve0", pool.reserve0);
    reserve("reserve1", pool.reserve1);
    if (auto fee = o.get("fee_bps", false, [&](const Node& n, const std::string& p) { return r.bps(n, p, 0, 9999); }))
      pool.fee_bps = *fee;
    if (t0 && t1) {
      if (*t0 == *t1) r.error(code::value_range, o.at("token1"), "token1 is the same asset as token0");
      v.tokens = {*t0, *t1};
    }
    v.state = pool;
  } else if (v.kind == "uniswap_v3") {
    read_uniswap_v3(r, o, v, asset_ref);
  } else if (v.kind == "limit_order") {
    v.state = LimitOrderVenue{};
  } else if (v.kind == "curve_stableswap") {
    read_curve(r, o, v, asset_ref, assets);
  } else {
    r.error(code::value_range, o.at("kind"),
            "unknown venue kind " + quote(v.kind) + " (uniswap_v2, uniswap_v3, curve_stableswap, limit_order)");
    o.ignore_rest();
  }
}

std::optional<Treasury> read_treasury(Reader& r, const Node& root, TreasuryIndex& idx) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  Treasury t;
  if (!check_kind(r, o, "treasury/1")) return std::nullopt;
  if (auto v = o.get("as_of", true, [&](const Node& n, const std::string& p) { return r.time(n, p); })) t.as_of = *v;
  if (auto v = o.get("numeraire", true, [&](const Node& n, const std::string& p) { return r.id(n, p); }))
    t.numeraire = *v;
  const CheckLimits& lim = r.limits();
  bool asset_overflow = false;
  each_object(r, o, "assets", true, lim.max_assets, "assets", [&](Obj& a, std::size_t) {
    Asset as;
    bool ok = true;
    if (auto v = a.get("id", true, [&](const Node& n, const std::string& p) { return r.id(n, p); })) {
      as.id = *v;
      if (!idx.assets.emplace(as.id, t.assets.size()).second) {
        r.error(code::id_duplicate, a.at("id"), "duplicate asset id " + quote(as.id));
        ok = false;
      }
    } else {
      ok = false;
    }
    if (auto v = a.get("chain", false, [&](const Node& n, const std::string& p) { return r.id(n, p); })) as.chain = *v;
    if (auto v = a.get("address", false, [&](const Node& n, const std::string& p) { return r.address(n, p); }))
      as.address = *v;
    if (auto v = a.get("decimals", true, [&](const Node& n, const std::string& p) { return r.integer(n, p, 0, 77); }))
      as.decimals = static_cast<unsigned>(*v);
    auto bal = a.get("balance", true, [&](const Node& n, const std::string& p) { return r.amount(n, p); });
    auto price = a.get("price", true, [&](const Node& n, const std::string& p) { return r.decimal(n, p); });
    if (bal) as.balance = *bal;
    if (price) as.price = *price;
    if (bal && price && asset_value(as.balance, as.price, as.decimals) >= two_pow_256()) {
      r.error(code::arith_overflow, a.at("balance"),
              "value of " + quote(as.id) + " (balance times price) is not below 2^256 wad");
      asset_overflow = true;
    }
    if (const Node* tags = a.opt("tags")) {
      std::set<std::string> seen;
      each_item(r, *tags, a.at("tags"), 64, "tags", [&](const Node& n, const std::string& p) {
        if (auto tg = r.tag(n, p)) {
          if (seen.insert(*tg).second) as.tags.push_back(*tg);
        }
      });
    }
    if (ok) t.assets.push_back(std::move(as));
  });
  Int nav = 0;
  for (const auto& a : t.assets) nav += asset_value(a.balance, a.price, a.decimals);
  if (!asset_overflow && nav >= two_pow_256()) r.error(code::arith_overflow, "/assets", "total value of the assets is not below 2^256 wad");

  each_object(r, o, "venues", false, lim.max_venues, "venues", [&](Obj& vo, std::size_t) {
    Venue v;
    auto id = vo.get("id", true, [&](const Node& n, const std::string& p) { return r.id(n, p); });
    auto kind = vo.get("kind", true, [&](const Node& n, const std::string& p) { return r.string(n, p); });
    if (!id || !kind) return;
    v.id = *id;
    v.kind = *kind;
    if (!idx.venues.emplace(v.id, t.venues.size()).second) {
      r.error(code::id_duplicate, vo.at("id"), "duplicate venue id " + quote(v.id));
      return;
    }
    read_venue(r, vo, v, idx, t.assets);
    t.venues.push_back(std::move(v));
  });

  if (const Node* ob = o.opt("obligations")) {
    Obj oo(r, *ob, o.at("obligations"));
    if (oo.ok()) {
      t.monthly_opex = oo.get("monthly_opex", false, [&](const Node& n, const std::string& p) { return r.decimal(n, p); });
      if (const Node* li = oo.opt("liabilities")) {
        if (li->kind != Node::Kind::Object) {
          r.error(code::type_mismatch, oo.at("liabilities"), "expected an object of named amounts, got " + quote(*li));
        } else {
          for (const auto& m : li->members) {
            std::string p = pointer_join(oo.at("liabilities"), m.first);
            if (!valid_id(m.first)) {
              r.error(code::type_id, p, "liability name " + quote(std::string_view(m.first)) + " is not an id");
              continue;
            }
            if (auto v = r.decimal(m.second, p)) t.liabilities[m.first] = *v;
          }
        }
      }
    }
  }

  each_object(r, o, "history", false, lim.max_history, "history entries", [&](Obj& h, std::size_t) {
    HistoryEntry e;
    if (auto v = h.get("at", true, [&](const Node& n, const std::string& p) { return r.time(n, p); })) e.at = *v;
    if (const Node* k = h.req("kind")) {
      if (k->kind == Node::Kind::String && (k->text == "swap" || k->text == "transfer"))
        e.kind = k->text;
      else
        r.error(code::value_range, h.at("kind"), "expected \"swap\" or \"transfer\", got " + quote(*k));
    }
    if (auto v = h.get("value", true, [&](const Node& n, const std::string& p) { return r.decimal(n, p); })) e.value = *v;
    if (auto v = h.get("loss", false, [&](const Node& n, const std::string& p) { return r.decimal(n, p, true); }))
      e.loss = *v;
    h.opt("note");  // free text, ignored
    t.history.push_back(std::move(e));
  });
  return t;
}

// ---------------------------------------------------------------------------------------------
// Policy

template <typename T, typename F>
std::optional<Threshold<T>> read_threshold(Reader& r, Obj& parent, std::string_view key, F value_fn) {
  const Node* n = parent.opt(key);
  if (!n) return std::nullopt;
  Threshold<T> t;
  if (n->kind == Node::Kind::Object) {
    // Long form: {"value": ..., "id": "...", "severity": "warning"}
    Obj o(r, *n, parent.at(key));
    t.meta = read_meta(r, o);
    auto v = o.get("value", true, value_fn);
    if (!v) return std::nullopt;
    t.value = *v;
  } else {
    t.meta.path = case_path(r.document(), parent.at(key));
    auto v = value_fn(*n, parent.at(key));
    if (!v) return std::nullopt;
    t.value = *v;
  }
  return t;
}

std::optional<Policy> read_policy(Reader& r, const Node& root) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  if (!check_kind(r, o, "policy/1")) return std::nullopt;
  Policy p;
  const CheckLimits& lim = r.limits();
  auto sel = [&](const Node& n, const std::string& path) { return r.selector(n, path); };
  auto bps = [&](const Node& n, const std::string& path) { return r.bps(n, path); };
  if (auto v = o.get("name", false, [&](const Node& n, const std::string& path) { return r.string(n, path); }))
    p.name = *v;
  if (auto v = o.get("numeraire", false, [&](const Node& n, const std::string& path) { return r.id(n, path); }))
    p.numeraire = *v;
  o.opt("description");

  std::set<std::string> target_ids;
  each_object(r, o, "targets", false, lim.max_list, "targets", [&](Obj& t, std::size_t) {
    Target x;
    x.meta = read_meta(r, t, &target_ids);
    auto s = t.get("select", true, sel);
    auto w = t.get("weight_bps", true, bps);
    auto b = t.get("band_bps", false, bps);
    if (!s || !w) return;
    x.select = *s;
    x.weight_bps = *w;
    x.band_bps = b.value_or(0);
    p.targets.push_back(std::move(x));
  });

  std::set<std::string> limit_ids;
  each_object(r, o, "limits", false, lim.max_list, "limits", [&](Obj& l, std::size_t) {
    Limit x;
    x.meta = read_meta(r, l, &limit_ids);
    auto s = l.get("select", true, sel);
    x.of = l.get("of", false, sel);
    x.max_bps = l.get("max_bps", false, bps);
    x.min_bps = l.get("min_bps", false, bps);
    if (!l.opt("max_bps") && !l.opt("min_bps"))
      r.error(code::field_missing, l.at("max_bps"), "a limit needs \"max_bps\" or \"min_bps\"");
    if (!s || (!x.max_bps && !x.min_bps)) return;
    x.select = *s;
    p.limits.push_back(std::move(x));
  });

  std::set<std::string> floor_ids;
  each_object(r, o, "floors", false, lim.max_list, "floors", [&](Obj& f, std::size_t) {
    Floor x;
    x.meta = read_meta(r, f, &floor_ids);
    auto s = f.get("select", true, sel);
    x.min_months = f.get("min_months", false, [&](const Node& n, const std::string& path) { return r.decimal(n, path); });
    x.min_value = f.get("min_value", false, [&](const Node& n, const std::string& path) { return r.decimal(n, path); });
    if (!f.opt("min_months") && !f.opt("min_value"))
      r.error(code::field_missing, f.at("min_months"), "a floor needs \"min_months\" or \"min_value\"");
    if (!s || (!x.min_months && !x.min_value)) return;
    x.select = *s;
    p.floors.push_back(std::move(x));
  });

  std::set<std::string> backing_ids;
  each_object(r, o, "backing", false, lim.max_list, "backing rules", [&](Obj& b, std::size_t) {
    Backing x;
    x.meta = read_meta(r, b, &backing_ids);
    auto s = b.get("select", true, sel);
    auto l = b.get("liability", true, [&](const Node& n, const std::string& path) { return r.id(n, path); });
    auto m = b.get("min_ratio_bps", true,
                   [&](const Node& n, const std::string& path) { return r.bps(n, path, 0, 1000000000); });
    if (!s || !l || !m) return;
    x.select = *s;
    x.liability = *l;
    x.min_ratio_bps = *m;
    p.backing.push_back(std::move(x));
  });

  auto allow_list = [&](std::string_view key, bool addresses) -> std::optional<Threshold<std::vector<std::string>>> {
    const Node* n = o.opt(key);
    if (!n) return std::nullopt;
    Obj a(r, *n, o.at(key));
    if (!a.ok()) return std::nullopt;
    Threshold<std::vector<std::string>> t;
    t.meta = read_meta(r, a);
    const Node* list = a.req("allow");
    if (!list) return std::nullopt;
    each_item(r, *list, a.at("allow"), lim.max_list, "allow-list entries", [&](const Node& e, const std::string& path) {
      auto v = addresses ? r.address(e, path) : r.selector(e, path);
      if (v) t.value.push_back(*v);
    });
    return t;
  };
  p.assets_allow = allow_list("assets", false);
  p.recipients_allow = allow_list("recipients", true);

  if (const Node* ex = o.opt("execution")) {
    Obj e(r, *ex, o.at("execution"));
    if (e.ok()) {
      Execution& x = p.execution;
      auto value = [&](const Node& n, const std::string& path) { return r.decimal(n, path); };
      auto boolean = [&](const Node& n, const std::string& path) { return r.boolean(n, path); };
      auto hours = [&](const Node& n, const std::string& path) { return r.hours(n, path); };
      if (const Node* vn = e.opt("venues")) {
        Obj va(r, *vn, e.at("venues"));
        if (va.ok()) {
          Threshold<std::vector<std::string>> t;
          t.meta = read_meta(r, va);
          if (const Node* list = va.req("allow")) {
            each_item(r, *list, va.at("allow"), lim.max_list, "venue ids", [&](const Node& n, const std::string& path) {
              if (auto v = r.id(n, path)) t.value.push_back(*v);
            });
            x.venues_allow = std::move(t);
          }
        }
      }
      x.max_trade_value = read_threshold<Int>(r, e, "max_trade_value", value);
      x.max_proposal_value = read_threshold<Int>(r, e, "max_proposal_value", value);
      std::set<std::string> budget_ids;
      each_object(r, e, "budgets", false, lim.max_list, "budgets", [&](Obj& b, std::size_t) {
        Budget bu;
        bu.meta = read_meta(r, b, &budget_ids);
        auto w = b.get("window_hours", true, hours);
        auto m = b.get("max_value", true, value);
        if (!w || !m) return;
        bu.window_hours = *w;
        bu.max_value = *m;
        x.budgets.push_back(std::move(bu));
      });
      if (const Node* lb = e.opt("loss_budget")) {
        Obj l(r, *lb, e.at("loss_budget"));
        if (l.ok()) {
          LossBudget b;
          b.meta = read_meta(r, l);
          auto w = l.get("window_hours", true, hours);
          auto m = l.get("max_bps", true, bps);
          if (w && m) {
            b.window_hours = *w;
            b.max_bps = *m;
            x.loss_budget = std::move(b);
          }
        }
      }
      x.max_loss_bps = read_threshold<long long>(r, e, "max_loss_bps", bps);
      x.max_price_impact_bps = read_threshold<long long>(r, e, "max_price_impact_bps", bps);
      x.max_slippage_bps = read_threshold<long long>(r, e, "max_slippage_bps", bps);
      x.require_min_out = read_threshold<bool>(r, e, "require_min_out", boolean);
      x.max_pool_share_bps = read_threshold<long long>(r, e, "max_pool_share_bps", bps);
      x.max_oracle_deviation_bps = read_threshold<long long>(r, e, "max_oracle_deviation_bps", bps);
      x.cooldown_hours = read_threshold<long long>(r, e, "cooldown_hours", hours);
      x.rebalance_only = read_threshold<bool>(r, e, "rebalance_only", boolean);
    }
  }

  std::set<std::string> stress_ids;
  each_object(r, o, "stress", false, lim.max_stress, "stress scenarios", [&](Obj& s, std::size_t) {
    StressScenario x;
    x.meta = read_meta(r, s, &stress_ids);
    auto name = s.get("name", true, [&](const Node& n, const std::string& path) { return r.string(n, path); });
    each_object(r, s, "shocks", true, lim.max_list, "shocks", [&](Obj& sh, std::size_t) {
      auto se = sh.get("select", true, sel);
      auto c = sh.get("change_bps", true,
                      [&](const Node& n, const std::string& path) { return r.bps(n, path, -1000000, 1000000); });
      if (se && c) x.shocks.push_back(Shock{*se, *c});
    });
    if (const Node* ch = s.opt("check")) {
      each_item(r, *ch, s.at("check"), 4, "rule families", [&](const Node& n, const std::string& path) {
        static const std::map<std::string, Family> names = {{"targets", Family::Targets},
                                                            {"limits", Family::Limits},
                                                            {"floors", Family::Floors},
                                                            {"backing", Family::Backing}};
        auto it = n.kind == Node::Kind::String ? names.find(n.text) : names.end();
        if (it == names.end())
          r.error(code::value_range, path, "expected \"targets\", \"limits\", \"floors\" or \"backing\", got " + quote(n));
        else if (std::find(x.check.begin(), x.check.end(), it->second) == x.check.end())
          x.check.push_back(it->second);
      });
    } else {
      x.check = {Family::Limits, Family::Floors, Family::Backing};
    }
    if (!name) return;
    x.name = *name;
    p.stress.push_back(std::move(x));
  });
  return p;
}

// ---------------------------------------------------------------------------------------------
// Proposal

std::optional<Proposal> read_proposal(Reader& r, const Node& root, const Treasury* t, const TreasuryIndex* idx) {
  Obj o(r, root, "");
  if (!o.ok()) return std::nullopt;
  if (!check_kind(r, o, "proposal/1")) return std::nullopt;
  Proposal p;
  auto str = [&](const Node& n, const std::string& path) { return r.string(n, path); };
  if (auto v = o.get("id", false, str)) p.id = *v;
  if (auto v = o.get("title", false, str)) p.title = *v;
  o.opt("description");
  p.submitted_at = o.get("submitted_at", false, [&](const Node& n, const std::string& path) { return r.time(n, path); });

  auto asset_ref = [&](const Node& n, const std::string& path) -> std::optional<std::size_t> {
    auto id = r.id(n, path);
    if (!id || !idx) return id ? std::optional<std::size_t>(0) : std::nullopt;
    auto it = idx->assets.find(*id);
    if (it == idx->assets.end()) {
      r.error(code::ref_unknown_asset, path, "unknown asset " + quote(n) + ": every traded asset must be listed");
      return std::nullopt;
    }
    return it->second;
  };
  auto amount = [&](const Node& n, const std::string& path) { return r.amount(n, path); };

  each_object(r, o, "actions", true, r.limits().max_actions, "actions", [&](Obj& a, std::size_t i) {
    Action act;
    act.origin.path = "/proposal" + pointer_join("/actions", i);
    a.opt("note");
    const Node* type = a.req("type");
    if (!type) return;
    if (type->kind == Node::Kind::String && type->text == "swap") {
      SwapAction s;
      bool ok = true;
      auto venue = a.get("venue", true, [&](const Node& n, const std::string& path) -> std::optional<std::size_t> {
        auto id = r.id(n, path);
        if (!id || !idx) return id ? std::optional<std::size_t>(0) : std::nullopt;
        auto it = idx->venues.find(*id);
        if (it == idx->venues.end()) {
          r.error(code::ref_unknown_venue, path, "unknown venue " + quote(n));
          return std::nullopt;
        }
        return it->second;
      });
      auto sell = a.get("sell", true, asset_ref);
      auto buy = a.get("buy", true, asset_ref);
      auto in = a.get("amount_in", false, amount);
      auto out = a.get("amount_out", false, amount);
      auto min_out = a.get("min_amount_out", false, amount);
      auto max_in = a.get("max_amount_in", false, amount);
      bool has_in = a.opt("amount_in") != nullptr, has_out = a.opt("amount_out") != nullptr;
      if (has_in == has_out) {
        r.error(has_in ? code::value_range : code::field_missing, a.at(has_in ? "amount_out" : "amount_in"),
                "a swap states exactly one of \"amount_in\" (exact input) and \"amount_out\" (exact output)");
        ok = false;
      }
      if (has_in && a.opt("max_amount_in"))
        r.error(code::field_unknown, a.at("max_amount_in"), "\"max_amount_in\" goes with \"amount_out\", not \"amount_in\"");
      if (has_out && a.opt("min_amount_out"))
        r.error(code::field_unknown, a.at("min_amount_out"), "\"min_amount_out\" goes with \"amount_in\", not \"amount_out\"");
      if (!venue || !sell || !buy || (!in && !out) || !ok) return;
      s.venue = *venue;
      s.sell = *sell;
      s.buy = *buy;
      s.exact_in = has_in;
      s.amount = has_in ? *in : *out;
      s.bound = has_in ? min_out : max_in;
      if (idx && t) {
        if (s.sell == s.buy) {
          r.error(code::value_range, a.at("buy"), "a swap must buy a different asset than it sells");
          return;
        }
        const Venue& v = t->venues[s.venue];
        auto in_venue = [&](std::size_t asset) {
          return v.tokens.empty() || std::find(v.tokens.begin(), v.tokens.end(), asset) != v.tokens.end();
        };
        for (auto [key, asset] : {std::pair<const char*, std::size_t>{"sell", s.sell}, {"buy", s.buy}}) {
          if (!in_venue(asset)) {
            r.error(code::ref_not_in_venue, a.at(key),
                    "venue " + quote(std::string_view(v.id)) + " does not trade " + quote(std::string_view(t->assets[asset].id)));
            return;
          }
        }
        if (std::holds_alternative<LimitOrderVenue>(v.state) && !a.opt(has_in ? "min_amount_out" : "max_amount_in")) {
          r.error(code::field_missing, a.at(has_in ? "min_amount_out" : "max_amount_in"),
                  "a limit_order venue fills at the stated bound: \"" +
                      std::string(has_in ? "min_amount_out" : "max_amount_in") + "\" is required");
          return;
        }
      }
      act.op = std::move(s);
    } else if (type->kind == Node::Kind::String && type->text == "transfer") {
      auto as = a.get("asset", true, asset_ref);
      auto am = a.get("amount", true, amount);
      auto to = a.get("to", true, [&](const Node& n, const std::string& path) { return r.address(n, path); });
      if (!as || !am || !to) return;
      act.op = TransferAction{*as, *am, *to};
    } else {
      r.error(code::value_range, a.at("type"), "expected action type \"swap\" or \"transfer\", got " + quote(*type));
      return;
    }
    p.actions.push_back(std::move(act));
  });

  std::set<std::string> claim_ids;
  each_object(r, o, "allocation", false, r.limits().max_list, "allocation claims", [&](Obj& c, std::size_t) {
    AllocationClaim x;
    x.meta = read_meta(r, c, &claim_ids);
    auto s = c.get("select", true, [&](const Node& n, const std::string& path) { return r.selector(n, path); });
    auto w = c.get("weight_bps", true, [&](const Node& n, const std::string& path) { return r.bps(n, path); });
    auto tol = c.get("tolerance_bps", false, [&](const Node& n, const std::string& path) { return r.bps(n, path); });
    if (!s || !w) return;
    x.select = *s;
    x.weight_bps = *w;
    x.tolerance_bps = tol.value_or(0);
    p.allocation.push_back(std::move(x));
  });
  return p;
}

// Checks between policy and treasury: numeraire, obligations the rules need.
void cross_check(Reader& r, const Policy& p, const Treasury& t) {
  if (!p.numeraire.empty() && p.numeraire != t.numeraire)
    r.error(code::ref_numeraire_mismatch, "/numeraire",
            "policy numeraire " + quote(p.numeraire) + " differs from the treasury's " + quote(t.numeraire));
  for (std::size_t i = 0; i < p.floors.size(); ++i) {
    if (p.floors[i].min_months && !t.monthly_opex)
      r.error(code::ref_missing_obligation, pointer_join("/floors", i) + "/min_months",
              "a runway floor needs the treasury's obligations.monthly_opex");
  }
  for (std::size_t i = 0; i < p.backing.size(); ++i) {
    if (!t.liabilities.count(p.backing[i].liability))
      r.error(code::ref_unknown_liability, pointer_join("/backing", i) + "/liability",
              "unknown liability " + quote(p.backing[i].liability) + " (not in the treasury's obligations.liabilities)");
  }
}

std::unique_ptr<Node> parse_doc(std::string_view text, const std::string& doc, const CheckLimits& lim, Diagnostics& d) {
  return parse_json(text, doc, ParseLimits{lim.max_bytes, lim.max_depth}, d);
}

// Reads the three document trees into a case, with each document's errors under its own name.
Parsed<Case> build_case(const Node* policy, const Node* treasury, const Node* proposal, const CheckLimits& lim,
                        Diagnostics& d) {
  Parsed<Case> out;
  Reader rt(d, "treasury", lim), rp(d, "policy", lim), rq(d, "proposal", lim);
  TreasuryIndex idx;
  std::optional<Treasury> t;
  std::optional<Policy> p;
  std::optional<Proposal> q;
  if (treasury) t = read_treasury(rt, *treasury, idx);
  if (policy) p = read_policy(rp, *policy);
  if (proposal) q = read_proposal(rq, *proposal, t ? &*t : nullptr, t ? &idx : nullptr);
  if (p && t) cross_check(rp, *p, *t);
  if (d.empty() && p && t && (q || !proposal)) {
    out.value = Case{std::move(*p), std::move(*t), q ? std::move(*q) : Proposal{}};
  }
  out.errors = d.take();
  sort_diagnostics(out.errors);
  if (!out.errors.empty()) out.value.reset();
  return out;
}

}  // namespace

Parsed<Case> parse_documents(std::string_view policy_json, std::string_view treasury_json,
                             std::string_view proposal_json, const CheckLimits& limits) {
  Diagnostics d;
  auto p = parse_doc(policy_json, "policy", limits, d);
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  auto q = parse_doc(proposal_json, "proposal", limits, d);
  return build_case(p.get(), t.get(), q.get(), limits, d);
}

Parsed<Case> parse_status_documents(std::string_view policy_json, std::string_view treasury_json,
                                    const CheckLimits& limits) {
  Diagnostics d;
  auto p = parse_doc(policy_json, "policy", limits, d);
  auto t = parse_doc(treasury_json, "treasury", limits, d);
  return build_case(p.get(), t.get(), nullptr, limits, d);
}

Parsed<Case> parse_case(std::string_view case_json, const CheckLimits& limits) {
  Diagnostics d;
  auto root = parse_doc(case_json, "case", limits, d);
  if (!root) {
    Parsed<Case> out;
    out.errors = d.take();
    return out;
  }
  Reader r(d, "case", limits);
  const Node *p = nullptr, *t = nullptr, *q = nullptr;
  {
    Obj o(r, *root, "");
    if (o.ok() && check_kind(r, o, "case/1")) {
      o.opt("name");
      o.opt("description");
      p = o.req("policy");
      t = o.req("treasury");
      q = o.req("proposal");
    }
  }
  Parsed<Case> out = build_case(p, t, q, limits, d);
  if (!p || !t || !q) out.value.reset();
  return out;
}

Validation validate_document(std::string_view json, const CheckLimits& limits) {
  Validation v;
  Diagnostics d;
  auto root = parse_doc(json, "document", limits, d);
  if (!root) {
    v.errors = d.take();
    return v;
  }
  const Node* k = root->kind == Node::Kind::Object ? root->find("ballast") : nullptr;
  if (k && k->kind == Node::Kind::String) v.kind = k->text;
  if (v.kind == "case/1") {
    auto c = parse_case(json, limits);
    v.errors = std::move(c.errors);
    return v;
  }
  const auto& kinds = document_kinds();
  bool known = std::find(kinds.begin(), kinds.end(), v.kind) != kinds.end();
  Reader r(d, known ? v.kind.substr(0, v.kind.find('/')) : "document", limits);
  if (v.kind == "policy/1") {
    read_policy(r, *root);
  } else if (v.kind == "treasury/1") {
    TreasuryIndex idx;
    read_treasury(r, *root, idx);
  } else if (v.kind == "proposal/1") {
    read_proposal(r, *root, nullptr, nullptr);
  } else if (v.kind == "report/1") {
    // Reports are output: only their JSON is checked.
  } else if (!k) {
    r.error(root->kind == Node::Kind::Object ? code::field_missing : code::type_mismatch,
            root->kind == Node::Kind::Object ? "/ballast" : "",
            root->kind == Node::Kind::Object ? "missing required field \"ballast\" (the document kind)"
                                             : "expected a document object, got " + quote(*root));
  } else if (k->kind != Node::Kind::String) {
    r.error(code::type_mismatch, "/ballast", "expected a document kind string, got " + quote(*k));
  } else {
    r.error(code::kind_unknown, "/ballast", "unknown document kind " + quote(*k));
  }
  v.errors = d.take();
  sort_diagnostics(v.errors);
  return v;
}

}  // namespace ballast
