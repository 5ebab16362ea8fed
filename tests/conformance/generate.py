#!/usr/bin/env python3
"""Writes the conformance corpus (tests/conformance/cases/*.json).

Each case is a small treasury with round numbers, so that every expected figure can be worked
out by hand; where a figure comes from pool math (Uniswap v2 outputs, price impact, largest
passing amounts), it is computed here with Python integers from the UniswapV2Library formulas,
independently of the C++ engine. Run it after changing a case; the output is committed.

A case file: {"description", "case" (or "case_text" for raw text), "expect": {"verdict",
"findings": [...], "errors": [...], "stress": [...], "actions": [...]}}. Findings, errors and
actions are compared in report order on the keys listed.
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

E18 = 10**18
E6 = 10**6
USDC_ADDR = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
WETH_ADDR = "0xc02aaa39b223fe8d0a0e5c7f27ead9083c756cc2"
DAI_ADDR = "0x6b175474e89094c44da98b954eedeac495271d0f"
ALICE = "0x1111111111111111111111111111111111111111"
MALLORY = "0x2222222222222222222222222222222222222222"

# Base state: NAV 10,000,000 USD = 6,000,000 in WETH (60 %) + 4,000,000 in USDC (40 %).
# The v2 pool's mid price equals the oracle: 20,000,000 USDC / 10,000 WETH = 2000.
BASE_TREASURY = {
    "ballast": "treasury/1",
    "as_of": "2026-11-20T00:00:00Z",
    "numeraire": "USD",
    "assets": [
        {"id": "USDC", "chain": "ethereum", "address": USDC_ADDR, "decimals": 6,
         "balance": str(4_000_000 * E6), "price": "1", "tags": ["stable", "tier:low"]},
        {"id": "WETH", "chain": "ethereum", "address": WETH_ADDR, "decimals": 18,
         "balance": str(3_000 * E18), "price": "2000", "tags": ["eth", "tier:low"]},
        {"id": "DAI", "chain": "ethereum", "address": DAI_ADDR, "decimals": 18,
         "balance": "0", "price": "1", "tags": ["stable", "tier:low"]},
        {"id": "GOV", "chain": "ethereum", "decimals": 18, "balance": str(1_000 * E18), "price": "0",
         "tags": ["governance"]},
    ],
    "venues": [
        {"id": "uni", "kind": "uniswap_v2", "token0": "USDC", "token1": "WETH",
         "reserve0": str(20_000_000 * E6), "reserve1": str(10_000 * E18), "fee_bps": 30},
        {"id": "otc", "kind": "limit_order"},
    ],
    "obligations": {"monthly_opex": "100000", "liabilities": {"supply": "3000000"}},
    "history": [],
}
BASE_POLICY = {"ballast": "policy/1", "name": "conformance", "numeraire": "USD"}
BASE_PROPOSAL = {"ballast": "proposal/1", "id": "P-1", "submitted_at": "2026-11-21T00:00:00Z", "actions": []}

R_USDC = 20_000_000 * E6
R_WETH = 10_000 * E18


# ---- independent Uniswap v2 math (UniswapV2Library) ----------------------------------------------
def v2_out(amount_in, r_in, r_out, fee_bps=30):
    a = amount_in * (10000 - fee_bps)
    return a * r_out // (r_in * 10000 + a)


def v2_in(amount_out, r_in, r_out, fee_bps=30):
    return r_in * amount_out * 10000 // ((r_out - amount_out) * (10000 - fee_bps)) + 1


def v2_impact_exceeds(amount_in, r_in, r_out, limit_bps, fee_bps=30):
    """price impact = 1 - out*R_in*10000 / (in*(10000-fee)*R_out) > limit_bps / 10000"""
    out = v2_out(amount_in, r_in, r_out, fee_bps)
    num = amount_in * (10000 - fee_bps) * r_out - out * r_in * 10000
    den = amount_in * (10000 - fee_bps) * r_out
    return num * 10000 > limit_bps * den


def largest_passing(hi, passes):
    """Largest a in [0, hi) with passes(a), scanning down by halves, then bisecting."""
    lo = hi // 2
    while lo > 0 and not passes(lo):
        hi, lo = lo, lo // 2
    if lo == 0:
        return 0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if passes(mid):
            lo = mid
        else:
            hi = mid
    return lo


def fixed(num, den, places):
    """num/den rounded half-to-even to `places` digits (independent of the engine)."""
    neg = (num < 0) != (den < 0) and num != 0
    num, den = abs(num), abs(den)
    scaled = num * 10**places
    q, r = divmod(scaled, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    s = str(q).rjust(places + 1, "0")
    out = s[:-places] + "." + s[-places:] if places else s
    return ("-" if neg and q != 0 else "") + out


# ---- case builders ------------------------------------------------------------------------------
CASES = {}


def merge(base, patch):
    out = copy.deepcopy(base)
    for k, v in (patch or {}).items():
        out[k] = copy.deepcopy(v)
    return out


def case(name, description, expect, policy=None, treasury=None, proposal=None, actions=None):
    prop = merge(BASE_PROPOSAL, proposal)
    if actions is not None:
        prop["actions"] = actions
    doc = {"ballast": "case/1", "policy": merge(BASE_POLICY, policy), "treasury": merge(BASE_TREASURY, treasury),
           "proposal": prop}
    assert name not in CASES, name
    CASES[name] = {"description": description, "case": doc, "expect": expect}


def raw_case(name, description, text, expect):
    assert name not in CASES, name
    CASES[name] = {"description": description, "case_text": text, "expect": expect}


def otc(sell, buy, amount_in, min_out):
    return {"type": "swap", "venue": "otc", "sell": sell, "buy": buy, "amount_in": str(amount_in),
            "min_amount_out": str(min_out)}


def usdc_to_weth(usd):
    """Value-neutral limit-order swap of `usd` USDC for WETH at the oracle price 2000."""
    return otc("USDC", "WETH", usd * E6, usd * E18 // 2000)


def uni(sell, buy, amount_in, min_out=None):
    a = {"type": "swap", "venue": "uni", "sell": sell, "buy": buy, "amount_in": str(amount_in)}
    if min_out is not None:
        a["min_amount_out"] = str(min_out)
    return a


def f(rule, severity="error", **kw):
    d = {"rule": rule, "severity": severity}
    d.update(kw)
    return d


PASS = {"verdict": "pass", "findings": []}


def fail(*findings):
    return {"verdict": "fail", "findings": list(findings)}


def warn(*findings):
    return {"verdict": "pass", "findings": list(findings)}


def treasury_with(usdc=None, weth=None, dai=None, **extra):
    assets = copy.deepcopy(BASE_TREASURY["assets"])
    if usdc is not None:
        assets[0]["balance"] = str(usdc * E6)
    if weth is not None:
        assets[1]["balance"] = str(weth * E18)
    if dai is not None:
        assets[2]["balance"] = str(dai * E18)
    t = {"assets": assets}
    t.update(extra)
    return t


# ---- targets --------------------------------------------------------------------------------------
TARGETS = {"targets": [{"select": "eth", "weight_bps": 6000, "band_bps": 500},
                       {"select": "stable", "weight_bps": 4000, "band_bps": 500}]}
case("target_pass", "eth moves to 64 %, inside its 60 +/- 5 band", PASS, policy=TARGETS, actions=[usdc_to_weth(400_000)])
case("target_at_limit", "eth moves to exactly 65 %: at the band edge passes", PASS, policy=TARGETS,
     actions=[usdc_to_weth(500_000)])
case("target_drift_fail", "eth to 66 %, stable to 34 %: both drift out of band",
     fail(f("target.drift", subject="eth", observed="+600.00", limit="500.00", before="+0.00", path="/policy/targets/0"),
          f("target.drift", subject="stable", observed="-600.00", limit="500.00", before="+0.00", path="/policy/targets/1")),
     policy=TARGETS, actions=[usdc_to_weth(600_000)])
case("target_outside_band_warning", "eth 70 % before, 68 % after: toward target but not yet in band is a warning",
     warn(f("target.outside_band", "warning", subject="eth", observed="+800.00", before="+1000.00"),
          f("target.outside_band", "warning", subject="stable", observed="-800.00", before="-1000.00")),
     policy=TARGETS, treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[otc("WETH", "USDC", 100 * E18, 200_000 * E6)])

# ---- limits ---------------------------------------------------------------------------------------
LIM_MAX = {"limits": [{"id": "eth-cap", "select": "eth", "max_bps": 6500}]}
case("limit_max_pass", "eth 64 % under a 65 % cap", PASS, policy=LIM_MAX, actions=[usdc_to_weth(400_000)])
case("limit_max_at_limit", "eth exactly 65 % under a 65 % cap passes", PASS, policy=LIM_MAX, actions=[usdc_to_weth(500_000)])
case("limit_max_fail", "eth 66 % over a 65 % cap",
     fail(f("limit.max", id="eth-cap", subject="eth", observed="6600.00", limit="6500.00", before="6000.00", unit="bps",
            path="/policy/limits/0")),
     policy=LIM_MAX, actions=[usdc_to_weth(600_000)])
case("limit_max_existing_breach_not_worse", "eth 70 % before, 68 % after: an existing breach made better is a warning",
     warn(f("limit.max", "warning", observed="6800.00", before="7000.00")),
     policy=LIM_MAX, treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[otc("WETH", "USDC", 100 * E18, 200_000 * E6)])
case("limit_max_existing_breach_unchanged", "an existing breach the proposal leaves unchanged is a warning",
     warn(f("limit.max", "warning", observed="7000.00", before="7000.00")),
     policy=LIM_MAX, treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[{"type": "transfer", "asset": "GOV", "amount": str(E18), "to": ALICE}])
case("limit_max_existing_breach_worse", "eth 70 % before, a little higher after: an existing breach made worse is an error",
     fail(f("limit.max", observed="7002.00", before="7000.00")),
     policy=LIM_MAX, treasury=treasury_with(usdc=3_000_000, weth=3_500), actions=[usdc_to_weth(2_000)])
case("limit_severity_warning", "a rule with severity warning reports a warning and passes",
     warn(f("limit.max", "warning", observed="6600.00", before="6000.00")),
     policy={"limits": [{"select": "eth", "max_bps": 6500, "severity": "warning"}]}, actions=[usdc_to_weth(600_000)])
LIM_OF = {"limits": [{"select": "asset:DAI", "of": "stable", "max_bps": 500}]}
case("limit_of_at_limit", "DAI exactly 5 % of the stablecoins", PASS, policy=LIM_OF,
     actions=[otc("USDC", "DAI", 200_000 * E6, 200_000 * E18)])
case("limit_of_fail", "DAI 7.5 % of the stablecoins, over 5 %",
     fail(f("limit.max", subject="asset:DAI of stable", observed="750.00", limit="500.00", before="0.00")),
     policy=LIM_OF, actions=[otc("USDC", "DAI", 300_000 * E6, 300_000 * E18)])
case("limit_of_pass", "DAI 2.5 % of the stablecoins", PASS, policy=LIM_OF,
     actions=[otc("USDC", "DAI", 100_000 * E6, 100_000 * E18)])
LIM_MIN = {"limits": [{"select": "stable", "min_bps": 3500}]}
case("limit_min_pass", "stable 36 % over a 35 % minimum", PASS, policy=LIM_MIN, actions=[usdc_to_weth(400_000)])
case("limit_min_at_limit", "stable exactly 35 %", PASS, policy=LIM_MIN, actions=[usdc_to_weth(500_000)])
case("limit_min_fail", "stable 34 % under a 35 % minimum",
     fail(f("limit.min", subject="stable", observed="3400.00", limit="3500.00", before="4000.00")),
     policy=LIM_MIN, actions=[usdc_to_weth(600_000)])

# ---- floors ---------------------------------------------------------------------------------------
RUNWAY = {"floors": [{"id": "runway", "select": "stable", "min_months": "35"}]}
case("floor_runway_pass", "36 months of opex left", PASS, policy=RUNWAY, actions=[usdc_to_weth(400_000)])
case("floor_runway_at_limit", "exactly 35 months", PASS, policy=RUNWAY, actions=[usdc_to_weth(500_000)])
case("floor_runway_fail", "34 months, under 35",
     fail(f("floor.runway", id="runway", subject="stable", observed="34.00", limit="35.00", before="40.00",
            unit="months")),
     policy=RUNWAY, actions=[usdc_to_weth(600_000)])
case("floor_runway_existing_breach_better", "runway under the floor before and a little better after: warning",
     warn(f("floor.runway", "warning", observed="31.00", before="30.00")),
     policy=RUNWAY, treasury=treasury_with(usdc=3_000_000),
     actions=[otc("WETH", "USDC", 50 * E18, 100_000 * E6)])
VALUE_FLOOR = {"floors": [{"select": "stable", "min_value": "3500000"}]}
case("floor_value_pass", "stable 3.6 M over a 3.5 M floor", PASS, policy=VALUE_FLOOR, actions=[usdc_to_weth(400_000)])
case("floor_value_at_limit", "stable exactly 3.5 M", PASS, policy=VALUE_FLOOR, actions=[usdc_to_weth(500_000)])
case("floor_value_fail", "stable 3,499,999.999999 under 3.5 M",
     fail(f("floor.value", observed="3499999.999999", limit="3500000.000000", before="4000000.000000", unit="USD")),
     policy=VALUE_FLOOR, actions=[otc("USDC", "WETH", 500_000 * E6 + 1, 250 * E18 + 500_000_000)])

# ---- backing --------------------------------------------------------------------------------------
BACKING = {"backing": [{"select": "stable", "liability": "supply", "min_ratio_bps": 12000}]}
case("backing_pass", "stable 3.9 M backs 3 M supply at 130 %", PASS, policy=BACKING, actions=[usdc_to_weth(100_000)])
case("backing_at_limit", "exactly 120 %", PASS, policy=BACKING, actions=[usdc_to_weth(400_000)])
case("backing_fail", "116.67 % under 120 %",
     fail(f("backing.ratio", subject="stable", observed="11666.67", limit="12000.00", before="13333.33")),
     policy=BACKING, actions=[usdc_to_weth(500_000)])

# ---- calls, approvals, recipients, routes (imported proposals, SPEC 11.4-11.5) ----------------------
ACCOUNT = "0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe"
ROUTER = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d"
ON_CHAIN = {"account": ACCOUNT, "chain_id": 1}
MAX_UINT = str(2**256 - 1)


def call(to=MALLORY, selector="0x12345678", **kw):
    a = {"type": "call", "to": to, "value": "0", "selector": selector}
    a.update(kw)
    return a


def approve(amount, spender=ROUTER, asset="USDC"):
    return {"type": "approve", "asset": asset, "spender": spender, "amount": str(amount)}


def routed(**kw):
    a = uni("USDC", "WETH", 1_000 * E6)
    a.update(kw)
    return a


case("call_unknown_fail", "a call Ballast cannot interpret, not in calls.allow",
     fail(f("call.unknown", subject=MALLORY, path="/proposal/actions/0")), treasury=ON_CHAIN, actions=[call()])
case("call_allowed_pass", "the same call listed in calls.allow (target and selector)", PASS, treasury=ON_CHAIN,
     policy={"calls": {"allow": [{"to": MALLORY, "selector": "0x12345678"}]}}, actions=[call()])
case("call_allowed_by_signature_pass", "calls.allow names the function by its signature", PASS, treasury=ON_CHAIN,
     policy={"calls": {"allow": [{"to": MALLORY, "selector": "transfer(address,uint256)"}]}},
     actions=[call(selector="0xa9059cbb")])
case("call_delegatecall_fail", "a delegatecall: calls.allow lifts call.unknown, never call.delegatecall",
     fail(f("call.delegatecall", subject=MALLORY, path="/proposal/actions/0")), treasury=ON_CHAIN,
     policy={"calls": {"allow": [{"to": MALLORY, "selector": "0x12345678"}]}}, actions=[call(delegatecall=True)])
case("call_unverifiable_fail", "a pre-signed order without terms: call.unverifiable, not call.unknown too",
     fail(f("call.unverifiable", path="/proposal/actions/0")), treasury=ON_CHAIN,
     actions=[call(to="0x9008d19f58aabd9ed0d60971565aa8510560ab41", selector="0xec6cb13f",
                   unverifiable="no order terms hash to its UID")])
case("swap_recipient_fail", "the swap's output goes to another address: it leaves the treasury",
     fail(f("swap.recipient", subject=MALLORY, path="/proposal/actions/0", observed=MALLORY, limit=ACCOUNT)),
     treasury=ON_CHAIN, actions=[routed(recipient=MALLORY)])
case("swap_recipient_account_pass", "the output goes to the account", PASS, treasury=ON_CHAIN,
     actions=[routed(recipient=ACCOUNT.upper().replace("0X", "0x"))])
case("approval_spent_pass", "the batch approves exactly what its swap pulls", PASS, treasury=ON_CHAIN,
     actions=[approve(1_000 * E6), routed(spender=ROUTER)])
case("approval_leftover_fail", "twice the swap's input approved: half is left",
     fail(f("approval.leftover", subject=ROUTER, path="/proposal/actions/0", observed=str(1_000 * E6) + " USDC")),
     treasury=ON_CHAIN, actions=[approve(2_000 * E6), routed(spender=ROUTER)])
case("approval_leftover_allowed_pass", "allow_leftover_approvals lets it through", PASS, treasury=ON_CHAIN,
     policy={"execution": {"allow_leftover_approvals": True}}, actions=[approve(2_000 * E6), routed(spender=ROUTER)])
case("approval_unlimited_fail", "an unlimited approval: a warning, and what the swap leaves of it an error",
     fail(f("approval.leftover", subject=ROUTER, path="/proposal/actions/0"),
          f("approval.unlimited", "warning", subject=ROUTER, path="/proposal/actions/0")),
     treasury=ON_CHAIN, actions=[approve(MAX_UINT), routed(spender=ROUTER)])
case("calls_checksum_warn", "a Tx Builder file edited after export", warn(f("calls.checksum", "warning", path="/proposal/source")),
     treasury=ON_CHAIN, proposal={"source": {"format": "tx-builder", "checksum_valid": False}},
     actions=[usdc_to_weth(1_000)])
case("deadline_passed_infeasible", "the router's deadline is before the evaluation time: the swap reverts",
     fail(f("action.infeasible", subject="uni", path="/proposal/actions/0")), treasury=ON_CHAIN,
     actions=[routed(deadline="2026-11-20T23:59:59Z")])
case("deadline_equal_passes", "a deadline equal to the evaluation time has not passed", PASS, treasury=ON_CHAIN,
     actions=[routed(deadline="2026-11-21T00:00:00Z")])
R_DAI = 5_000_000 * E18
R_WETH2 = 2_500 * E18
ROUTE_TREASURY = dict(ON_CHAIN, venues=BASE_TREASURY["venues"] + [
    {"id": "uni-dai", "kind": "uniswap_v2", "token0": "DAI", "token1": "WETH", "reserve0": str(R_DAI),
     "reserve1": str(R_WETH2), "fee_bps": 30}])
ROUTE_IN = 10_000 * E6
ROUTE_MID = v2_out(ROUTE_IN, R_USDC, R_WETH)
case("route_two_hops_exact_in", "USDC -> WETH -> DAI on two v2 pairs: each hop on the pair's own reserves",
     {"verdict": "pass", "findings": [],
      "actions": [{"index": 0, "expected_out": str(v2_out(ROUTE_MID, R_WETH2, R_DAI))}]},
     treasury=ROUTE_TREASURY,
     actions=[{"type": "swap", "route": ["uni", "uni-dai"], "sell": "USDC", "buy": "DAI", "amount_in": str(ROUTE_IN)}])
ROUTE_OUT = 10_000 * E18
case("route_two_hops_exact_out", "exact output through two pairs, computed from the last hop back",
     {"verdict": "pass", "findings": [],
      "actions": [{"index": 0, "expected_in": str(v2_in(v2_in(ROUTE_OUT, R_WETH2, R_DAI), R_USDC, R_WETH))}]},
     treasury=ROUTE_TREASURY,
     actions=[{"type": "swap", "route": ["uni", "uni-dai"], "sell": "USDC", "buy": "DAI", "amount_out": str(ROUTE_OUT)}])
case("route_hop_price_impact_fail", "a route is judged hop by hop for price impact",
     fail(f("swap.price_impact", subject="uni-dai", path="/proposal/actions/0")),
     treasury=ROUTE_TREASURY, policy={"execution": {"max_price_impact_bps": 100}},
     actions=[{"type": "swap", "route": ["uni", "uni-dai"], "sell": "USDC", "buy": "DAI", "amount_in": str(200_000 * E6)}])
NATIVE = dict(ON_CHAIN, assets=BASE_TREASURY["assets"] + [
    {"id": "ETH", "native": True, "decimals": 18, "balance": str(10 * E18), "price": "2000", "tags": ["eth"]}],
    contracts=[{"address": WETH_ADDR, "kind": "weth"}])
case("wrap_and_unwrap_pass", "ETH wrapped into WETH and back, 1:1", PASS, treasury=NATIVE,
     actions=[{"type": "wrap", "amount": str(10 * E18)}, {"type": "unwrap", "amount": str(4 * E18)}])
case("wrap_more_than_held_infeasible", "wrapping more ETH than the account holds reverts",
     fail(f("action.infeasible", subject="ETH", path="/proposal/actions/0")), treasury=NATIVE,
     actions=[{"type": "wrap", "amount": str(11 * E18)}])
case("native_swap_on_weth_pool", "selling ETH on the WETH pair: the router wraps it",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": str(v2_out(E18, R_WETH, R_USDC))}]},
     treasury=NATIVE, actions=[{"type": "swap", "venue": "uni", "sell": "ETH", "buy": "USDC", "amount_in": str(E18)}])


# ---- allowlists -----------------------------------------------------------------------------------
ASSETS = {"assets": {"allow": ["stable", "eth"]}}
case("asset_allowed_pass", "buys WETH, allowed", PASS, policy=ASSETS, actions=[usdc_to_weth(1_000)])
case("asset_not_allowed_fail", "buys GOV, matched by no allowed selector",
     fail(f("asset.not_allowed", subject="GOV", path="/proposal/actions/0", rule_path="/policy/assets")),
     policy=ASSETS, actions=[otc("USDC", "GOV", 1_000 * E6, 100 * E18)])
case("asset_not_allowed_selling_passes", "selling a non-allowed asset is not a finding", PASS, policy=ASSETS,
     actions=[otc("GOV", "USDC", 100 * E18, 1 * E6)])
RECIPIENTS = {"recipients": {"allow": [ALICE]}}
case("recipient_allowed_pass", "transfer to the allowlisted address, written in upper case", PASS, policy=RECIPIENTS,
     actions=[{"type": "transfer", "asset": "USDC", "amount": str(1_000 * E6), "to": "0x" + "1" * 40}])
case("recipient_not_allowed_fail", "transfer to an address not on the allowlist",
     fail(f("recipient.not_allowed", subject=MALLORY, path="/proposal/actions/0", rule_path="/policy/recipients")),
     policy=RECIPIENTS, actions=[{"type": "transfer", "asset": "USDC", "amount": str(1_000 * E6), "to": MALLORY}])
case("recipient_mixed_case_matches", "addresses compare case-insensitively", PASS,
     policy={"recipients": {"allow": ["0xAbCdEf0000000000000000000000000000000001"]}},
     actions=[{"type": "transfer", "asset": "USDC", "amount": "1", "to": "0xabcdef0000000000000000000000000000000001"}])
VENUES = {"execution": {"venues": {"allow": ["uni"]}}}
case("venue_allowed_pass", "swap on the allowlisted venue", PASS, policy=VENUES, actions=[uni("USDC", "WETH", 1_000 * E6)])
case("venue_not_allowed_fail", "swap on a venue not on the allowlist",
     fail(f("venue.not_allowed", subject="otc", path="/proposal/actions/0", rule_path="/policy/execution/venues")),
     policy=VENUES, actions=[usdc_to_weth(1_000)])

# ---- infeasible actions ---------------------------------------------------------------------------
case("infeasible_balance_fail", "sells 4,000,001 USDC with 4,000,000: the batch reverts, later actions are not simulated",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="USDC", path="/proposal/actions/0")],
      "no_after": True, "actions": [{"index": 0, "type": "swap"}]},
     actions=[usdc_to_weth(4_000_001), usdc_to_weth(1)])
case("infeasible_at_limit_whole_balance", "sells exactly the whole balance: feasible", PASS,
     actions=[usdc_to_weth(4_000_000)])
case("infeasible_exact_out_reserve", "exact output of the whole WETH reserve cannot be filled",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="uni")], "no_after": True},
     actions=[{"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_out": str(R_WETH),
               "max_amount_in": str(4_000_000 * E6)}])
case("infeasible_transfer", "transfers more DAI than held",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="DAI")], "no_after": True},
     actions=[{"type": "transfer", "asset": "DAI", "amount": "1", "to": ALICE}])
case("infeasible_second_action_sees_first", "the second swap spends USDC the first already spent",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="USDC", path="/proposal/actions/1")],
      "actions": [{"index": 0}, {"index": 1}]},
     actions=[usdc_to_weth(3_000_000), usdc_to_weth(1_000_000 + 1)])

# ---- trade and proposal value ---------------------------------------------------------------------
TRADE = {"execution": {"max_trade_value": "500000"}}
case("trade_max_value_pass", "a 400,000 USD trade under 500,000", PASS, policy=TRADE, actions=[usdc_to_weth(400_000)])
case("trade_max_value_at_limit", "exactly 500,000 USD", PASS, policy=TRADE, actions=[usdc_to_weth(500_000)])
case("trade_max_value_fail", "500,000.000001 USD: one base unit over, the largest passing amount is 500,000 USDC",
     fail(f("trade.max_value", subject="otc", observed="500000.000001", limit="500000.000000", unit="USD",
            max_passing=str(500_000 * E6))),
     policy=TRADE, actions=[otc("USDC", "WETH", 500_000 * E6 + 1, 250 * E18)])
PROPOSAL_VALUE = {"execution": {"max_proposal_value": "500000"}}
case("proposal_max_value_pass", "two swaps of 100,000 + 200,000", PASS, policy=PROPOSAL_VALUE,
     actions=[usdc_to_weth(100_000), usdc_to_weth(200_000)])
case("proposal_max_value_at_limit", "300,000 + 200,000 = 500,000 exactly", PASS, policy=PROPOSAL_VALUE,
     actions=[usdc_to_weth(300_000), usdc_to_weth(200_000)])
case("proposal_max_value_fail", "300,000 + 200,001",
     fail(f("proposal.max_value", observed="500001.000000", limit="500000.000000", path="/policy/execution/max_proposal_value")),
     policy=PROPOSAL_VALUE, actions=[usdc_to_weth(300_000), usdc_to_weth(200_001)])

# ---- rolling budgets ------------------------------------------------------------------------------
BUDGET = {"execution": {"budgets": [{"window_hours": 168, "max_value": "800000"}]}}
HIST_IN = {"history": [{"at": "2026-11-17T20:00:00Z", "kind": "swap", "value": "300000", "loss": "0"}]}
case("budget_window_pass", "300,000 in the window + 400,000", PASS, policy=BUDGET, treasury=HIST_IN,
     actions=[usdc_to_weth(400_000)])
case("budget_window_at_limit", "300,000 in the window + 500,000 = 800,000", PASS, policy=BUDGET, treasury=HIST_IN,
     actions=[usdc_to_weth(500_000)])
case("budget_window_fail", "300,000 in the window + 500,001",
     fail(f("budget.window", observed="800001.000000", limit="800000.000000", before="300000.000000",
            path="/policy/execution/budgets/0")),
     policy=BUDGET, treasury=HIST_IN, actions=[usdc_to_weth(500_001)])
case("budget_window_history_outside", "history older than the window does not count; transfers never count", PASS,
     policy=BUDGET,
     treasury={"history": [{"at": "2026-11-13T23:59:59Z", "kind": "swap", "value": "1000000"},
                           {"at": "2026-11-20T00:00:00Z", "kind": "transfer", "value": "1000000"}]},
     actions=[usdc_to_weth(800_000)])
case("budget_window_edge_inclusive", "a history swap exactly window_hours before counts",
     fail(f("budget.window", observed="800001.000000", before="300001.000000")), policy=BUDGET,
     treasury={"history": [{"at": "2026-11-14T00:00:00Z", "kind": "swap", "value": "300001"}]},
     actions=[usdc_to_weth(500_000)])
LOSS_BUDGET = {"execution": {"loss_budget": {"window_hours": 168, "max_bps": 10}}}
HIST_LOSS = {"history": [{"at": "2026-11-18T00:00:00Z", "kind": "swap", "value": "1000000", "loss": "4000"}]}
# Selling 600,000 USDC for 297 WETH (594,000 USD) loses 6,000; with 4,000 in history: 10,000 = 10 bps of 10 M.
case("budget_loss_pass", "4,000 in history + 5,000", PASS, policy=LOSS_BUDGET, treasury=HIST_LOSS,
     actions=[otc("USDC", "WETH", 500_000 * E6, 247_500 * E18 // 1000)])
case("budget_loss_at_limit", "4,000 in history + 6,000 = 10 bps of NAV exactly", PASS, policy=LOSS_BUDGET,
     treasury=HIST_LOSS, actions=[otc("USDC", "WETH", 600_000 * E6, 297 * E18)])
case("budget_loss_fail", "4,000 + 6,000.000002",
     fail(f("budget.loss", observed="10.00", limit="10.00", before="4.00", path="/policy/execution/loss_budget")),
     policy=LOSS_BUDGET, treasury=HIST_LOSS, actions=[otc("USDC", "WETH", 600_000 * E6, 297 * E18 - 10**12)])
case("budget_loss_gains_do_not_refill", "a gain in history does not refill the loss budget",
     fail(f("budget.loss", observed="10.00", before="0.00")), policy=LOSS_BUDGET,
     treasury={"history": [{"at": "2026-11-18T00:00:00Z", "kind": "swap", "value": "1000000", "loss": "-50000"}]},
     actions=[otc("USDC", "WETH", 1_000_000 * E6, 495 * E18 - 1)])

# ---- cooldown -------------------------------------------------------------------------------------
COOLDOWN = {"execution": {"cooldown_hours": 24}}
case("cooldown_pass", "last swap 48 hours before", PASS, policy=COOLDOWN,
     treasury={"history": [{"at": "2026-11-19T00:00:00Z", "kind": "swap", "value": "1"}]}, actions=[usdc_to_weth(1)])
case("cooldown_at_limit", "last swap exactly 24 hours before", PASS, policy=COOLDOWN,
     treasury={"history": [{"at": "2026-11-20T00:00:00Z", "kind": "swap", "value": "1"}]}, actions=[usdc_to_weth(1)])
case("cooldown_fail", "last swap 23:59:59 before",
     fail(f("cooldown", observed="24.00", limit="24.00", unit="hours", path="/policy/execution/cooldown_hours")),
     policy=COOLDOWN,
     treasury={"history": [{"at": "2026-11-20T00:00:01Z", "kind": "swap", "value": "1"},
                           {"at": "2026-11-19T00:00:00Z", "kind": "swap", "value": "1"}]},
     actions=[usdc_to_weth(1)])
case("cooldown_transfers_ignored", "a recent transfer does not start the cooldown", PASS, policy=COOLDOWN,
     treasury={"history": [{"at": "2026-11-20T23:00:00Z", "kind": "transfer", "value": "1"}]},
     actions=[usdc_to_weth(1)])

# ---- per-swap: loss -------------------------------------------------------------------------------
LOSS = {"execution": {"max_loss_bps": 100}}
case("swap_loss_pass", "0.5 % loss", PASS, policy=LOSS, actions=[otc("USDC", "WETH", 1_000_000 * E6, 4975 * 10**17)])
case("swap_loss_at_limit", "1,000,000 USDC for 495 WETH: exactly 1 % loss", PASS, policy=LOSS,
     actions=[otc("USDC", "WETH", 1_000_000 * E6, 495 * E18)])
case("swap_loss_fail_limit_order", "one wei less than 495 WETH",
     fail(f("swap.loss", observed="100.00", limit="100.00", path="/proposal/actions/0",
            rule_path="/policy/execution/max_loss_bps")),
     policy=LOSS, actions=[otc("USDC", "WETH", 1_000_000 * E6, 495 * E18 - 1)])


def v2_loss_exceeds(amount_in, limit_bps):
    out = v2_out(amount_in, R_USDC, R_WETH)
    value_in = amount_in * 10**18 // 10**6       # USDC at 1, wad
    value_out = out * 2000                      # WETH at 2000, wad
    return (value_in - value_out) * 10000 > limit_bps * value_in


big = 400_000 * E6  # 2 % of the pool: loss and impact well above 1 %
mp = largest_passing(big, lambda a: not v2_loss_exceeds(a, 100))
case("swap_loss_fail_v2_max_passing", "400,000 USDC into the v2 pool loses more than 1 %; the largest passing input is"
     " computed independently by bisection on the v2 formula",
     fail(f("swap.loss", subject="uni", max_passing=str(mp))), policy=LOSS, actions=[uni("USDC", "WETH", big)])
assert not v2_loss_exceeds(mp, 100) and v2_loss_exceeds(mp + 1, 100)

# ---- the suggested fix: pool share is linear in the amount, so its largest passing input is exact --
SUGGEST = {"execution": {"max_pool_share_bps": 500, "max_slippage_bps": 100}}
fix_in = R_USDC * 500 // 10000                   # 5 % of the USDC reserve
fix_min_out = -(-v2_out(fix_in, R_USDC, R_WETH) * 9900 // 10000)   # ceil: tolerance exactly 1 %
case("suggested_fix_pool_share_and_slippage", "1.5 M USDC (7.5 % of the pool) with no min_amount_out: the suggested "
     "fix is 1 M USDC (5 %) with the min_amount_out that gives exactly 1 % tolerance at that size",
     {"verdict": "fail", "findings": [f("swap.pool_share", subject="uni"), f("swap.slippage", subject="uni")],
      "actions": [{"index": 0, "suggested": {"amount_in": str(fix_in), "min_amount_out": str(fix_min_out)}}]},
     policy=SUGGEST, actions=[uni("USDC", "WETH", 1_500_000 * E6)])

# ---- per-swap: price impact -----------------------------------------------------------------------
IMPACT = {"execution": {"max_price_impact_bps": 50}}
case("swap_price_impact_pass", "1,000 USDC into a 20 M USDC pool", PASS, policy=IMPACT, actions=[uni("USDC", "WETH", 1_000 * E6)])
mp = largest_passing(big, lambda a: not v2_impact_exceeds(a, R_USDC, R_WETH, 50))
case("swap_price_impact_fail", "400,000 USDC moves the price ~2 %",
     fail(f("swap.price_impact", subject="uni", limit="50.00", max_passing=str(mp))), policy=IMPACT,
     actions=[uni("USDC", "WETH", big)])
assert not v2_impact_exceeds(mp, R_USDC, R_WETH, 50) and v2_impact_exceeds(mp + 1, R_USDC, R_WETH, 50)
# At the limit: with R_in = 199 * 9970 and R_out = 2,000,000, an input of 10,000 has exactly 50 bps of impact
# (in * 9970 = 99,700,000 = R_in * 10000 / 199; out = 10,000 with no rounding).
IMPACT_TREASURY = {
    "assets": BASE_TREASURY["assets"] + [
        {"id": "AAA", "decimals": 0, "balance": "100000", "price": "1", "tags": ["test"]},
        {"id": "BBB", "decimals": 0, "balance": "0", "price": "1", "tags": ["test"]}],
    "venues": BASE_TREASURY["venues"] + [
        {"id": "exact", "kind": "uniswap_v2", "token0": "AAA", "token1": "BBB", "reserve0": str(199 * 9970),
         "reserve1": "2000000", "fee_bps": 30}]}
assert v2_out(10_000, 199 * 9970, 2_000_000) == 10_000
case("swap_price_impact_at_limit", "exactly 50.00 bps of price impact passes",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": "10000", "price_impact_bps": "50.00"}]},
     policy=IMPACT, treasury=IMPACT_TREASURY,
     actions=[{"type": "swap", "venue": "exact", "sell": "AAA", "buy": "BBB", "amount_in": "10000"}])
case("swap_price_impact_just_over", "10,001 in: just over 50 bps",
     fail(f("swap.price_impact", subject="exact", max_passing="10000")), policy=IMPACT, treasury=IMPACT_TREASURY,
     actions=[{"type": "swap", "venue": "exact", "sell": "AAA", "buy": "BBB", "amount_in": "10001"}])

# ---- per-swap: slippage tolerance, min-out ---------------------------------------------------------
SLIP = {"execution": {"max_slippage_bps": 100}}
amt = 10_000 * E6
while v2_out(amt, R_USDC, R_WETH) % 100 != 0:
    amt += 1
exp = v2_out(amt, R_USDC, R_WETH)
case("swap_slippage_pass", "min out equal to the expected output: 0 bps", PASS, policy=SLIP,
     actions=[uni("USDC", "WETH", amt, exp)])
case("swap_slippage_at_limit", "min out exactly 1 % under the expected output", PASS, policy=SLIP,
     actions=[uni("USDC", "WETH", amt, exp - exp // 100)])
case("swap_slippage_fail", "min out 1 % + 1 wei under",
     fail(f("swap.slippage", observed="100.00", limit="100.00")), policy=SLIP,
     actions=[uni("USDC", "WETH", amt, exp - exp // 100 - 1)])
case("swap_slippage_missing_min_out", "no min out: any output accepted, 10000 bps",
     fail(f("swap.slippage", observed="10000.00")), policy=SLIP, actions=[uni("USDC", "WETH", amt)])
exact_out = 5 * E18
exp_in = v2_in(exact_out, R_USDC, R_WETH)
case("swap_slippage_exact_out", "exact output with max in 2 % above the expected input",
     {"verdict": "fail", "findings": [f("swap.slippage", observed=fixed(exp_in * 2 // 100 * 10000, exp_in, 2))],
      "actions": [{"index": 0, "amount_out": str(exact_out), "expected_in": str(exp_in)}]},
     policy=SLIP,
     actions=[{"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_out": str(exact_out),
               "max_amount_in": str(exp_in + exp_in * 2 // 100)}])
case("swap_slippage_exact_out_unbounded", "exact output with no max in: unbounded",
     fail(f("swap.slippage", limit="100.00")), policy=SLIP,
     actions=[{"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_out": str(exact_out)}])
MINOUT = {"execution": {"require_min_out": True}}
case("swap_min_out_present_pass", "min out given", PASS, policy=MINOUT, actions=[uni("USDC", "WETH", amt, 1)])
case("swap_min_out_missing_fail", "no min out while required",
     fail(f("swap.min_out_missing", path="/proposal/actions/0", rule_path="/policy/execution/require_min_out")),
     policy=MINOUT, actions=[uni("USDC", "WETH", amt)])
case("swap_min_out_not_required", "no min out, not required", PASS,
     policy={"execution": {"require_min_out": False}}, actions=[uni("USDC", "WETH", amt)])
case("swap_min_out_unreachable_warning", "min out one wei above the simulated output: reverts at the snapshot",
     warn(f("swap.min_out_unreachable", "warning", observed=str(exp + 1), limit=str(exp), unit="WETH")),
     actions=[uni("USDC", "WETH", amt, exp + 1)])
case("swap_min_out_unreachable_at_limit", "min out equal to the simulated output is reachable", PASS,
     actions=[uni("USDC", "WETH", amt, exp)])

# ---- per-swap: pool share, oracle deviation --------------------------------------------------------
SHARE = {"execution": {"max_pool_share_bps": 1000}}
case("swap_pool_share_pass", "5 % of the USDC reserve", PASS, policy=SHARE,
     actions=[uni("USDC", "WETH", 1_000_000 * E6, 1)])
case("swap_pool_share_at_limit", "exactly 10 % of the reserve", PASS, policy=SHARE,
     actions=[uni("USDC", "WETH", 2_000_000 * E6, 1)])
case("swap_pool_share_fail", "10 % + 1 base unit; the largest passing amount is exactly 10 %",
     fail(f("swap.pool_share", observed="1000.00", limit="1000.00", max_passing=str(2_000_000 * E6))), policy=SHARE,
     actions=[uni("USDC", "WETH", 2_000_000 * E6 + 1, 1)])
ORACLE = {"execution": {"max_oracle_deviation_bps": 200}}


def weth_price(p):
    t = treasury_with()
    t["assets"][1]["price"] = p
    return t


case("swap_oracle_deviation_pass", "pool at the oracle price", PASS, policy=ORACLE, actions=[uni("USDC", "WETH", 1_000 * E6, 1)])
case("swap_oracle_deviation_at_limit", "oracle 2040 vs pool 2000: exactly 2 %",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "oracle_deviation_bps": "200.00"}]}, policy=ORACLE,
     treasury=weth_price("2040"), actions=[uni("USDC", "WETH", 1_000 * E6, 1)])
case("swap_oracle_deviation_fail", "oracle 2040.000000000000000001: just over 2 %",
     fail(f("swap.oracle_deviation", observed="200.00", limit="200.00")), policy=ORACLE,
     treasury=weth_price("2040.000000000000000001"), actions=[uni("USDC", "WETH", 1_000 * E6, 1)])

# ---- per-swap: rebalance_only ----------------------------------------------------------------------
REBAL = {"targets": [{"select": "eth", "weight_bps": 6000, "band_bps": 10000},
                     {"select": "stable", "weight_bps": 4000, "band_bps": 10000}],
         "execution": {"rebalance_only": True}}
case("swap_increases_drift_fail", "buying more ETH at target raises total drift",
     fail(f("swap.increases_drift", observed="200.00", before="0.00", path="/proposal/actions/0",
            rule_path="/policy/execution/rebalance_only")),
     policy=REBAL, actions=[usdc_to_weth(100_000)])
case("swap_increases_drift_pass", "selling ETH from 70 % lowers total drift", PASS, policy=REBAL,
     treasury=treasury_with(usdc=3_000_000, weth=3_500), actions=[otc("WETH", "USDC", 100 * E18, 200_000 * E6)])
case("swap_increases_drift_at_limit", "USDC to DAI keeps total drift unchanged", PASS, policy=REBAL,
     actions=[otc("USDC", "DAI", 100_000 * E6, 100_000 * E18)])
case("swap_increases_drift_sequential", "each swap is judged on the state the previous one left",
     fail(f("swap.increases_drift", path="/proposal/actions/1", observed="200.00", before="0.00")), policy=REBAL,
     treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[otc("WETH", "USDC", 500 * E18, 1_000_000 * E6), otc("WETH", "USDC", 50 * E18, 100_000 * E6)])



def transfer(asset, amount, to=ALICE):
    return {"type": "transfer", "asset": asset, "amount": str(amount), "to": to}


def drift_bps(eth_usd, stable_usd):
    """Total drift of the 60/40 eth/stable targets, in bps, for a treasury holding only those."""
    nav = eth_usd + stable_usd
    return fixed(2 * abs(eth_usd * 10000 - 6000 * nav), nav, 2)


# A transfer between swaps moves the baseline: each swap is judged on the state the previous
# action left, whatever its type.
case("swap_increases_drift_after_transfer_raising", "a transfer raises drift to 1333.33; the swap after it lowers "
     "drift to 888.89, still above the 0.00 before the transfer: passes", PASS, policy=REBAL,
     actions=[transfer("USDC", 1_000_000 * E6), otc("WETH", "USDC", 100 * E18, 200_000 * E6)])
case("swap_increases_drift_after_transfer_lowering", "a transfer lowers drift from 2000.00 to 1333.33; the swap after "
     "it raises drift to 1777.78, still below the 2000.00 before the transfer: fails",
     fail(f("swap.increases_drift", path="/proposal/actions/1", observed=drift_bps(6_200_000, 2_800_000),
            before=drift_bps(6_000_000, 3_000_000))),
     policy=REBAL, treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[transfer("WETH", 500 * E18), usdc_to_weth(200_000)])
case("swap_increases_drift_swap_transfer_swap_raising", "swap to 1000.00, a transfer raises drift to 2444.44, the "
     "second swap lowers it to 2000.00 (above the first swap's 1000.00): passes", PASS, policy=REBAL,
     treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[otc("WETH", "USDC", 250 * E18, 500_000 * E6), transfer("USDC", 1_000_000 * E6),
              otc("WETH", "USDC", 100 * E18, 200_000 * E6)])
case("swap_increases_drift_swap_transfer_swap_lowering", "swap to 1000.00, a transfer lowers drift to 631.58, the "
     "second swap raises it to 842.11 (below the first swap's 1000.00): fails",
     fail(f("swap.increases_drift", path="/proposal/actions/2", observed=drift_bps(6_100_000, 3_400_000),
            before=drift_bps(6_000_000, 3_500_000))),
     policy=REBAL, treasury=treasury_with(usdc=3_000_000, weth=3_500),
     actions=[otc("WETH", "USDC", 250 * E18, 500_000 * E6), transfer("WETH", 250 * E18), usdc_to_weth(100_000)])
assert drift_bps(6_200_000, 2_800_000) == "1777.78" and drift_bps(6_100_000, 3_400_000) == "842.11"

# ---- allocation claims ----------------------------------------------------------------------------
case("allocation_exact_pass", "claims eth 64 % with no tolerance, simulated 64 %", PASS,
     proposal={"allocation": [{"select": "eth", "weight_bps": 6400}]}, actions=[usdc_to_weth(400_000)])
case("allocation_at_limit", "claims 64.5 % +/- 0.5 %, simulated 64 %", PASS,
     proposal={"allocation": [{"select": "eth", "weight_bps": 6450, "tolerance_bps": 50}]},
     actions=[usdc_to_weth(400_000)])
case("allocation_mismatch_fail", "claims 64.51 % +/- 0.5 %",
     fail(f("allocation.mismatch", subject="eth", observed="6400.00", limit="6451.00", path="/proposal/allocation/0")),
     proposal={"allocation": [{"select": "eth", "weight_bps": 6451, "tolerance_bps": 50}]},
     actions=[usdc_to_weth(400_000)])

# ---- stress ---------------------------------------------------------------------------------------
STRESS_MIN = {"limits": [{"select": "stable", "min_bps": 2500}]}


def stress_policy(change, severity=None):
    s = {"name": "ETH x2" if change == 10000 else "ETH shock", "shocks": [{"select": "eth", "change_bps": change}],
         "check": ["limits"]}
    if severity:
        s["severity"] = severity
    return dict(STRESS_MIN, stress=[s])


case("stress_pass", "ETH -50 %: stable weight rises", {"verdict": "pass", "findings": [],
     "stress": [{"name": "ETH shock", "findings": []}]}, policy=stress_policy(-5000), actions=[usdc_to_weth(100_000)])
case("stress_at_limit", "ETH doubles: stable exactly 25 %", {"verdict": "pass", "findings": [],
     "stress": [{"name": "ETH x2", "findings": []}]}, policy=stress_policy(10000), actions=[])
case("stress_fail", "ETH doubles after buying more ETH: stable under 25 %, made worse by the proposal",
     {"verdict": "fail", "findings": [],
      "stress": [{"name": "ETH x2", "findings": [f("stress.limit.min", observed="2422.36", limit="2500.00",
                                                    before="2500.00")]}]},
     policy=stress_policy(10000), actions=[usdc_to_weth(100_000)])
case("stress_severity_warning", "a scenario with severity warning only warns",
     {"verdict": "pass", "findings": [],
      "stress": [{"name": "ETH x2", "findings": [f("stress.limit.min", "warning")]}]},
     policy=stress_policy(10000, "warning"), actions=[usdc_to_weth(100_000)])
case("stress_price_floor_zero", "a shock below -100 % floors prices at zero",
     {"verdict": "pass", "findings": [],
      "stress": [{"name": "ETH shock", "findings": [f("stress.limit.max", observed="10000.00", before="10000.00",
                                                       severity="warning")]}]},
     policy={"limits": [{"select": "stable", "max_bps": 9000}],
             "stress": [{"name": "ETH shock", "shocks": [{"select": "eth", "change_bps": -20000}]}]},
     actions=[])

# ---- sequential pool state and exact output -------------------------------------------------------
a1, a2 = 100_000 * E6, 200_000 * E6
o1 = v2_out(a1, R_USDC, R_WETH)
o2 = v2_out(a2, R_USDC + a1, R_WETH - o1)
back = v2_out(o1, R_WETH - o1 - o2, R_USDC + a1 + a2)
case("sequential_same_pool", "a later swap sees the pool as the earlier one left it (outputs from the v2 formula)",
     {"verdict": "pass", "findings": [],
      "actions": [{"index": 0, "expected_out": str(o1)}, {"index": 1, "expected_out": str(o2)},
                  {"index": 2, "expected_out": str(back)}]},
     actions=[uni("USDC", "WETH", a1), uni("USDC", "WETH", a2), uni("WETH", "USDC", o1)])
assert o2 < o1 * 2  # the second swap gets a worse price
eo = 50 * E18
ei = v2_in(eo, R_USDC, R_WETH)
case("exact_output_swap", "exact output: expected input by getAmountIn, bounded by max_amount_in",
     {"verdict": "pass", "findings": [],
      "actions": [{"index": 0, "amount_out": str(eo), "expected_in": str(ei), "max_amount_in": str(ei),
                   "slippage_bps": "0.00"}]},
     policy={"execution": {"max_slippage_bps": 0, "require_min_out": True}},
     actions=[{"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_out": str(eo),
               "max_amount_in": str(ei)}])
case("exact_output_then_exact_input", "an exact-output swap moves the pool for the next exact-input swap",
     {"verdict": "pass", "findings": [],
      "actions": [{"index": 0, "expected_in": str(ei)},
                  {"index": 1, "expected_out": str(v2_out(E6 * 1000, R_USDC + ei, R_WETH - eo))}]},
     actions=[{"type": "swap", "venue": "uni", "sell": "USDC", "buy": "WETH", "amount_out": str(eo)},
              uni("USDC", "WETH", 1000 * E6)])
case("transfer_value_conserved", "a transfer reduces NAV by its value",
     {"verdict": "pass", "findings": [], "after_nav": "9000000.000000"},
     actions=[{"type": "transfer", "asset": "USDC", "amount": str(1_000_000 * E6), "to": ALICE}])

# ---- Uniswap v3 and Curve venues ----------------------------------------------------------------
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import curve_vectors as cv  # noqa: E402  (the independent Python port of the StableSwap template)

Q96 = 2**96
V3_ASSETS = [{"id": "AAA", "decimals": 18, "balance": str(10 * E18), "price": "1", "tags": ["test"]},
             {"id": "BBB", "decimals": 18, "balance": str(10 * E18), "price": "1", "tags": ["test"]}]
# v3-core's swap-test pool "medium fee, 1:1 price, 2e18 max range liquidity".
V3_POOL = {"id": "v3", "kind": "uniswap_v3", "token0": "AAA", "token1": "BBB", "fee_pips": 3000, "tick_spacing": 60,
           "sqrt_price_x96": str(Q96), "tick": 0, "liquidity": str(2 * E18),
           "ticks": [{"index": -887220, "liquidity_net": str(2 * E18)}, {"index": 887220, "liquidity_net": str(-2 * E18)}]}


def v3_treasury(pool=None, prices=None):
    assets = copy.deepcopy(BASE_TREASURY["assets"] + V3_ASSETS)
    for k, v in (prices or {}).items():
        next(a for a in assets if a["id"] == k)["price"] = v
    return {"assets": assets, "venues": BASE_TREASURY["venues"] + [pool or V3_POOL]}


def v3_swap(sell, buy, amount, exact_in=True, bound=None):
    a = {"type": "swap", "venue": "v3", "sell": sell, "buy": buy}
    a["amount_in" if exact_in else "amount_out"] = str(amount)
    if bound is not None:
        a["min_amount_out" if exact_in else "max_amount_in"] = str(bound)
    return a


case("v3_exact_in_snapshot", "1 AAA (token0) in: 665331998665331998 BBB out, as in v3-core's swap snapshot",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": "665331998665331998"}]},
     treasury=v3_treasury(), actions=[v3_swap("AAA", "BBB", E18)])
case("v3_exact_out_snapshot", "exactly 1 BBB out costs 2006018054162487463 AAA, as in v3-core's swap snapshot",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_in": "2006018054162487463"}]},
     treasury=v3_treasury(), actions=[v3_swap("AAA", "BBB", E18, exact_in=False)])
case("v3_reverse_direction_snapshot", "1 BBB (token1) in: 665331998665331998 AAA out",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": "665331998665331998"}]},
     treasury=v3_treasury(), actions=[v3_swap("BBB", "AAA", E18)])
case("v3_pool_share_at_limit", "the active virtual reserve of token0 is L*2^96/sqrtP = 2e18: 2e17 in is exactly 10 %",
     PASS, policy=SHARE, treasury=v3_treasury(), actions=[v3_swap("AAA", "BBB", 2 * 10**17)])
case("v3_pool_share_fail", "2e17 + 1 in: over 10 %, the largest passing input is 2e17",
     fail(f("swap.pool_share", subject="v3", max_passing=str(2 * 10**17))), policy=SHARE, treasury=v3_treasury(),
     actions=[v3_swap("AAA", "BBB", 2 * 10**17 + 1)])
case("v3_oracle_deviation_at_limit", "pool mid 1 BBB per AAA, oracle 1/1.02: exactly 2 %",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "oracle_deviation_bps": "200.00"}]}, policy=ORACLE,
     treasury=v3_treasury(prices={"BBB": "1.02"}), actions=[v3_swap("AAA", "BBB", 1000)])
case("v3_price_impact_fail", "1 AAA into 2e18 of liquidity moves the price far",
     fail(f("swap.price_impact", subject="v3")), policy=IMPACT, treasury=v3_treasury(), actions=[v3_swap("AAA", "BBB", E18)])
# Pools and results of v3-core's swap-test snapshot (tests/data/uniswap_v3_pool_swaps.json, written
# from the snapshot by tests/data/uniswap_v3_pool_swaps.py).
V3_SNAPSHOT = json.load(open(os.path.join(HERE, "..", "data", "uniswap_v3_pool_swaps.json")))


def v3_snapshot_pool(name):
    """The snapshot's pool as a venue: the ticks its positions initialize, no tick_window."""
    p = V3_SNAPSHOT["pools"][name]
    first = next(s for s in V3_SNAPSHOT["swaps"] if s["pool"] == name)
    net, liquidity = {}, 0
    for lo, hi, liq in p["positions"]:
        net[lo] = net.get(lo, 0) + int(liq)
        net[hi] = net.get(hi, 0) - int(liq)
        if lo <= first["tick_before"] < hi:
            liquidity += int(liq)
    return dict(V3_POOL, fee_pips=p["fee_pips"], tick_spacing=p["tick_spacing"], sqrt_price_x96=p["sqrt_price_x96"],
                tick=first["tick_before"], liquidity=str(liquidity),
                ticks=[{"index": i, "liquidity_net": str(n)} for i, n in sorted(net.items())])


def v3_snapshot_swap(pool, case_name):
    return next(s for s in V3_SNAPSHOT["swaps"] if s["pool"] == pool and s["case"] == case_name)


MIN_POOL = "initialized at the min ratio"
snap = v3_snapshot_swap(MIN_POOL, "swap exactly 1.0000 token1 for token0")
case("v3_price_outside_every_position", "a pool at the minimum price, below its only position (v3-core's "
     "'initialized at the min ratio'): accepted; 1 BBB in crosses into the position and buys the snapshot's amount",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": str(-int(snap["amount0"]))}]},
     treasury=v3_treasury(v3_snapshot_pool(MIN_POOL)), actions=[v3_swap("BBB", "AAA", E18)])
case("v3_price_outside_every_position_exhausted", "the same pool: selling AAA would take the price below the tick "
     "window (the current tick is its lower end): infeasible",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="v3")], "no_after": True},
     treasury=v3_treasury(v3_snapshot_pool(MIN_POOL)), actions=[v3_swap("AAA", "BBB", 1000)])
MAX_POOL = "close to max price"
snap = v3_snapshot_swap(MAX_POOL, "swap exactly 0.0000000000000010000 token1 for token0")
assert snap["amount0"] == "0" and snap["amount1"] == "1000"
case("v3_swap_buys_nothing_executes", "1,000 wei of BBB into v3-core's 'close to max price' pool buys 0 AAA, and "
     "the pool executes it: a 100 % loss, and the transfer after it is simulated",
     {"verdict": "fail", "findings": [f("swap.loss", subject="v3", path="/proposal/actions/0", observed="10000.00",
                                        limit="100.00")],
      "actions": [{"index": 0, "expected_out": "0", "loss_bps": "10000.00"}, {"index": 1, "type": "transfer"}]},
     policy=LOSS, treasury=v3_treasury(v3_snapshot_pool(MAX_POOL)),
     actions=[v3_swap("BBB", "AAA", 1000), transfer("AAA", E18)])
WINDOW = dict(V3_POOL, ticks=[{"index": -600, "liquidity_net": str(2 * E18)}, {"index": 600, "liquidity_net": str(-2 * E18)}])
# The full-range position's ticks lie outside the stated window: inside it no tick is initialized.
STATED_WINDOW = dict(V3_POOL, ticks=[], tick_window=[-600, 600])
case("v3_tick_window_stated", "tick_window [-600, 600] with no initialized tick inside it: a swap inside it is "
     "simulated as in the full pool",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": "996"}]},
     treasury=v3_treasury(STATED_WINDOW), actions=[v3_swap("AAA", "BBB", 1000)])
case("v3_tick_window_stated_exhausted", "the same window: 1 AAA would move the price below tick -600: infeasible",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="v3")], "no_after": True},
     treasury=v3_treasury(STATED_WINDOW), actions=[v3_swap("AAA", "BBB", E18)])
case("v3_tick_data_exhausted", "the swap would move the price past the last tick provided: infeasible, not a guess",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="v3")], "no_after": True},
     treasury=v3_treasury(WINDOW), actions=[v3_swap("AAA", "BBB", E18)])
case("v3_within_window", "a swap that stays inside the tick window is simulated",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": "996"}]},
     treasury=v3_treasury(WINDOW), actions=[v3_swap("AAA", "BBB", 1000)])

CURVE_BAL = [50_000_000 * E18, 50_000_000 * E6, 50_000_000 * E6]
CURVE_VENUE = {"id": "crv", "kind": "curve_stableswap", "coins": ["DAI", "USDC", "USDT"],
               "balances": [str(b) for b in CURVE_BAL], "amp": 2000, "fee": "1000000", "admin_fee": "5000000000"}
USDT = {"id": "USDT", "decimals": 6, "balance": str(1_000_000 * E6), "price": "1", "tags": ["stable"]}


def curve_treasury(venue=None):
    return {"assets": copy.deepcopy(BASE_TREASURY["assets"]) + [copy.deepcopy(USDT)],
            "venues": BASE_TREASURY["venues"] + [venue or CURVE_VENUE]}


def curve_pool_model():
    return cv.pool([18, 6, 6], list(CURVE_BAL), 2000, 1_000_000, 5 * 10**9)


def crv(sell, buy, amount, exact_in=True):
    a = {"type": "swap", "venue": "crv", "sell": sell, "buy": buy}
    a["amount_in" if exact_in else "amount_out"] = str(amount)
    return a


cp = curve_pool_model()
out1 = cv.exchange(cp, 1, 0, 1_000_000 * E6)   # USDC -> DAI
out2 = cv.exchange(cp, 2, 0, 1_000_000 * E6)   # USDT -> DAI, on the balances the first left
case("curve_sequential_exchanges", "two exchanges on the 3-coin pool; the second sees the balances (admin fee out) the first left",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_out": str(out1)}, {"index": 1, "expected_out": str(out2)}]},
     treasury=curve_treasury(), actions=[crv("USDC", "DAI", 1_000_000 * E6), crv("USDT", "DAI", 1_000_000 * E6)])
cp = curve_pool_model()
want = 500_000 * E6
lo, hi = 0, 1
while cv.get_dy(cp, 0, 1, hi) < want:
    hi *= 2
while hi - lo > 1:
    mid = (lo + hi) // 2
    lo, hi = (lo, mid) if cv.get_dy(cp, 0, 1, mid) >= want else (mid, hi)
case("curve_exact_output", "exactly 500,000 USDC out: the least DAI in whose get_dy reaches it",
     {"verdict": "pass", "findings": [], "actions": [{"index": 0, "expected_in": str(hi)}]},
     treasury=curve_treasury({**CURVE_VENUE, "balances": [str(b) for b in CURVE_BAL]}),
     actions=[crv("DAI", "USDC", want, exact_in=False)])
CASES["curve_exact_output"]["case"]["treasury"]["assets"][2]["balance"] = str(1_000_000 * E18)
case("curve_pool_share_fail", "selling 4 M USDC into a 50 M USDC balance: 8 %; the largest passing input is 5 %",
     fail(f("swap.pool_share", subject="crv", observed="800.00", limit="500.00", max_passing=str(2_500_000 * E6))),
     policy={"execution": {"max_pool_share_bps": 500}}, treasury=curve_treasury(), actions=[crv("USDC", "DAI", 4_000_000 * E6)])
cp = curve_pool_model()
assert cv.exchange(cp, 0, 1, 10**9) == 0
case("curve_swap_buys_nothing_executes", "10^9 wei of DAI buys 0 USDC and exchange() executes it: a 100 % loss, "
     "and the swap after it is simulated on the pool it left",
     {"verdict": "fail", "findings": [f("swap.loss", subject="crv", path="/proposal/actions/0", observed="10000.00")],
      "actions": [{"index": 0, "expected_out": "0"}, {"index": 1, "expected_out": str(cv.exchange(cp, 1, 0, E6))}]},
     policy=LOSS, treasury=curve_treasury(), actions=[crv("DAI", "USDC", 10**9), crv("USDC", "DAI", E6)])
CASES["curve_swap_buys_nothing_executes"]["case"]["treasury"]["assets"][2]["balance"] = str(E18)
case("curve_cannot_pay", "more USDT out than the pool holds: infeasible",
     {"verdict": "fail", "findings": [f("action.infeasible", subject="crv")], "no_after": True},
     treasury=curve_treasury(), actions=[crv("USDC", "USDT", 50_000_001 * E6, exact_in=False)])


# ---- input errors: one case per code --------------------------------------------------------------
def err(code, document, path):
    return {"verdict": "error", "errors": [{"code": code, "document": document, "path": path}]}


raw_case("error_json_syntax", "truncated JSON", '{"ballast": "case/1", "policy": {',
         err("json.syntax", "case", "/policy"))
raw_case("error_json_empty", "empty input", "", err("json.syntax", "case", ""))
raw_case("error_json_invalid_utf8", "invalid UTF-8 inside a string", b'{"ballast": "case/1\xff"}',
         err("json.syntax", "case", "/ballast"))
raw_case("error_json_duplicate_key", "a duplicate key cannot silently override a rule",
         json.dumps({"ballast": "case/1"})[:-1] + ', "ballast": "case/1"}',
         {"verdict": "error", "errors": [{"code": "json.duplicate_key", "path": "/ballast"},
                                         {"code": "field.missing", "path": "/policy"},
                                         {"code": "field.missing", "path": "/proposal"},
                                         {"code": "field.missing", "path": "/treasury"}]})
raw_case("error_nesting_depth", "nesting deeper than 64 levels", "[" * 100000 + "]" * 100000,
         err("limit.too_large", "case", "/" + "/".join(["0"] * 64)))


def mutate(name, description, expect, fn, base_actions=None):
    case(name, description, expect, actions=base_actions if base_actions is not None else [usdc_to_weth(1)])
    fn(CASES[name]["case"])


mutate("error_kind_unknown", "an unknown document kind", err("kind.unknown", "policy", "/ballast"),
       lambda c: c["policy"].update(ballast="policy/2"))
mutate("error_kind_mismatch", "a treasury where the policy belongs",
       {"verdict": "error", "errors": [{"code": "kind.mismatch", "document": "policy", "path": "/ballast"}]},
       lambda c: c["policy"].update(ballast="treasury/1"))
mutate("error_field_unknown", "a misspelt rule field is an error, not silently ignored",
       err("field.unknown", "policy", "/limits/0/max_bsp"),
       lambda c: c["policy"].update(limits=[{"select": "eth", "max_bps": 6000, "max_bsp": 5000}]))
mutate("error_field_missing", "an asset without a balance", err("field.missing", "treasury", "/assets/0/balance"),
       lambda c: c["treasury"]["assets"][0].pop("balance"))
mutate("error_type_mismatch", "actions as an object", err("type.mismatch", "proposal", "/actions"),
       lambda c: c["proposal"].update(actions={}))
mutate("error_type_amount_number", "an amount as a JSON number", err("type.amount", "treasury", "/assets/1/balance"),
       lambda c: c["treasury"]["assets"][1].update(balance=3000))
mutate("error_type_amount_2_256", "an amount of 2^256",
       err("type.amount", "proposal", "/actions/0/amount_in"),
       lambda c: c["proposal"]["actions"][0].update(amount_in=str(2**256)))
mutate("error_type_amount_negative", "a negative amount", err("type.amount", "proposal", "/actions/0/min_amount_out"),
       lambda c: c["proposal"]["actions"][0].update(min_amount_out="-1"))
mutate("error_type_decimal_exponent", "a price in exponent notation", err("type.decimal", "treasury", "/assets/0/price"),
       lambda c: c["treasury"]["assets"][0].update(price="1e0"))
mutate("error_type_decimal_number", "a decimal as a JSON number", err("type.decimal", "policy", "/floors/0/min_months"),
       lambda c: c["policy"].update(floors=[{"select": "stable", "min_months": 36}]))
mutate("error_type_bps", "bps as a string", err("type.bps", "policy", "/targets/0/weight_bps"),
       lambda c: c["policy"].update(targets=[{"select": "eth", "weight_bps": "6000"}]))
mutate("error_type_bps_fraction", "bps with a fraction", err("type.bps", "policy", "/execution/max_loss_bps"),
       lambda c: c["policy"].update(execution={"max_loss_bps": 1.5}))
mutate("error_type_integer", "decimals as a string", err("type.integer", "treasury", "/assets/0/decimals"),
       lambda c: c["treasury"]["assets"][0].update(decimals="6"))
mutate("error_type_time", "a time with an offset instead of Z", err("type.time", "treasury", "/as_of"),
       lambda c: c["treasury"].update(as_of="2026-11-20T00:00:00+01:00"))
mutate("error_type_id", "an asset id with a space", err("type.id", "treasury", "/assets/3/id"),
       lambda c: c["treasury"]["assets"][3].update(id="GOV TOKEN"))
mutate("error_type_address", "a short address", err("type.address", "treasury", "/assets/0/address"),
       lambda c: c["treasury"]["assets"][0].update(address="0x1234"))
mutate("error_type_selector", "a selector with a space", err("type.selector", "policy", "/limits/0/select"),
       lambda c: c["policy"].update(limits=[{"select": "eth tokens", "max_bps": 5000}]))
mutate("error_value_range", "a weight above 10000 bps", err("value.range", "policy", "/targets/0/weight_bps"),
       lambda c: c["policy"].update(targets=[{"select": "eth", "weight_bps": 12000}]))
mutate("error_value_range_severity", "an unknown severity", err("value.range", "policy", "/limits/0/severity"),
       lambda c: c["policy"].update(limits=[{"select": "eth", "max_bps": 5000, "severity": "fatal"}]))
mutate("error_id_duplicate", "two assets with one id", err("id.duplicate", "treasury", "/assets/3/id"),
       lambda c: c["treasury"]["assets"][3].update(id="DAI"), base_actions=[])
mutate("error_ref_unknown_asset", "a swap buying an unlisted asset", err("ref.unknown_asset", "proposal", "/actions/0/buy"),
       lambda c: c["proposal"]["actions"][0].update(buy="WBTC"))
mutate("error_ref_unknown_venue", "a swap on an unknown venue", err("ref.unknown_venue", "proposal", "/actions/0/venue"),
       lambda c: c["proposal"]["actions"][0].update(venue="sushi"))
mutate("error_ref_unknown_liability", "backing against an unknown liability",
       err("ref.unknown_liability", "policy", "/backing/0/liability"),
       lambda c: c["policy"].update(backing=[{"select": "stable", "liability": "debt", "min_ratio_bps": 10000}]))
mutate("error_ref_missing_obligation", "a runway floor without monthly_opex",
       err("ref.missing_obligation", "policy", "/floors/0/min_months"),
       lambda c: (c["policy"].update(floors=[{"select": "stable", "min_months": "12"}]),
                  c["treasury"]["obligations"].pop("monthly_opex")))
mutate("error_ref_not_in_venue", "a swap of DAI on the USDC/WETH pool", err("ref.not_in_venue", "proposal", "/actions/0/sell"),
       lambda c: c["proposal"]["actions"][0].update(venue="uni", sell="DAI"))
mutate("error_ref_numeraire_mismatch", "policy in EUR, treasury in USD",
       err("ref.numeraire_mismatch", "policy", "/numeraire"), lambda c: c["policy"].update(numeraire="EUR"))
mutate("error_arith_overflow", "a balance whose value does not fit in 2^256 wad",
       err("arith.overflow", "treasury", "/assets/1/balance"),
       lambda c: c["treasury"]["assets"][1].update(balance=str(2**255), price="1000000000"))
mutate("error_limit_too_large_actions", "1,001 actions", err("limit.too_large", "proposal", "/actions"),
       lambda c: c["proposal"].update(actions=[usdc_to_weth(1)] * 1001))
def venue_error(name, description, code, path, venue, treasury_fn, schema_expressible=False):
    case(name, description, err(code, "treasury", path), treasury=treasury_fn(venue), actions=[])
    if not schema_expressible:
        # Cross-field rules and bounds on numbers written as strings: the engine's alone.
        CASES[name]["expect"]["engine_only"] = True


venue_error("error_v3_ticks_unsorted", "ticks out of order", "value.range", "/venues/2/ticks/1/index",
            dict(V3_POOL, ticks=[{"index": 60, "liquidity_net": "1"}, {"index": -60, "liquidity_net": "-1"}]), v3_treasury)
venue_error("error_v3_tick_off_spacing", "a tick off the tick spacing", "value.range", "/venues/2/ticks/0/index",
            dict(V3_POOL, ticks=[{"index": -61, "liquidity_net": str(2 * E18)}, {"index": 887220, "liquidity_net": str(-2 * E18)}]), v3_treasury)
venue_error("error_v3_tick_out_of_range", "a tick beyond MAX_TICK", "value.range", "/venues/2/ticks/1/index",
            dict(V3_POOL, ticks=[{"index": -887220, "liquidity_net": str(2 * E18)}, {"index": 887280, "liquidity_net": str(-2 * E18)}]), v3_treasury,
            schema_expressible=True)
venue_error("error_v3_sqrt_price_range", "sqrt_price_x96 below MIN_SQRT_RATIO", "value.range", "/venues/2/sqrt_price_x96",
            dict(V3_POOL, sqrt_price_x96="4295128738"), v3_treasury)
venue_error("error_v3_tick_mismatch", "a tick that does not match the price", "value.range", "/venues/2/tick",
            dict(V3_POOL, tick=1), v3_treasury)
venue_error("error_v3_negative_liquidity", "crossing a tick would make the liquidity negative", "value.range",
            "/venues/2/ticks/1/liquidity_net",
            dict(V3_POOL, ticks=[{"index": -887220, "liquidity_net": str(2 * E18)}, {"index": 887220, "liquidity_net": str(-3 * E18)}]), v3_treasury)
venue_error("error_v3_tick_window_misses_tick", "a stated tick window that does not hold the current tick",
            "value.range", "/venues/2/tick_window", dict(V3_POOL, ticks=[], tick_window=[60, 600]), v3_treasury)
venue_error("error_v3_tick_outside_window", "a listed tick outside the stated tick window", "value.range",
            "/venues/2/ticks/0/index", dict(V3_POOL, tick_window=[-600, 600]), v3_treasury)
venue_error("error_v3_tick_window_reversed", "a tick window whose lower end is above its upper end", "value.range",
            "/venues/2/tick_window", dict(V3_POOL, ticks=[], tick_window=[600, -600]), v3_treasury)
venue_error("error_v3_tick_window_shape", "a tick window that is not two tick indices", "type.mismatch",
            "/venues/2/tick_window", dict(V3_POOL, ticks=[], tick_window=[600]), v3_treasury, schema_expressible=True)
venue_error("error_v3_liquidity_net_number", "liquidity_net as a JSON number", "type.amount", "/venues/2/ticks/0/liquidity_net",
            dict(V3_POOL, ticks=[{"index": -887220, "liquidity_net": 5}, {"index": 887220, "liquidity_net": "-5"}]), v3_treasury,
            schema_expressible=True)
venue_error("error_curve_zero_balance", "a Curve balance of zero", "value.range", "/venues/2/balances/1",
            dict(CURVE_VENUE, balances=[str(E18), "0", str(E6)]), curve_treasury)
venue_error("error_curve_amp_zero", "amp of zero", "value.range", "/venues/2/amp", dict(CURVE_VENUE, amp=0), curve_treasury,
            schema_expressible=True)
venue_error("error_curve_amp_absurd", "amp above the contract's MAX_A", "value.range", "/venues/2/amp",
            dict(CURVE_VENUE, amp=10**7), curve_treasury,
            schema_expressible=True)
venue_error("error_curve_fee_too_high", "a fee of 100 %", "value.range", "/venues/2/fee",
            dict(CURVE_VENUE, fee="10000000000"), curve_treasury)
venue_error("error_curve_one_coin", "a pool of one coin", "value.range", "/venues/2/coins",
            dict(CURVE_VENUE, coins=["DAI"], balances=[str(E18)]), curve_treasury,
            schema_expressible=True)


mutate("error_many_collected", "every error is reported, not only the first",
       {"verdict": "error", "errors": [{"code": "type.decimal", "path": "/floors/0/min_value"},
                                       {"code": "field.unknown", "path": "/limit"},
                                       {"code": "type.amount", "path": "/actions/0/amount_in"},
                                       {"code": "type.time", "path": "/as_of"}]},
       lambda c: (c["policy"].update(floors=[{"select": "stable", "min_value": "-5"}], limit=[]),
                  c["treasury"].update(as_of="yesterday"),
                  c["proposal"]["actions"][0].update(amount_in="1.5")))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    for name, c in sorted(CASES.items()):
        if "case_text" in c:
            # Raw input (possibly not even JSON) lives beside the case file, byte for byte.
            text = c.pop("case_text")
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            with open(os.path.join(OUT, name + ".input"), "wb") as fh:
                fh.write(data)
            c["case_file"] = name + ".input"
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(c, indent=1, ensure_ascii=True) + "\n")
    print(f"{len(CASES)} cases written to tests/conformance/cases")


if __name__ == "__main__":
    sys.exit(main())
