// Simulation without rules (ballast/sim.h): copy a market, apply a batch, read the outcomes.
#include "ballast/ballast.h"
#include "ballast/sim.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#ifndef __EMSCRIPTEN__
#include <thread>
#endif

using namespace ballast;

namespace {

Case endowment_compliant() {
  const std::string dir = "examples/endowment/";
  auto parsed = parse_documents(ballast_test::read_source_file(dir + "policy.json"),
                                ballast_test::read_source_file(dir + "treasury.json"),
                                ballast_test::read_source_file(dir + "proposal-compliant.json"));
  REQUIRE(parsed.value);
  return *parsed.value;
}

// Applies the whole batch to `m`; the outcomes in order.
std::vector<ActionOutcome> apply_all(const Case& c, MarketState& m) {
  std::vector<ActionOutcome> out;
  for (const Action& a : c.proposal.actions) out.push_back(apply_action(c.treasury, m, a));
  return out;
}

}  // namespace

TEST_CASE("a batch applied to a market gives the evaluator's after balances and swap amounts", "[sim]") {
  const Case c = endowment_compliant();
  MarketState m = MarketState::of(c.treasury);
  const auto outcomes = apply_all(c, m);
  const Report r = evaluate(c);
  REQUIRE(r.after);
  for (std::size_t i = 0; i < c.treasury.assets.size(); ++i) CHECK(m.balances[i] == r.after->assets[i].balance);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    REQUIRE(outcomes[i].ok);
    if (!outcomes[i].swap) continue;
    const auto& sf = std::get<SwapFigures>(r.actions[i].figures);
    const SwapResult& res = outcomes[i].swap->result;
    CHECK(*sf.expected == (sf.exact_in ? res.amount_out : res.amount_in));
  }
}

TEST_CASE("a market copy is a fork: the original is untouched, and copies agree, also on other threads", "[sim]") {
  const Case c = endowment_compliant();
  const MarketState start = MarketState::of(c.treasury);
  MarketState a = start, b = start;
  apply_all(c, a);
  CHECK(start.balances == MarketState::of(c.treasury).balances);
#ifdef __EMSCRIPTEN__
  apply_all(c, b);  // the WebAssembly build has no threads
#else
  std::vector<ActionOutcome> on_thread;
  std::thread t([&] { on_thread = apply_all(c, b); });
  t.join();
  REQUIRE(on_thread.size() == c.proposal.actions.size());
#endif
  CHECK(a.balances == b.balances);
}

TEST_CASE("an action that cannot execute leaves the market as it was", "[sim]") {
  Case c = endowment_compliant();
  MarketState m = MarketState::of(c.treasury);
  for (Action& a : c.proposal.actions)
    if (auto* s = std::get_if<SwapAction>(&a.op)) s->amount = two_pow_256();  // more than any balance
  const MarketState before = m;
  const ActionOutcome o = apply_action(c.treasury, m, c.proposal.actions[0]);
  CHECK_FALSE(o.ok);
  CHECK_FALSE(o.failure.empty());
  CHECK(m.balances == before.balances);
}
