#!/usr/bin/env python3
"""Writes the planner's conformance cases (tests/plan/cases/*.json): a policy, a treasury, the plan
options, and what the plan must say (status, exit code, the rules named in `unreached`, tranche
counts). One case per status and per bad input of the planner issue; tests/cli/run_cli_tests.py
runs each through `ballast plan`, validates the output against plan.schema.json and checks every
tranche with `ballast check` against the state the earlier ones leave.

Run from the repository root: python3 tests/plan/generate.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def treasury(weth="1000", usdc="1000000", pools=None, history=None, price_weth="3000"):
    """WETH and USDC (plus an untargeted governance token), one Uniswap v2 pool near the oracle."""
    t = {
        "ballast": "treasury/1", "as_of": "2026-11-20T00:00:00Z", "numeraire": "USD",
        "assets": [
            {"id": "WETH", "chain": "ethereum", "decimals": 18, "balance": str(int(float(weth) * 10**18)),
             "price": price_weth, "tags": ["eth"]},
            {"id": "USDC", "chain": "ethereum", "decimals": 6, "balance": str(int(float(usdc) * 10**6)),
             "price": "1", "tags": ["stable"]},
            {"id": "GOV", "chain": "ethereum", "decimals": 18, "balance": str(10**21), "price": "2", "tags": ["governance"]},
        ],
        "venues": pools if pools is not None else [
            {"id": "v2", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
             "reserve0": str(30_000_000 * 10**6), "reserve1": str(10_000 * 10**18), "fee_bps": 30},
            {"id": "v2-thin", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
             "reserve0": str(3_000_000 * 10**6), "reserve1": str(1_000 * 10**18), "fee_bps": 5},
        ],
    }
    if history:
        t["history"] = history
    return t


def policy(targets=None, execution=None, **extra):
    p = {"ballast": "policy/1", "name": "planner case", "numeraire": "USD",
         "targets": targets if targets is not None else [
             {"select": "eth", "weight_bps": 5000, "band_bps": 500},
             {"select": "stable", "weight_bps": 5000, "band_bps": 500}],
         "execution": execution if execution is not None else {"max_slippage_bps": 50}}
    p.update(extra)
    return p


def case(name, pol, tre, expect, options=None):
    doc = {"policy": pol, "treasury": tre, "options": options or {}, "expect": expect}
    with open(os.path.join(HERE, "cases", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def main():
    os.makedirs(os.path.join(HERE, "cases"), exist_ok=True)
    # 3,000,000 in WETH against 1,000,000 in USDC (plus 2,000 of GOV): ETH far above its band.
    heavy = treasury()
    case("complete-edge", policy(), heavy, {"status": "complete", "exit": 0, "tranches": [1, 1]})
    # goal target: within 1 bp of each weight (no untargeted holding, which would make it impossible)
    no_gov = copy.deepcopy(heavy)
    no_gov["assets"][2]["balance"] = "0"
    case("complete-target", policy(), no_gov, {"status": "complete", "exit": 0, "tranches": [1, 3]}, {"goal": "target"})
    case("partial-target-untargeted-holding", policy(), heavy, {"status": "partial", "exit": 1, "tranches": [1, 3],
                                                                 "unreached_rules": ["target.drift"]}, {"goal": "target"})
    case("not-needed-in-band", policy(), treasury(weth="333", usdc="1000000"), {"status": "not_needed", "exit": 0, "tranches": [0, 0]})
    case("not-needed-no-targets", policy(targets=[]), heavy, {"status": "not_needed", "exit": 0, "tranches": [0, 0]})
    # Per-swap caps leave the goal for later tranches, a day apart with the cooldown.
    case("tranches-cooldown", policy(execution={"max_trade_value": "150000", "max_slippage_bps": 50, "cooldown_hours": 24}),
         heavy, {"status": "complete", "exit": 0, "tranches": [3, 20], "gap_hours": 24})
    # A rolling budget: the next tranche when the window frees.
    case("tranches-budget", policy(execution={"budgets": [{"window_hours": 168, "max_value": "400000"}], "max_slippage_bps": 50}),
         heavy, {"status": "complete", "exit": 0, "tranches": [2, 20], "gap_hours": 168})
    # A cooldown running at the start: tranche 1 waits for it.
    case("cooldown-running", policy(execution={"cooldown_hours": 48, "max_slippage_bps": 50}),
         treasury(history=[{"at": "2026-11-19T12:00:00Z", "kind": "swap", "value": "1000"}]),
         {"status": "complete", "exit": 0, "tranches": [1, 1], "first_not_before": "2026-11-21T12:00:00Z"})
    # Twenty tranches of a tiny cap do not get there: partial, with the rule that stops it.
    case("partial-trade-cap", policy(execution={"max_trade_value": "5000", "max_slippage_bps": 50}),
         heavy, {"status": "partial", "exit": 1, "tranches": [20, 20]})
    # No venue on the allowlist trades the pair.
    case("infeasible-no-venue", policy(execution={"venues": {"allow": ["elsewhere"]}}), heavy,
         {"status": "infeasible", "exit": 1, "tranches": [0, 0], "unreached_rules": ["target.drift"]})
    # The only pool is empty.
    empty = [{"id": "empty", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH", "reserve0": "0", "reserve1": "0", "fee_bps": 30}]
    case("infeasible-empty-pool", policy(), treasury(pools=empty),
         {"status": "infeasible", "exit": 1, "tranches": [0, 0], "unreached_rules": ["target.drift"]})
    # A manipulated pool (20 % off the oracle) is skipped under an oracle-deviation limit.
    skewed = [{"id": "skewed", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
               "reserve0": str(36_000_000 * 10**6), "reserve1": str(10_000 * 10**18), "fee_bps": 30}]
    case("infeasible-manipulated-pool", policy(execution={"max_oracle_deviation_bps": 200}), treasury(pools=skewed),
         {"status": "infeasible", "exit": 1, "tranches": [0, 0]})
    # A floor on the stables that selling ETH cannot breach, and a cap on ETH the sale helps.
    case("limits-and-floors", policy(limits=[{"select": "eth", "max_bps": 6500}],
                                     floors=[{"select": "stable", "min_value": "500000"}]),
         heavy, {"status": "complete", "exit": 0, "tranches": [1, 1]})
    # A floor that contradicts a target: the stables are over their band, but the floor keeps most
    # of them; the plan sells down to the floor and says the floor stops it.
    case("floor-contradicts-target", policy(floors=[{"select": "stable", "min_value": "2500000"}]),
         treasury(weth="100", usdc="3000000"),
         {"status": "partial", "exit": 1, "tranches": [1, 20], "unreached_rules": ["floor.value"]})
    # Targets whose weights pass 100 %: they cannot all be met; the plan gets as close as it can.
    case("weights-past-100", policy(targets=[{"select": "eth", "weight_bps": 7000, "band_bps": 100},
                                             {"select": "stable", "weight_bps": 7000, "band_bps": 100}]),
         heavy, {"status_in": ["partial", "infeasible"], "exit": 1})
    # An asset priced 0 is neither sold nor bought.
    zero = treasury()
    zero["assets"][0]["price"] = "0"
    case("price-zero", policy(), zero, {"status_in": ["infeasible", "not_needed"], "exit_in": [0, 1], "tranches": [0, 0]})
    # The loss budget already spent in the window: wait for it to free.
    case("loss-budget-spent", policy(execution={"loss_budget": {"window_hours": 72, "max_bps": 5}, "max_slippage_bps": 50}),
         treasury(history=[{"at": "2026-11-19T00:00:00Z", "kind": "swap", "value": "100000", "loss": "2000"}]),
         {"status": "complete", "exit": 0, "tranches": [2, 20], "first_not_before": "2026-11-22T00:00:00Z"})
    # No direct pool between WETH and USDC: a two-hop route through DAI (not bought, not sold).
    routed = treasury(pools=[
        {"id": "weth-dai", "kind": "uniswap_v2", "token0": "DAI", "token1": "WETH",
         "reserve0": str(30_000_000 * 10**18), "reserve1": str(10_000 * 10**18), "fee_bps": 30},
        {"id": "dai-usdc", "kind": "uniswap_v2", "token0": "DAI", "token1": "USDC",
         "reserve0": str(50_000_000 * 10**18), "reserve1": str(50_000_000 * 10**6), "fee_bps": 5}])
    routed["assets"].append({"id": "DAI", "chain": "ethereum", "decimals": 18, "balance": "0", "price": "1", "tags": ["hub"]})
    case("route-through-hub", policy(), routed, {"status": "complete", "exit": 0, "tranches": [1, 1], "route": ["weth-dai", "dai-usdc"]})
    # Invalid: a bad goal and a bad time are usage errors; a broken policy is an input error.
    bad = policy()
    bad["targets"][0]["weight_bps"] = "half"
    case("invalid-policy", bad, heavy, {"exit": 2})


if __name__ == "__main__":
    main()
