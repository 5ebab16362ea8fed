// Bounded cost: the heaviest valid input the limits of the README, Documents, arithmetic and errors allow (10 000 assets,
// 1 000 actions, 20 000 initialized ticks per v3 pool, 100 stress scenarios, 1 000 venues) is
// checked to the end, and one step past a limit is a clear `limit.too_large` error. These tests
// assert that the check finishes with a verdict, not how fast: the time and memory are measured
// in bench/ (see the README's performance section).
#include "ballast/ballast.h"
#include "workload.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ballast;
using nlohmann::json;

TEST_CASE("the heaviest valid case is checked to a verdict", "[bounded]") {
  const workload::Shape shape = workload::pathological();
  const std::string text = workload::case_json(shape);
  const json c = json::parse(text);
  REQUIRE(c["treasury"]["assets"].size() == 10000);
  REQUIRE(c["proposal"]["actions"].size() == 1000);
  REQUIRE(c["treasury"]["venues"].size() == 1000);
  REQUIRE(c["policy"]["stress"].size() == 100);
  std::size_t max_ticks = 0;
  for (const auto& v : c["treasury"]["venues"])
    if (v.contains("ticks")) max_ticks = std::max(max_ticks, v["ticks"].size());
  REQUIRE(max_ticks == 20000);

  const json report = json::parse(check_json(text));
  CHECK(report["errors"].empty());
  CHECK((report["verdict"] == "pass" || report["verdict"] == "fail"));
  CHECK(report["actions"].size() == 1000);
  CHECK(report["stress"].size() == 100);
  CHECK(report["after"]["assets"].size() == 10000);
}

TEST_CASE("one step past a limit is limit.too_large, found without evaluating", "[bounded]") {
  workload::Shape shape = workload::large();
  shape.assets = 10001;
  shape.actions = 10;
  const json report = json::parse(check_json(workload::case_json(shape)));
  REQUIRE(report["verdict"] == "error");
  bool found = false;
  for (const auto& e : report["errors"])
    found = found || (e["code"] == "limit.too_large" && e["document"] == "treasury" && e["path"] == "/assets");
  CHECK(found);

  shape = workload::large();
  shape.ticks_per_pool = 20002;
  shape.v3_pools = 1;
  const json ticks = json::parse(check_json(workload::case_json(shape)));
  REQUIRE(ticks["verdict"] == "error");
  CHECK(ticks["errors"][0]["code"] == "limit.too_large");
  CHECK(ticks["errors"][0]["document"] == "treasury");
  CHECK(ticks["errors"][0]["path"] == "/venues/30/ticks");
}
