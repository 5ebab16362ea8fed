// The incremental valuation (core/src/sim/valuation.h): a snapshot moved by set_values (each
// selector's sum moved once by the total change of its assets, in it and in a twin) and one moved
// by set_value one asset at a time must hold the same values, and every selector's sum must be the
// plain sum of its members' values, recomputed here apart — at every size of value and change, up
// to far beyond 2^127, and through restore back to the start.
#include "../../core/src/sim/valuation.h"

#include <catch2/catch.hpp>

#include <random>

using namespace ballast;

TEST_CASE("set_values moves values and selector sums exactly, at every size of value and change", "[valuation]") {
  std::mt19937_64 rng(20261201);
  auto below = [&](std::uint64_t n) { return rng() % n; };
  auto value_of_bits = [&](unsigned bits) {  // a random value of about `bits` bits
    Int v = 0;
    for (unsigned b = 0; b < bits; b += 64) v = (v << 64) + Int(rng());
    return v >> static_cast<unsigned>(((bits + 63) / 64) * 64 - bits);
  };
  long long large = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Asset> assets(static_cast<std::size_t>(4 + below(30)));
    std::vector<Int> balances, prices;
    for (std::size_t i = 0; i < assets.size(); ++i) {
      assets[i].id = "A" + std::to_string(i);
      assets[i].chain = i % 2 ? "ethereum" : "base";
      for (int t = 0; t < 4; ++t)
        if (below(2)) assets[i].tags.push_back("t" + std::to_string(t));
      balances.push_back(value_of_bits(static_cast<unsigned>(1 + below(200))));
      prices.push_back(value_of_bits(static_cast<unsigned>(1 + below(80))));
    }
    Policy policy;
    for (const char* sel : {"t0", "t1", "t2", "t3", "*", "chain:base", "asset:A1"}) policy.targets.push_back(Target{sel, 0, 0, {}});
    const sim::Book book(assets, policy, Proposal{});
    const sim::Snapshot start(book, balances, prices);
    sim::Snapshot batch = start, twin = start, one_by_one = start;
    std::vector<std::pair<std::size_t, Int>> changes;
    const bool crowd = round % 3 == 0;  // many large rises in the same selectors
    for (std::size_t i = 0; i < assets.size(); ++i) {
      if (below(3) == 0) continue;
      Int v = crowd ? Int(start.values()[i] + (Int(1) << 126) + value_of_bits(100))
                    : below(5) == 0 ? start.values()[i] : value_of_bits(static_cast<unsigned>(1 + below(260)));
      if (v > start.values()[i]) large += (v - start.values()[i]) >= (Int(1) << 127) || crowd;
      changes.emplace_back(i, v);
    }
    batch.set_values(changes, &twin);
    for (const auto& [i, v] : changes) one_by_one.set_value(i, v);
    REQUIRE(batch.values() == one_by_one.values());
    REQUIRE(twin.values() == one_by_one.values());
    Int nav = 0;
    for (const Int& v : one_by_one.values()) nav += v;
    CHECK(batch.nav() == nav);
    CHECK(twin.nav() == nav);
    CHECK(one_by_one.nav() == nav);
    for (const Target& t : policy.targets) {
      Int sum = 0;
      for (std::size_t i = 0; i < assets.size(); ++i)
        if (sim::matches(assets[i], t.select)) sum += one_by_one.values()[i];
      INFO("round " << round << ", selector " << t.select);
      CHECK(batch.value(t.select) == sum);
      CHECK(twin.value(t.select) == sum);
      CHECK(one_by_one.value(t.select) == sum);
    }
    // restore puts every moved asset and sum back
    std::vector<std::size_t> moved;
    for (const auto& c : changes) moved.push_back(c.first);
    batch.restore(start, moved);
    CHECK(batch.values() == start.values());
    CHECK(batch.nav() == start.nav());
    for (const Target& t : policy.targets) CHECK(batch.value(t.select) == start.value(t.select));
  }
  CHECK(large >= 100);  // changes beyond 128 bits were exercised
}
