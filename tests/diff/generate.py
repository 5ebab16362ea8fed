#!/usr/bin/env python3
"""Writes the policy-diff corpus (tests/diff/cases/*.json): pairs of policies and what
`ballast diff` must say of them.

Every field of policy/1 is changed in both directions, whole rules are added and removed, rules
are reordered (matched by id, else by what they select), values are rewritten without changing
(a decimal's trailing zero, an address's letter case, a bare threshold in long form), and inputs
are invalid. The expected changes follow the rules of the policy diff, written here by hand: raising an upper
bound relaxes, lowering a lower bound relaxes, shortening a window relaxes, growing an allowlist
relaxes, removing a checked family or shock relaxes, softening a shock relaxes, lowering a
severity relaxes, turning a switch off relaxes; removing a rule is `removed`, adding one `added`;
a target weight or a name moving is `changed`.

A case: {"description", "old", "new", "treasury"?, "expect": {"exit", "verdict", "changes":
[[path, rule, change, old, new], ...] in report order, "errors": [[code, document, path], ...]}}.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")
ROOT = os.path.dirname(os.path.dirname(HERE))

BASE = {
    "ballast": "policy/1",
    "name": "diff corpus",
    "numeraire": "USD",
    "targets": [{"id": "eth-target", "select": "eth", "weight_bps": 6000, "band_bps": 500},
                {"select": "stable", "weight_bps": 4000, "band_bps": 500}],
    "limits": [{"id": "lido", "select": "protocol:lido", "max_bps": 3000},
               {"select": "asset:EURC", "of": "stable", "max_bps": 500},
               {"select": "stable", "min_bps": 2500},
               {"select": "tier:low", "min_bps": 9000, "severity": "warning"}],
    "floors": [{"id": "runway", "select": "stable", "min_months": "24"},
               {"select": "stable", "min_value": "1000000"}],
    "backing": [{"select": "reserve", "liability": "supply", "min_ratio_bps": 10500}],
    "assets": {"allow": ["stable", "eth"]},
    "recipients": {"allow": ["0x1111111111111111111111111111111111111111"]},
    "calls": {"allow": [{"to": "0x3333333333333333333333333333333333333333", "selector": "0xa9059cbb"}]},
    "execution": {
        "venues": {"allow": ["uni", "cow"]},
        "max_trade_value": "5000000",
        "max_proposal_value": "10000000",
        "budgets": [{"window_hours": 168, "max_value": "15000000"}],
        "loss_budget": {"window_hours": 168, "max_bps": 50},
        "max_loss_bps": 100,
        "max_price_impact_bps": 50,
        "max_slippage_bps": 100,
        "require_min_out": True,
        "max_pool_share_bps": 1000,
        "max_oracle_deviation_bps": 200,
        "cooldown_hours": 24,
        "rebalance_only": True,
        "allow_leftover_approvals": False,
    },
    "stress": [{"id": "eth-crash", "name": "ETH -50%", "shocks": [{"select": "eth", "change_bps": -5000}],
                "check": ["limits", "floors"]},
               {"name": "USDC depeg", "shocks": [{"select": "issuer:circle", "change_bps": -1200}],
                "check": ["limits"], "severity": "warning"}],
}

CASES = {}


def case(name, description, mutate, changes, verdict=None, old=None, treasury=None, exit_code=None):
    new = copy.deepcopy(BASE if old is None else old)
    mutate(new)
    kinds = {c[2] for c in changes}
    if verdict is None:
        looser = bool(kinds & {"relaxed", "removed"})
        stricter = bool(kinds & {"tightened", "added"})
        verdict = "mixed" if looser and stricter else "relaxed" if looser else "tightened" if stricter else "neutral"
    if exit_code is None:
        exit_code = 1 if kinds & {"relaxed", "removed"} else 0
    assert name not in CASES, name
    CASES[name] = {"description": description, "old": copy.deepcopy(BASE if old is None else old), "new": new,
                   "expect": {"exit": exit_code, "verdict": verdict, "changes": [list(c) for c in changes]}}
    if treasury:
        CASES[name]["treasury"] = treasury


def to_base(p):
    """Turns the copy of `old` into the base policy (for what the base has and `old` lacks)."""
    p.clear()
    p.update(copy.deepcopy(BASE))


def setter(path, value):
    def mutate(p):
        node = p
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return mutate


def deleter(path):
    def mutate(p):
        node = p
        for k in path[:-1]:
            node = node[k]
        del node[path[-1]]
    return mutate


def both(name, path, rule, up, down, up_kind, old, subject_path=None):
    """A numeric field raised and lowered: `up_kind` is what raising it does."""
    down_kind = {"relaxed": "tightened", "tightened": "relaxed", "changed": "changed"}[up_kind]
    pointer = "/" + "/".join(str(k) for k in path)
    case(f"{name}_raised", f"{pointer} raised from {old} to {up}: {up_kind}", setter(path, up),
         [[pointer, rule, up_kind, str(old), str(up)]])
    case(f"{name}_lowered", f"{pointer} lowered from {old} to {down}: {down_kind}", setter(path, down),
         [[pointer, rule, down_kind, str(old), str(down)]])


# ---- numbers, every field in both directions -------------------------------------------------------
both("target_band", ["targets", 0, "band_bps"], "target.drift", 600, 400, "relaxed", 500)
both("target_weight", ["targets", 0, "weight_bps"], "target.drift", 6500, 5500, "changed", 6000)
both("limit_max", ["limits", 0, "max_bps"], "limit.max", 3500, 2500, "relaxed", 3000)
both("limit_max_of", ["limits", 1, "max_bps"], "limit.max", 600, 400, "relaxed", 500)
both("limit_min", ["limits", 2, "min_bps"], "limit.min", 3000, 2000, "tightened", 2500)
both("floor_months", ["floors", 0, "min_months"], "floor.runway", "30", "18", "tightened", "24")
both("floor_value", ["floors", 1, "min_value"], "floor.value", "1500000", "500000.5", "tightened", "1000000")
both("backing_ratio", ["backing", 0, "min_ratio_bps"], "backing.ratio", 11000, 10000, "tightened", 10500)
both("max_trade_value", ["execution", "max_trade_value"], "trade.max_value", "6000000", "4000000", "relaxed", "5000000")
both("max_proposal_value", ["execution", "max_proposal_value"], "proposal.max_value", "12000000", "8000000",
     "relaxed", "10000000")
both("budget_window", ["execution", "budgets", 0, "window_hours"], "budget.window", 336, 72, "tightened", 168)
both("budget_value", ["execution", "budgets", 0, "max_value"], "budget.window", "20000000", "10000000", "relaxed",
     "15000000")
both("loss_budget_window", ["execution", "loss_budget", "window_hours"], "budget.loss", 336, 72, "tightened", 168)
both("loss_budget_bps", ["execution", "loss_budget", "max_bps"], "budget.loss", 60, 40, "relaxed", 50)
both("max_loss", ["execution", "max_loss_bps"], "swap.loss", 150, 75, "relaxed", 100)
both("max_price_impact", ["execution", "max_price_impact_bps"], "swap.price_impact", 80, 30, "relaxed", 50)
both("max_slippage", ["execution", "max_slippage_bps"], "swap.slippage", 150, 50, "relaxed", 100)
both("max_pool_share", ["execution", "max_pool_share_bps"], "swap.pool_share", 1500, 500, "relaxed", 1000)
both("max_oracle_deviation", ["execution", "max_oracle_deviation_bps"], "swap.oracle_deviation", 300, 100,
     "relaxed", 200)
both("cooldown", ["execution", "cooldown_hours"], "cooldown", 48, 12, "tightened", 24)
both("shock_change", ["stress", 0, "shocks", 0, "change_bps"], "stress", -4000, -6000, "relaxed", -5000)

# ---- switches ------------------------------------------------------------------------------------------
for field, rule in (("require_min_out", "swap.min_out_missing"), ("rebalance_only", "swap.increases_drift")):
    p = f"/execution/{field}"
    case(f"{field}_off", f"{field} turned off: relaxed", setter(["execution", field], False),
         [[p, rule, "relaxed", "true", "false"]])
    case(f"{field}_absent", f"{field} removed: an absent switch is off, relaxed", deleter(["execution", field]),
         [[p, rule, "relaxed", "true", "false"]])
    off = copy.deepcopy(BASE)
    off["execution"][field] = False
    case(f"{field}_on", f"{field} turned on: tightened", setter(["execution", field], True),
         [[p, rule, "tightened", "false", "true"]], old=off)

# a permission: on relaxes, off tightens
p = "/execution/allow_leftover_approvals"
case("allow_leftover_on", "allow_leftover_approvals turned on: relaxed", setter(["execution", "allow_leftover_approvals"], True),
     [[p, "approval.leftover", "relaxed", "false", "true"]])
leftover_on = copy.deepcopy(BASE)
leftover_on["execution"]["allow_leftover_approvals"] = True
case("allow_leftover_off", "allow_leftover_approvals turned off: tightened",
     setter(["execution", "allow_leftover_approvals"], False),
     [[p, "approval.leftover", "tightened", "true", "false"]], old=leftover_on)

# calls.allow: an absent list lets nothing through, so it compares as an empty one
CALL = "0x3333333333333333333333333333333333333333 0xa9059cbb"
case("calls_allow_grows", "/calls/allow gains a call (a signature given for its selector): relaxed",
     lambda p: p["calls"]["allow"].append({"to": "0x4444444444444444444444444444444444444444",
                                           "selector": "approve(address,uint256)"}),
     [["/calls/allow", "call.unknown", "relaxed", None, "0x4444444444444444444444444444444444444444 0x095ea7b3"]])
case("calls_allow_removed", "the whole calls allowlist removed: nothing is let through, tightened",
     deleter(["calls"]), [["/calls/allow", "call.unknown", "tightened", CALL, None]])
case("calls_allow_same", "a selector written as its signature: no change",
     setter(["calls", "allow", 0, "selector"], "transfer(address,uint256)"), [])

# ---- allowlists and checklists --------------------------------------------------------------------------
for name, path, rule, entry, present in (
        ("assets", ["assets"], "asset.not_allowed", "btc", "eth"),
        ("recipients", ["recipients"], "recipient.not_allowed", "0x2222222222222222222222222222222222222222",
         "0x1111111111111111111111111111111111111111"),
        ("venues", ["execution", "venues"], "venue.not_allowed", "curve", "cow")):
    pointer = "/" + "/".join(path) + "/allow"

    def grow(p, path=path, entry=entry):
        node = p
        for k in path:
            node = node[k]
        node["allow"].append(entry)

    def shrink(p, path=path, present=present):
        node = p
        for k in path:
            node = node[k]
        node["allow"].remove(present)

    case(f"{name}_allow_grows", f"{pointer} gains {entry}: relaxed", grow, [[pointer, rule, "relaxed", None, entry]])
    case(f"{name}_allow_shrinks", f"{pointer} loses {present}: tightened", shrink,
         [[pointer, rule, "tightened", present, None]])
    parent = "/" + "/".join(path)
    case(f"{name}_allow_removed", f"the whole {parent} allowlist removed: removed", deleter(path),
         [[parent, rule, "removed", None, None]])
    case(f"{name}_allow_added", f"the {parent} allowlist added: added", to_base,
         [[parent, rule, "added", None, None]], old=(lambda b, path=path: (deleter(path)(b), b)[1])(copy.deepcopy(BASE)))

case("shock_removed", "a shock removed from a scenario: relaxed", setter(["stress", 0, "shocks"], []),
     [["/stress/0/shocks", "stress", "relaxed", "eth", None]])
case("shock_added", "a shock added to a scenario: tightened",
     lambda p: p["stress"][0]["shocks"].append({"select": "stable", "change_bps": -100}),
     [["/stress/0/shocks", "stress", "tightened", None, "stable"]])
case("family_removed", "a checked family removed from a scenario: relaxed", setter(["stress", 0, "check"], ["limits"]),
     [["/stress/0/check", "stress", "relaxed", "floors", None]])
case("family_added", "a checked family added to a scenario: tightened",
     setter(["stress", 1, "check"], ["limits", "backing"]), [["/stress/1/check", "stress", "tightened", None, "backing"]])

# ---- severity -------------------------------------------------------------------------------------------
case("severity_lowered", "a limit's severity lowered from error to warning: relaxed",
     setter(["limits", 0, "severity"], "warning"), [["/limits/0/severity", "limit.max", "relaxed", "error", "warning"]])
case("severity_raised", "a limit's severity raised from warning to error: tightened",
     deleter(["limits", 3, "severity"]), [["/limits/3/severity", "limit.min", "tightened", "warning", "error"]])
case("threshold_severity_lowered", "a threshold in long form with severity warning: relaxed",
     setter(["execution", "max_loss_bps"], {"value": 100, "severity": "warning"}),
     [["/execution/max_loss_bps/severity", "swap.loss", "relaxed", "error", "warning"]])
case("scenario_severity_raised", "a stress scenario's severity raised: tightened", deleter(["stress", 1, "severity"]),
     [["/stress/1/severity", "stress", "tightened", "warning", "error"]])

# ---- whole rules added and removed -------------------------------------------------------------------------
for name, section, index, rule in (("target", "targets", 1, "target.drift"), ("limit", "limits", 2, "limit.min"),
                                   ("floor", "floors", 1, "floor.value"), ("backing", "backing", 0, "backing.ratio"),
                                   ("scenario", "stress", 1, "stress")):
    def drop(p, section=section, index=index):
        del p[section][index]
    case(f"{name}_removed", f"a whole {section} rule removed: removed", drop,
         [[f"/{section}/{index}", rule, "removed", None, None]])
    smaller = copy.deepcopy(BASE)
    del smaller[section][index]
    case(f"{name}_added", f"a whole {section} rule added: added",
         lambda p, section=section, index=index: p[section].insert(index, copy.deepcopy(BASE[section][index])),
         [[f"/{section}/{index}", rule, "added", None, None]], old=smaller)
case("budget_removed", "a budget removed: removed", setter(["execution", "budgets"], []),
     [["/execution/budgets/0", "budget.window", "removed", None, None]])
case("loss_budget_removed", "the loss budget removed: removed", deleter(["execution", "loss_budget"]),
     [["/execution/loss_budget", "budget.loss", "removed", None, None]])
for field, rule in (("max_trade_value", "trade.max_value"), ("max_proposal_value", "proposal.max_value"),
                    ("max_loss_bps", "swap.loss"), ("max_price_impact_bps", "swap.price_impact"),
                    ("max_slippage_bps", "swap.slippage"), ("max_pool_share_bps", "swap.pool_share"),
                    ("max_oracle_deviation_bps", "swap.oracle_deviation"), ("cooldown_hours", "cooldown")):
    case(f"{field}_removed", f"execution.{field} removed: removed", deleter(["execution", field]),
         [[f"/execution/{field}", rule, "removed", None, None]])
    without = copy.deepcopy(BASE)
    del without["execution"][field]
    case(f"{field}_added", f"execution.{field} added: added", to_base,
         [[f"/execution/{field}", rule, "added", None, None]], old=without)

# ---- identity: names and selectors ----------------------------------------------------------------------
case("target_select_changed", "a named target selects something else: changed", setter(["targets", 0, "select"], "btc"),
     [["/targets/0/select", "target.drift", "changed", "eth", "btc"]])
case("limit_of_changed", "a named limit's group changed: changed",
     lambda p: p["limits"][1].update({"id": "eurc", "of": "fiat"}),
     [["/limits/1/of", "limit.max", "changed", "stable", "fiat"]],
     old=(lambda b: (b["limits"][1].update({"id": "eurc"}), b)[1])(copy.deepcopy(BASE)))
case("backing_liability_changed", "an unnamed backing rule on another liability is another rule: removed and added",
     setter(["backing", 0, "liability"], "debt"),
     [["/backing/0", "backing.ratio", "removed", None, None], ["/backing/0", "backing.ratio", "added", None, None]])
case("scenario_renamed", "a named scenario renamed: changed", setter(["stress", 0, "name"], "ETH -60%"),
     [["/stress/0/name", "stress", "changed", "ETH -50%", "ETH -60%"]])
case("policy_name_changed", "the policy's name changed: changed", setter(["name"], "amended"),
     [["/name", "policy", "changed", "diff corpus", "amended"]])
case("numeraire_changed", "the numeraire changed: changed", setter(["numeraire"], "EUR"),
     [["/numeraire", "policy", "changed", "USD", "EUR"]])
case("rule_id_added", "an unnamed rule given an id: changed", lambda p: p["limits"][2].update({"id": "stable-min"}),
     [["/limits/2/id", "limit.min", "changed", None, "stable-min"]])

# ---- no change: the same policy written differently, reordered --------------------------------------------
case("identical", "the same policy: neutral", lambda p: None, [])
case("reordered_named", "named rules reordered: matched by id, no change", lambda p: p["targets"].reverse(), [])
case("reordered_unnamed", "unnamed limits reordered: matched by what they select, no change",
     lambda p: p["limits"].__setitem__(slice(1, 4), list(reversed(p["limits"][1:4]))), [])
case("decimal_rewritten", "\"24\" written \"24.0\": no change", setter(["floors", 0, "min_months"], "24.0"), [])
case("address_case", "an allowlisted address in upper case: no change",
     setter(["recipients", "allow"], ["0x1111111111111111111111111111111111111111".upper().replace("0X", "0x")]), [])
case("threshold_long_form", "a bare threshold written {\"value\": ...} with the default severity: no change",
     setter(["execution", "max_loss_bps"], {"value": 100}), [])
case("switch_false_absent", "an absent switch is off: false and absent are the same",
     deleter(["execution", "rebalance_only"]), [],
     old=(lambda b: (b["execution"].update({"rebalance_only": False}), b)[1])(copy.deepcopy(BASE)))

# ---- combined ------------------------------------------------------------------------------------------
case("combined_mixed", "a cap raised and the loss limit lowered: mixed",
     lambda p: (p["limits"][0].update({"max_bps": 3500}), p["execution"].update({"max_loss_bps": 75})),
     [["/limits/0/max_bps", "limit.max", "relaxed", "3000", "3500"],
      ["/execution/max_loss_bps", "swap.loss", "tightened", "100", "75"]])
case("combined_tightened", "a band narrowed and a rule added: tightened",
     lambda p: (p["targets"][1].update({"band_bps": 300}),
                p["limits"].append({"select": "governance", "max_bps": 100})),
     [["/targets/1/band_bps", "target.drift", "tightened", "500", "300"],
      ["/limits/4", "limit.max", "added", None, None]])


def write_invalid():
    CASES["invalid_old_json"] = {"description": "the old policy is not JSON: exit 2", "old_text": "{\"ballast\": ",
                                 "new": BASE, "expect": {"exit": 2, "verdict": "error", "errors": [
                                     ["json.syntax", "old"]]}}
    CASES["invalid_new_kind"] = {"description": "the new document is a treasury: exit 2", "old": BASE,
                                 "new": {"ballast": "treasury/1"}, "expect": {"exit": 2, "verdict": "error", "errors": [
                                     ["kind.mismatch", "new", "/ballast"]]}}
    bad = copy.deepcopy(BASE)
    bad["limits"][0]["max_bps"] = "3000"
    CASES["invalid_new_field"] = {"description": "a bps written as a string in the new policy: exit 2", "old": BASE,
                                  "new": bad, "expect": {"exit": 2, "verdict": "error", "errors": [
                                      ["type.bps", "new", "/limits/0/max_bps"]]}}


def write_status():
    ex = os.path.join(ROOT, "examples", "endowment")
    policy = json.load(open(os.path.join(ex, "policy.json")))
    treasury = json.load(open(os.path.join(ex, "treasury.json")))
    # Lowering the runway floor to 18 months: the depeg scenario's runway warning (23.79 months
    # under 24) disappears.
    new = copy.deepcopy(policy)
    new["floors"][0]["min_months"] = "18"
    CASES["status_runway_lowered"] = {
        "description": "with the endowment treasury: the runway floor lowered to 18 months, the depeg scenario's "
                       "runway warning disappears",
        "old": policy, "new": new, "treasury": treasury,
        "expect": {"exit": 1, "verdict": "relaxed",
                   "changes": [["/floors/0/min_months", "floor.runway", "relaxed", "24", "18"]],
                   "status": {"old": "attention", "new": "attention", "appeared": [],
                              "disappeared": [["stress.floor.runway", "stable"]]}}}


def main():
    write_invalid()
    write_status()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".json"):
            os.remove(os.path.join(OUT, f))
    for name, c in sorted(CASES.items()):
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            json.dump(c, fh, indent=1)
            fh.write("\n")
    print(f"{len(CASES)} diff cases written to tests/diff/cases")


if __name__ == "__main__":
    main()
