#include "ballast/json.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace ballast;

namespace {
std::vector<Diagnostic> errors_of(const std::string& text, std::size_t depth = 64) {
  Diagnostics d;
  parse_json(text, "case", ParseLimits{1 << 20, depth}, d);
  return d.take();
}
}  // namespace

TEST_CASE("numbers keep their source text", "[json]") {
  Diagnostics d;
  auto n = parse_json(R"({"a": 1e300, "b": 123456789012345678901234567890, "c": -5, "d": 0.1})", "case", {}, d);
  REQUIRE(n);
  CHECK(d.empty());
  CHECK(n->find("a")->text == "1e300");
  CHECK(n->find("b")->text == "123456789012345678901234567890");
  CHECK(n->find("c")->text == "-5");
  CHECK(n->find("d")->text == "0.1");
  CHECK(n->find("a")->kind == Node::Kind::Number);
}

TEST_CASE("numbers beyond the range of the lexer are syntax errors", "[json]") {
  auto e = errors_of(R"({"balance": 1e400})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "json.syntax");
  CHECK(e[0].path == "/balance");
}

TEST_CASE("duplicate keys are reported with their pointer", "[json]") {
  auto e = errors_of(R"({"policy": {"limits": [{"select": "a", "select": "b"}]}, "x": 1, "x": 2})");
  REQUIRE(e.size() == 2);
  CHECK(e[0].code == "json.duplicate_key");
  CHECK(e[0].path == "/policy/limits/0/select");
  CHECK(e[1].path == "/x");
}

TEST_CASE("values under nested duplicate keys are parsed and dropped safely", "[json]") {
  std::string text = R"({"a": {"x": 1}, "a": {"b": {"c": [1, 2]}, "b": {"d": [{"e": 1}, {"e": 2, "e": 3}]}}, "z": 5})";
  Diagnostics d;
  auto n = parse_json(text, "case", {}, d);
  REQUIRE(n);
  std::vector<std::string> paths;
  for (const auto& e : d.list()) paths.push_back(e.path);
  CHECK(paths == std::vector<std::string>{"/a", "/a/b", "/a/b/d/1/e"});
  REQUIRE(n->find("a"));
  CHECK(n->find("a")->find("x")->text == "1");  // the first occurrence is kept
  CHECK(n->find("z")->text == "5");
}

TEST_CASE("nesting is bounded without recursion", "[json]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto e = errors_of(deep);
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "limit.too_large");
  auto ok = errors_of(std::string(64, '[') + std::string(64, ']'));
  CHECK(ok.empty());
  auto over = errors_of(std::string(65, '[') + std::string(65, ']'));
  REQUIRE(over.size() == 1);
  CHECK(over[0].code == "limit.too_large");
}

TEST_CASE("syntax errors: empty, truncated, invalid UTF-8, trailing data", "[json]") {
  for (std::string bad : {std::string(""), std::string("{\"a\": "), std::string("{\"a\": \"\xff\"}"),
                          std::string("{} x"), std::string("{'a': 1}"), std::string("[1,]")}) {
    INFO(bad);
    auto e = errors_of(bad);
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "json.syntax");
    CHECK(e[0].message.find("invalid JSON at byte") == 0);
    // Messages never carry raw non-ASCII bytes.
    for (char c : e[0].message) CHECK(static_cast<unsigned char>(c) < 0x80);
  }
}

TEST_CASE("document size is bounded", "[json]") {
  Diagnostics d;
  auto n = parse_json(std::string(100, ' ') + "{}", "policy", ParseLimits{50, 64}, d);
  CHECK_FALSE(n);
  REQUIRE(d.size() == 1);
  CHECK(d.list()[0].code == "limit.too_large");
  CHECK(d.list()[0].document == "policy");
}

TEST_CASE("quote renders values for one-line messages", "[json]") {
  Node s;
  s.kind = Node::Kind::String;
  s.text = "a\"b\n";
  CHECK(quote(s) == R"("a\"b\n")");
  Node arr;
  arr.kind = Node::Kind::Array;
  CHECK(quote(arr) == "an array");
  CHECK(quote(std::string(100, 'x')).size() == 80 + 2 + 3);
}

TEST_CASE("strings are escaped as the JSON library writes them, ill-formed UTF-8 included", "[json]") {
  // nlohmann::json's dump (no ASCII escaping, error_handler_t::replace) is the independent judge,
  // on random byte strings drawn to reach every branch: ASCII, quotes, backslashes, control and DEL
  // bytes, well-formed two- to four-byte sequences, and ill-formed ones (overlong, surrogate, above
  // U+10FFFF, stray continuation, truncated, invalid lead bytes), at the end of the string too.
  const std::vector<std::string> pieces = {
      "a", "Z", " ", "/", "\"", "\\", "\b", "\f", "\n", "\r", "\t", std::string(1, '\0'), "\x01", "\x1f", "\x7f",
      "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x99\x82", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80",
      "\xc0\xaf", "\xc1", "\xe0\x80\xaf", "\xe0\x9f", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
      "\xf5", "\xff", "\x80", "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x99", "\xf1\x80", "\xe1"};
  auto judge = [](const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  for (const auto& p : pieces) CHECK(escape_json_string(p) == judge(p));
  std::mt19937_64 rng(1603);
  int replaced = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    const int n = static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      if (rng() % 4 == 0) s += static_cast<char>(rng() % 256);  // any byte
      else s += pieces[rng() % pieces.size()];
    }
    const std::string theirs = judge(s);
    INFO("bytes: " << escape_json_string(s));
    REQUIRE(escape_json_string(s) == theirs);
    replaced += theirs.find("\xef\xbf\xbd") != std::string::npos;
  }
  CHECK(replaced > 5000);
}

TEST_CASE("json pointers sort numerically and escape tokens", "[json]") {
  CHECK(compare_pointers("/policy/limits/2", "/policy/limits/10") < 0);
  CHECK(compare_pointers("/policy/limits/10", "/policy/limits/2") > 0);
  CHECK(compare_pointers("/policy", "/policy/limits") < 0);
  CHECK(compare_pointers("/policy/x", "/proposal/actions/0") < 0);
  CHECK(compare_pointers("/policy/limits/10", "/policy/limits/10") == 0);
  CHECK(compare_pointers("", "") == 0);
  CHECK(compare_pointers("", "/") < 0);                 // no token before one empty token
  CHECK(compare_pointers("/", "/a") < 0);               // "" < "a"
  CHECK(compare_pointers("/a//b", "/a/b") < 0);         // an empty token sorts first
  CHECK(compare_pointers("/a/9", "/a/10x") > 0);        // not both indices: as text
  CHECK(compare_pointers("/a/10/b", "/a/10/a/z") > 0);  // decided at the first differing token
  CHECK(compare_pointers("/a/10/a/z", "/a/10/a") > 0);  // a longer pointer after its prefix
  CHECK(pointer_join("/a", "b/c~d") == "/a/b~1c~0d");
}

namespace {

// Our tree against the JSON library's for an accepted document: the same shape, member order,
// strings and literals; numbers as written (the library's integers re-serialised).
bool same_tree(const Node& n, const nlohmann::ordered_json& j) {
  switch (n.kind) {
    case Node::Kind::Null: return j.is_null();
    case Node::Kind::Bool: return j.is_boolean() && (n.text == "true") == j.get<bool>();
    case Node::Kind::String: return j.is_string() && j.get<std::string>() == n.text;
    case Node::Kind::Number:
      return j.is_number() && (j.is_number_float() || j.dump() == n.text);
    case Node::Kind::Array:
      if (!j.is_array() || j.size() != n.items.size()) return false;
      for (std::size_t i = 0; i < n.items.size(); ++i)
        if (!same_tree(n.items[i], j[i])) return false;
      return true;
    case Node::Kind::Object: {
      if (!j.is_object() || j.size() != n.members.size()) return false;
      std::size_t i = 0;
      for (auto it = j.begin(); it != j.end(); ++it, ++i)
        if (it.key() != n.members[i].first || !same_tree(n.members[i].second, it.value())) return false;
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("the parser accepts and rejects what the JSON library does, on mutated documents", "[json]") {
  // The examples' documents, each mutated by one to three byte edits (deletions, insertions and
  // replacements with JSON's significant characters, escapes, stray UTF-8 and control bytes);
  // nlohmann::json is the independent judge. Duplicate keys are the one deliberate difference
  // (the library keeps the last; Ballast reports them), so documents with one are compared on
  // syntax alone.
  std::vector<std::string> sources;
  for (const char* f : {"examples/endowment/policy.json", "examples/endowment/treasury.json",
                        "examples/endowment/proposal-violating.json", "examples/grants-dao/treasury.json"})
    sources.push_back(ballast_test::read_source_file(f));
  sources.push_back(R"({"s": "a\u00e9\ud83d\ude00\n\t\"\\\/", "n": [-0, 0.5e-3, 1E+2, -12345678901234567890123], "t": [true, false, null]})");
  const std::string alphabet = "{}[]\",:\\/0123456789eE.-+tfnrulsabx \n\t\x01\x1f\x7f\xc3\xa9\xed\xa0\xf0\x9f\xff";
  std::mt19937_64 rng(8259);
  int accepted = 0, rejected = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string text = sources[rng() % sources.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(text.begin() + static_cast<long>(at), c); break;
        default: text[at] = c;
      }
    }
    Diagnostics d;
    const auto ours = parse_json(text, "case", {}, d);
    bool duplicate = false, syntax = false;
    for (const auto& diag : d.list()) (diag.code == "json.duplicate_key" ? duplicate : syntax) = true;
    const auto theirs = nlohmann::ordered_json::parse(text, nullptr, false);
    INFO("document: " << text);
    REQUIRE((ours != nullptr && !syntax) == !theirs.is_discarded());
    if (ours && !duplicate) REQUIRE(same_tree(*ours, theirs));
    (ours ? accepted : rejected) += 1;
  }
  CHECK(accepted > 1000);
  CHECK(rejected > 1000);
}

TEST_CASE("numbers at the edge of binary64's range", "[json]") {
  // 2^1024 - 2^970 is the least value binary64 rounds to infinity; the JSON library rejects it and
  // everything beyond, and accepts everything below, however written.
  const std::string t = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
  const std::string below = t.substr(0, t.size() - 1) + "1";
  for (const std::string& number : std::vector<std::string>{t, "-" + t, t + ".0", "1.7976931348623158079e308", "17976931348623158079e289", below,
                                    "1.7976931348623157e308", "1e308", "1e309", "0.00001e313", "1e-400", "0e999999999"}) {
    INFO(number);
    Diagnostics d;
    const bool ours = parse_json("[" + number + "]", "case", {}, d) != nullptr;
    CHECK(ours == !nlohmann::json::parse("[" + number + "]", nullptr, false).is_discarded());
  }
}
