#include "ballast/json.h"

#include <catch2/catch.hpp>

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

TEST_CASE("json pointers sort numerically and escape tokens", "[json]") {
  CHECK(compare_pointers("/policy/limits/2", "/policy/limits/10") < 0);
  CHECK(compare_pointers("/policy/limits/10", "/policy/limits/2") > 0);
  CHECK(compare_pointers("/policy", "/policy/limits") < 0);
  CHECK(compare_pointers("/policy/x", "/proposal/actions/0") < 0);
  CHECK(pointer_join("/a", "b/c~d") == "/a/b~1c~0d");
}
