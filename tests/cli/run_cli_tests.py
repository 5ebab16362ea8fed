#!/usr/bin/env python3
"""End-to-end tests of the ballast CLI binary.

Usage: run_cli_tests.py BALLAST_BINARY SOURCE_DIR

Runs the conformance corpus through the binary (case on stdin, and the same case as three
separate files), checks exit codes and expectations, the examples' verdicts, every output format,
usage errors, and that the JSON Schemas agree with the engine on valid and invalid documents.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BIN, SRC = sys.argv[1], sys.argv[2]
CASES = os.path.join(SRC, "tests", "conformance", "cases")
EXAMPLES = os.path.join(SRC, "examples")

passed = 0
failures = []


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
    return cond


def run(args, stdin=b"", env=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, env=e, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def subset(expected, actual):
    return all(k in actual and actual[k] == v for k, v in expected.items())


def list_matches(expected, actual):
    return len(expected) == len(actual) and all(subset(e, a) for e, a in zip(expected, actual))


EXIT = {"pass": 0, "fail": 1, "error": 2}


def expectations_hold(expect, report):
    ok = report["verdict"] == expect["verdict"]
    for key in ("findings", "errors", "actions"):
        if key in expect:
            ok = ok and list_matches(expect[key], report.get(key, []))
    if "stress" in expect:
        ok = ok and len(expect["stress"]) == len(report["stress"]) and all(
            e["name"] == a["name"] and list_matches(e["findings"], a["findings"])
            for e, a in zip(expect["stress"], report["stress"]))
    if expect.get("no_after"):
        ok = ok and "after" not in report
    if "after_nav" in expect:
        ok = ok and report["after"]["nav"] == expect["after_nav"]
    return ok


def load_cases():
    out = []
    for name in sorted(os.listdir(CASES)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(CASES, name), encoding="utf-8") as fh:
            doc = json.load(fh)
        if "case_file" in doc:
            with open(os.path.join(CASES, doc["case_file"]), "rb") as fh:
                raw = fh.read()
        else:
            raw = json.dumps(doc["case"]).encode("utf-8")
        out.append((name[:-5], doc, raw))
    return out


def test_corpus(cases, tmp):
    for name, doc, raw in cases:
        code, out, err = run(["check", "-", "--format", "json"], raw)
        if not check(out.endswith("}\n") and err == "", f"{name}: output shape / stderr {err!r}"):
            continue
        report = json.loads(out)
        check(code == EXIT[doc["expect"]["verdict"]], f"{name}: exit {code}")
        check(expectations_hold(doc["expect"], report), f"{name}: expectations\n{out[:2000]}")
        if "case" in doc:
            # The same documents as three files give the same report, byte for byte.
            paths = []
            for part in ("policy", "treasury", "proposal"):
                p = os.path.join(tmp, f"{part}.json")
                with open(p, "w", encoding="utf-8") as fh:
                    json.dump(doc["case"][part], fh)
                paths += [f"--{part}", p]
            code2, out2, _ = run(["check", "--format", "json"] + paths)
            check(code2 == code and out2 == out, f"{name}: separate files differ from the case file")


def test_examples():
    expected = {
        "endowment": {"proposal-compliant.json": ("pass", []),
                      "proposal-violating.json": ("fail", ["budget.loss", "swap.loss", "swap.min_out_missing",
                                                            "swap.pool_share", "swap.price_impact", "swap.slippage",
                                                            "trade.max_value", "recipient.not_allowed"])},
        "stablecoin-issuer": {"proposal-compliant.json": ("pass", []),
                              "proposal-violating.json": ("fail", ["backing.ratio", "limit.max", "swap.oracle_deviation",
                                                                   "swap.price_impact", "venue.not_allowed"])},
        "grants-dao": {"proposal-compliant.json": ("pass", []),
                       "proposal-violating.json": ("fail", ["cooldown", "floor.runway", "limit.min",
                                                            "recipient.not_allowed", "recipient.not_allowed"])},
    }
    for ex, props in expected.items():
        d = os.path.join(EXAMPLES, ex)
        for prop, (verdict, rules) in props.items():
            args = ["check", "--policy", os.path.join(d, "policy.json"), "--treasury", os.path.join(d, "treasury.json"),
                    "--proposal", os.path.join(d, prop), "--format", "json"]
            code, out, err = run(args)
            report = json.loads(out)
            check(report["verdict"] == verdict and code == EXIT[verdict], f"example {ex}/{prop}: verdict {report['verdict']}")
            got = sorted(f["rule"] for f in report["findings"] if f["severity"] == "error")
            check(got == sorted(rules), f"example {ex}/{prop}: rules {got}")
        # snapshot-config.json is the snapshot tool's input (npm, tests/chain) and *.orders.json the CoW
        # order terms export writes beside a Tx Builder file: neither is a document of the CLI.
        files = [f for f in sorted(os.listdir(d)) if f != "snapshot-config.json" and not f.endswith(".orders.json")]
        code, out, _ = run(["validate"] + [os.path.join(d, f) for f in files])
        check(code == 0 and out.count(": ok (") == len(files), f"example {ex}: validate\n{out}")


def test_import():
    """The endowment's Tx Builder batches (written with ethers by tests/calls/examples.mjs): import
    decodes them to the actions they were encoded from, and check --calls gives their verdicts."""
    d = os.path.join(EXAMPLES, "endowment")
    t = os.path.join(d, "treasury.json")
    code, out, _ = run(["import", os.path.join(d, "batch-compliant.json"), "--treasury", t])
    p = json.loads(out) if code == 0 else {}
    want = [{"type": "approve", "asset": "WETH", "spender": "0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45",
             "amount": "100000000000000000000", "origin": "/transactions/0"},
            {"type": "swap", "venue": "univ3-usdc-weth-500", "sell": "WETH", "buy": "USDC",
             "amount_in": "100000000000000000000", "min_amount_out": "309000000000",
             "recipient": "0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe", "deadline": "2026-11-23T00:00:00Z",
             "spender": "0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45", "origin": "/transactions/1/multicall/0"},
            {"type": "transfer", "asset": "USDC", "amount": "137000000000", "to": "0xfe89cc7abb2c4183683ab71653c4cdc9b02d44b7",
             "origin": "/transactions/2"}]
    check(code == 0 and p.get("actions") == want and p.get("source") == {"format": "tx-builder"},
          f"import batch-compliant: {code}\n{out}")
    code, out, _ = run(["import", os.path.join(d, "batch-violating.json"), "--treasury", t, "--format", "text"])
    check(code == 0 and "paid to 0x2222222222222222222222222222222222222222" in out and "approve unlimited WETH" in out,
          f"import batch-violating text: {code}\n{out}")
    for name, verdict, rules in (("batch-compliant.json", "pass", []),
                                 ("batch-violating.json", "fail", ["approval.leftover", "budget.loss",
                                                                   "swap.loss", "swap.pool_share", "swap.price_impact",
                                                                   "swap.recipient", "swap.slippage", "trade.max_value"])):
        code, out, _ = run(["check", "--policy", os.path.join(d, "policy.json"), "--treasury", t,
                            "--calls", os.path.join(d, name), "--format", "json"])
        r = json.loads(out)
        got = sorted({f["rule"] for f in r["findings"] if f["severity"] == "error"})
        check(code == EXIT[verdict] and r["verdict"] == verdict and got == rules, f"check --calls {name}: {code} {got}")
    # Every call kind of the ethers fixture (tests/calls/fixtures.json) gives the action it was encoded from.
    with open(os.path.join(SRC, "tests", "calls", "fixtures.json"), encoding="utf-8") as fh:
        fx = json.load(fh)["imports"]
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("treasury", "calls"):
            with open(os.path.join(tmp, name + ".json"), "w", encoding="utf-8") as fh:
                json.dump(fx[name], fh)
        code, out, _ = run(["import", os.path.join(tmp, "calls.json"), "--treasury", os.path.join(tmp, "treasury.json")])
        check(code == 0 and json.loads(out)["actions"] == fx["actions"], f"import of the ethers fixture: {code}\n{out[:2000]}")
    # A treasury without an account cannot import; a file of another shape is an input error.
    code, out, _ = run(["import", os.path.join(d, "batch-compliant.json"), "--treasury",
                        os.path.join(EXAMPLES, "grants-dao", "treasury.json")])
    check(code == 2 and json.loads(out)["errors"][0]["code"] == "field.missing", f"import without account: {code}\n{out}")
    code, out, _ = run(["import", os.path.join(d, "policy.json"), "--treasury", t, "--format", "text"])
    check(code == 2 and "cannot import" in out, f"import a policy: {code}\n{out}")
    code, _, err = run(["import", os.path.join(d, "batch-compliant.json")])
    check(code == 64 and "--treasury" in err, f"import without --treasury: {code}")


def test_export():
    """The endowment's exported tranche: the committed files are what export writes; the calls/1 one
    imports to the proposal's actions plus their approvals and checks to the proposal's verdict; bad
    input and what export cannot write exit 2 naming the action; usage errors 64."""
    d = os.path.join(EXAMPLES, "endowment")
    t = os.path.join(d, "treasury.json")
    p = os.path.join(d, "proposal-compliant.json")
    with tempfile.TemporaryDirectory() as tmp:
        orders = os.path.join(tmp, "orders.json")
        code, out, err = run(["export", "--treasury", t, "--proposal", p, "--orders", orders])
        with open(os.path.join(d, "batch-exported.json"), encoding="utf-8") as fh:
            committed = fh.read()
        check(code == 0 and out == committed, f"export safe-batch equals examples/endowment/batch-exported.json: {code} {err}")
        with open(orders, encoding="utf-8") as fh, open(os.path.join(d, "batch-exported.orders.json"), encoding="utf-8") as gh:
            check(fh.read() == gh.read(), "export --orders equals examples/endowment/batch-exported.orders.json")
    code, out, _ = run(["export", "--treasury", t, "--proposal", p, "--format", "calls"])
    with open(os.path.join(d, "calls-exported.json"), encoding="utf-8") as fh:
        check(code == 0 and out == fh.read(), "export calls equals examples/endowment/calls-exported.json")
    code, out, _ = run(["import", os.path.join(d, "calls-exported.json"), "--treasury", t])
    actions = json.loads(out)["actions"] if code == 0 else []
    check([a["type"] for a in actions] == ["approve", "swap", "approve", "swap", "approve", "swap", "transfer"],
          f"import of the export: {[a['type'] for a in actions]}")
    for f in ("calls-exported.json",):
        code, out, _ = run(["check", "--policy", os.path.join(d, "policy.json"), "--treasury", t, "--calls",
                            os.path.join(d, f), "--format", "json"])
        r = json.loads(out)
        check(code == 0 and r["verdict"] == "pass" and not r["findings"], f"check --calls {f}: {code} {r['findings'][:1]}")
    # Without --orders, a batch with a limit order is a usage error; an unbounded swap cannot be exported.
    code, _, err = run(["export", "--treasury", t, "--proposal", p])
    check(code == 64 and "--orders" in err, f"export without --orders: {code} {err}")
    code, out, err = run(["export", "--treasury", t, "--proposal", os.path.join(d, "proposal-violating.json")])
    check(code == 2 and out == "" and "export.unsupported" in err and "/proposal/actions/0" in err and "min_amount_out" in err,
          f"export of an unbounded swap: {code} {err}")
    code, _, err = run(["export", "--treasury", os.path.join(EXAMPLES, "grants-dao", "treasury.json"), "--proposal", p])
    check(code == 2, f"export against another treasury: {code} {err}")
    code, _, err = run(["export", "--treasury", t, "--proposal", p, "--deadline-hours", "soon"])
    check(code == 64 and "--deadline-hours" in err, f"export --deadline-hours soon: {code}")
    code, _, err = run(["export", "--treasury", t, "--proposal", p, "--format", "json"])
    check(code == 64 and "safe-batch or calls" in err, f"export --format json: {code}")


def next_treasury(treasury, report, at):
    """The state a tranche leaves, rebuilt from the checker's report: balances after, its swaps in
    the history at its time (the planner's arbitrage assumption: pools as in the snapshot)."""
    t = json.loads(json.dumps(treasury))
    for i, a in enumerate(report["after"]["assets"]):
        t["assets"][i]["balance"] = a["balance"]
    for a in report["actions"]:
        loss = int(a["value_in"].replace(".", "")) - int(a["value_out"].replace(".", ""))
        sign = "-" if loss < 0 else ""
        loss = abs(loss)
        t.setdefault("history", []).append({"at": at, "kind": "swap", "value": a["value_in"],
                                            "loss": f"{sign}{loss // 10**6}.{loss % 10**6:06d}"})
    return t


def test_plan():
    """The planner's conformance cases (tests/plan/cases, one per status and bad input): status,
    exit code, tranche counts and times, the rules named in unreached; the output valid against
    plan.schema.json; every tranche passing check against the state the earlier ones leave (rebuilt
    from the reports); --format proposal is tranche 1. The endowment's plan and its tranche 1 as a
    Safe batch are the committed examples; usage errors exit 64."""
    from jsonschema import Draft202012Validator
    _, out, _ = run(["schema", "plan"])
    plan_schema = Draft202012Validator(json.loads(out))
    cases_dir = os.path.join(SRC, "tests", "plan", "cases")
    with tempfile.TemporaryDirectory() as tmp:
        pf, tf, qf = (os.path.join(tmp, n) for n in ("policy.json", "treasury.json", "proposal.json"))
        for name in sorted(os.listdir(cases_dir)):
            c = json.load(open(os.path.join(cases_dir, name), encoding="utf-8"))
            exp = c["expect"]
            json.dump(c["policy"], open(pf, "w"))
            json.dump(c["treasury"], open(tf, "w"))
            opts = [x for k, v in c["options"].items() for x in ("--" + k, v)]
            code, out, err = run(["plan", "--policy", pf, "--treasury", tf] + opts)
            check(code == exp["exit"] if "exit" in exp else code in exp["exit_in"], f"plan {name}: exit {code} {err}")
            if code == 2:
                check(out == "" and "error" in err, f"plan {name}: invalid input named on stderr")
                continue
            plan = json.loads(out)
            errs = list(plan_schema.iter_errors(plan))
            check(not errs, f"plan {name}: schema: {[e.message for e in errs][:2]}")
            status = plan["status"]
            check(status == exp["status"] if "status" in exp else status in exp["status_in"], f"plan {name}: status {status}")
            n = len(plan["tranches"])
            if "tranches" in exp:
                check(exp["tranches"][0] <= n <= exp["tranches"][1], f"plan {name}: {n} tranches")
            if "route" in exp:
                routes = [a.get("route") for t in plan["tranches"] for a in t["proposal"]["actions"]]
                check(exp["route"] in routes, f"plan {name}: a route {exp['route']} in {routes}")
            for rule in exp.get("unreached_rules", []):
                check(rule in [u["rule"] for u in plan["unreached"]], f"plan {name}: unreached names {rule}")
            if status in ("complete", "not_needed"):
                check(plan["unreached"] == [], f"plan {name}: nothing unreached")
            times = [t["not_before"] for t in plan["tranches"]]
            if "first_not_before" in exp and times:
                check(times[0] == exp["first_not_before"], f"plan {name}: first tranche at {times[0]}")
            if "gap_hours" in exp:
                from datetime import datetime
                hours = [(datetime.fromisoformat(b[:-1]) - datetime.fromisoformat(a[:-1])).total_seconds() / 3600
                         for a, b in zip(times, times[1:])]
                check(hours and max(hours) >= exp["gap_hours"], f"plan {name}: gaps {hours}")
            state = c["treasury"]
            sold, bought = set(), set()
            for t in plan["tranches"]:
                json.dump(t["proposal"], open(qf, "w"))
                json.dump(state, open(tf, "w"))
                code, out, err = run(["check", "--policy", pf, "--treasury", tf, "--proposal", qf, "--format", "json"])
                report = json.loads(out)
                check(code == 0 and report["verdict"] == "pass", f"plan {name}: tranche at {t['not_before']} checks {report['verdict']}")
                check(not [f for f in report["findings"] if f["rule"] == "swap.min_out_unreachable"], f"plan {name}: a bound out of reach")
                check(report["summary"]["drift_after_bps"] == t["drift_after_bps"] if "drift_after_bps" in report.get("summary", {}) else True,
                      f"plan {name}: drift after as the check reports it")
                sold |= {a["sell"] for a in t["proposal"]["actions"]}
                bought |= {a["buy"] for a in t["proposal"]["actions"]}
                state = next_treasury(state, report, t["not_before"])
            check(not (sold & bought), f"plan {name}: no asset both sold and bought ({sold & bought})")
            if status == "complete":
                json.dump(state, open(tf, "w"))
                code, out, _ = run(["plan", "--policy", pf, "--treasury", tf] + opts)
                check(json.loads(out)["status"] == "not_needed", f"plan {name}: planning the state it leaves is not_needed")
            json.dump(c["treasury"], open(tf, "w"))
            code, out, _ = run(["plan", "--policy", pf, "--treasury", tf, "--format", "proposal"] + opts)
            first = json.loads(out) if out.strip() else None
            check(first == (plan["tranches"][0]["proposal"] if plan["tranches"] else None), f"plan {name}: --format proposal is tranche 1")
    d = os.path.join(EXAMPLES, "endowment")
    base = ["plan", "--policy", os.path.join(d, "policy.json"), "--treasury", os.path.join(d, "treasury.json")]
    for fmt, fname in (("json", "plan.json"), ("safe-batch", "plan-batch.json")):
        code, out, err = run(base + ["--format", fmt])
        with open(os.path.join(d, fname), encoding="utf-8") as fh:
            check(code == 0 and out == fh.read(), f"plan --format {fmt} equals examples/endowment/{fname}: {code} {err}")
    code, out, _ = run(["check", "--policy", os.path.join(d, "policy.json"), "--treasury", os.path.join(d, "treasury.json"),
                        "--calls", os.path.join(d, "plan-batch.json"), "--format", "json"])
    report = json.loads(out)
    check(code == 0 and report["verdict"] == "pass" and not [f for f in report["findings"] if f["rule"].startswith(("call.", "approval."))],
          f"the planned Safe batch imports and checks: {report['verdict']}")
    for bad, what in ((["--goal", "middle"], "--goal"), (["--at", "tomorrow"], "--at"), (["--format", "sarif"], "--format"),
                      (["--deadline-hours", "-1"], "--deadline-hours")):
        code, _, err = run(base + bad)
        check(code == 64 and what in err, f"plan {' '.join(bad)}: usage error {code} {err}")
    code, _, err = run(["plan", "--policy", os.path.join(d, "policy.json")])
    check(code == 64, f"plan without --treasury: {code}")


def test_formats(cases):
    ex = os.path.join(EXAMPLES, "endowment")
    base = ["check", "--policy", os.path.join(ex, "policy.json"), "--treasury", os.path.join(ex, "treasury.json"),
            "--proposal", os.path.join(ex, "proposal-violating.json")]
    code, out, _ = run(base)
    check(code == 1 and out.startswith('FAIL  EP-6.48 "Emergency rebalance: sell 3,000 ETH on Uniswap v2" under '
                                       '"Endowment investment policy (60/40 ETH/stablecoins)": 8 errors'),
          f"text starts with the verdict, the proposal's title and the policy's name: {out[:120]!r}")
    check("\x1b[" not in out, "no colour when stdout is not a terminal")
    check("largest passing amount: " in out and "Allocation (weight, bps)" in out, "text shows max_passing and allocation")
    code, out, _ = run(base + ["--format", "junit"])
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    check(code == 1 and root.get("failures") == "8" and len(suite.findall("testcase")) == 8, "junit counts")
    check(len(suite.findall("testcase/failure")) == 8, "junit failures")
    code, out, _ = run(base + ["--format", "github"])
    lines = out.splitlines()
    check(code == 1 and sum(1 for l in lines if l.startswith("::error file=")) == 8, f"github annotations\n{out}")
    check(any("proposal-violating.json" in l and "swap.loss" in l for l in lines), "github names the proposal file")
    check(lines[-1].startswith("::notice title=ballast::verdict fail"), "github verdict notice")
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "report.json")
        code, out, _ = run(base + ["--format", "json", "--output", target])
        with open(target, encoding="utf-8") as fh:
            check(code == 1 and out == "" and json.load(fh)["verdict"] == "fail", "--output writes the file")
    # Input errors: exit 2, code and path in every format.
    bad = dict(cases)["error_field_unknown"]
    raw = json.dumps(bad["case"]).encode()
    code, out, _ = run(["check", "-"], raw)
    check(code == 2 and out.startswith("INVALID INPUT") and "field.unknown  policy /limits/0/max_bsp" in out, f"text error\n{out}")
    code, out, _ = run(["check", "-", "--format", "junit"], raw)
    check(code == 2 and ET.fromstring(out).get("errors") == "1", "junit error")
    code, out, _ = run(["check", "-", "--format", "github"], raw)
    check(code == 2 and out.startswith("::error title=ballast field.unknown::policy /limits/0/max_bsp"), f"github error\n{out}")


def test_usage_and_commands():
    for args in ([], ["frobnicate"], ["check"], ["check", "a", "b"], ["check", "--format"], ["check", "x.json", "--bogus"],
                 ["check", "--policy", "p.json"], ["schema"], ["schema", "widget"], ["validate"],
                 ["check", "-", "--format", "yaml"], ["status", "--policy", "p.json"]):
        code, _, err = run(args, b"{}")
        check(code == 64 and err.startswith("ballast: "), f"usage error for {args}: {code}")
    code, out, _ = run(["version"])
    check(code == 0 and out.strip() == "ballast 0.1.0", "version")
    code, out, _ = run(["check", os.path.join(SRC, "no-such-file.json")])
    check(code == 2 and "file.unreadable" in out and "cannot read" in out, f"missing file is invalid input\n{out}")
    for kind in ("policy", "treasury", "proposal", "case", "report", "diff"):
        code, out, _ = run(["schema", kind])
        schema = json.loads(out)
        check(code == 0 and schema["$schema"].endswith("2020-12/schema"), f"schema {kind}")
    # status: the endowment is out of band before its rebalance -> exit 1; error input -> 2.
    ex = os.path.join(EXAMPLES, "endowment")
    code, out, _ = run(["status", "--policy", os.path.join(ex, "policy.json"), "--treasury", os.path.join(ex, "treasury.json")])
    check(code == 1 and out.startswith("ATTENTION  treasury status") and "target.outside_band" in out, f"status\n{out}")
    code, out, _ = run(["status", "--policy", os.path.join(ex, "policy.json"), "--treasury",
                        os.path.join(ex, "treasury.json"), "--format", "json"])
    report = json.loads(out)
    check(report["mode"] == "status" and "after" not in report and "actions" not in report, "status json")
    # One status verdict in every format, and the exit code follows it (attention: 1, pass: 0).
    check(code == 1 and report["verdict"] == "attention", f"status json verdict {report['verdict']} exit {code}")
    code, out, _ = run(["status", "--policy", os.path.join(ex, "policy.json"), "--treasury",
                        os.path.join(ex, "treasury.json"), "--format", "github"])
    check(code == 1 and "verdict attention" in out, f"status github\n{out}")
    with tempfile.TemporaryDirectory() as tmp:
        empty_policy = os.path.join(tmp, "policy.json")
        with open(empty_policy, "w") as fh:
            json.dump({"ballast": "policy/1", "numeraire": "USD"}, fh)
        code, out, _ = run(["status", "--policy", empty_policy, "--treasury", os.path.join(ex, "treasury.json")])
        check(code == 0 and out.startswith("PASS  treasury status"), f"status in policy\n{out}")
        code, out, _ = run(["status", "--policy", empty_policy, "--treasury", os.path.join(ex, "treasury.json"),
                            "--format", "json"])
        check(code == 0 and json.loads(out)["verdict"] == "pass", f"status in policy json\n{out}")
    code, _, _ = run(["status", "--policy", os.path.join(ex, "policy.json"), "--treasury", os.path.join(ex, "policy.json")])
    check(code == 2, "status with a policy as treasury")
    code, out, _ = run(["validate", os.path.join(ex, "policy.json"), "-"], b'{"ballast": "policy/1", "x": 1}')
    check(code == 2 and "-: invalid, 1 error" in out and "field.unknown  policy /x" in out, f"validate\n{out}")


def test_schemas(cases):
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    try:
        import jsonschema
        from jsonschema import Draft202012Validator
    except ImportError:
        check(False, "python jsonschema is needed for the schema tests (Debian package python3-jsonschema)")
        return
    schemas = {}
    for kind in ("policy", "treasury", "proposal", "case", "report", "calls", "plan"):
        _, out, _ = run(["schema", kind])
        schemas[kind] = json.loads(out)
    validators = {k: Draft202012Validator(s) for k, s in schemas.items() if k != "case"}

    def case_errors(doc):
        # The case schema refers to the three document schemas by $id; validate the wrapper
        # against it with the references stripped, and each document against its own schema.
        wrapper = dict(schemas["case"], properties=dict(schemas["case"]["properties"],
                       policy={"type": "object"}, treasury={"type": "object"}, proposal={"type": "object"}))
        errs = list(Draft202012Validator(wrapper).iter_errors(doc))
        for part in ("policy", "treasury", "proposal"):
            if isinstance(doc.get(part), dict):
                errs += list(validators[part].iter_errors(doc[part]))
        return errs

    for s in schemas.values():
        Draft202012Validator.check_schema(s)
    # Valid documents: every example and every evaluated case, and every report, satisfy the schemas.
    for ex in os.listdir(EXAMPLES):
        d = os.path.join(EXAMPLES, ex)
        if not os.path.isdir(d):
            continue
        for f in os.listdir(d):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                doc = json.load(fh)
            if not isinstance(doc, dict) or "ballast" not in doc:
                continue  # a Safe Transaction Builder batch: read by import (test_import)
            kind = doc["ballast"].split("/")[0]
            if kind == "snapshot-config":
                # The snapshot tool's input, read by @ballast/checker/chain (tests/chain); its schema
                # ships with the npm package.
                with open(os.path.join(SRC, "wasm", "schemas", "snapshot-config.schema.json"), encoding="utf-8") as sh:
                    snap = Draft202012Validator(json.load(sh))
                errs = list(snap.iter_errors(doc))
                check(not errs, f"snapshot-config schema rejects {ex}/{f}: {errs[:1]}")
                for bad in ({**doc, "extra": 1}, {**doc, "venues": [{"id": "v", "kind": "uniswap_v2"}]},
                            {**doc, "venues": [{"id": "v", "kind": "uniswap_v2", "address": "0x" + "1" * 40, "tick_words": 1}]},
                            {**doc, "assets": [{"id": "A", "native": True, "address": "0x" + "1" * 40, "price": {"fixed": "1"}}]},
                            {**doc, "assets": [{"id": "A", "address": "0x" + "1" * 40, "price": {"fixed": "1", "chainlink": "0x" + "2" * 40}}]}):
                    check(list(snap.iter_errors(bad)), f"snapshot-config schema accepts a bad config: {json.dumps(bad)[:200]}")
                continue
            errs = list(validators[kind].iter_errors(doc))
            check(not errs, f"schema rejects valid example {ex}/{f}: {errs[:1]}")
    # Errors the schema can express; the others (references, duplicates, overflow, syntax) need the engine.
    expressible = {"field.unknown", "field.missing", "type.mismatch", "type.decimal", "type.bps", "type.integer",
                   "type.time", "type.id", "type.address", "type.selector", "value.range", "kind.unknown",
                   "kind.mismatch", "limit.too_large"}
    for name, doc, raw in cases:
        if "case" not in doc:
            continue
        code, out, _ = run(["check", "-", "--format", "json"], raw)
        report = json.loads(out)
        check(not list(validators["report"].iter_errors(report)), f"{name}: report does not satisfy the report schema")
        errs = case_errors(doc["case"])
        if report["verdict"] != "error":
            check(not errs, f"{name}: schema rejects a document the engine accepts: {errs[:1]}")
        elif {e["code"] for e in report["errors"]} <= expressible and not doc["expect"].get("engine_only"):
            check(bool(errs), f"{name}: schema accepts a document the engine rejects")


def test_files_runs_and_flags():
    """Unreadable files in every format, several proposals per run, --fail-on-warn, --help."""
    ex = os.path.join(EXAMPLES, "endowment")
    p, t = os.path.join(ex, "policy.json"), os.path.join(ex, "treasury.json")
    good, bad = os.path.join(ex, "proposal-compliant.json"), os.path.join(ex, "proposal-violating.json")
    with tempfile.TemporaryDirectory() as folder:
        # A directory given as a file: a clean input error naming it, in every format, exit 2.
        for fmt in ("text", "json", "junit", "github"):
            code, out, err = run(["check", "--policy", folder, "--treasury", t, "--proposal", good, "--format", fmt])
            check(code == 2 and "is a directory" in out and "internal" not in out + err, f"directory as policy, {fmt}: {code}\n{out}{err}")
        code, out, _ = run(["check", "--policy", folder, "--treasury", t, "--proposal", good, "--format", "json"])
        check(json.loads(out)["errors"][0]["code"] == "file.unreadable", "unreadable file code")
        code, out, _ = run(["status", "--policy", p, "--treasury", folder, "--format", "json"])
        check(code == 2 and json.loads(out)["errors"][0]["document"] == "treasury", f"status, directory\n{out}")
        code, out, _ = run(["validate", p, folder, "--format", "json"])
        v = json.loads(out)
        check(code == 2 and [x["file"] for x in v] == [p, folder] and v[0]["valid"] and not v[1]["valid"],
              f"validate names its files\n{out}")
        code, out, _ = run(["diff", p, folder, "--format", "json"])
        check(code == 2 and json.loads(out)["errors"][0]["document"] == "new", f"diff, directory\n{out}")
        # Several proposals: a result per file, the worst exit code, one bad file hiding nothing.
        code, out, _ = run(["check", "--policy", p, "--treasury", t, good, bad, folder, "--format", "json"])
        reports = json.loads(out)
        check(code == 2 and [r["verdict"] for r in reports] == ["pass", "fail", "error"], f"several proposals, json: {code}")
        code, out, _ = run(["check", "--policy", p, "--treasury", t, good, bad])
        check(code == 1 and out.count("== ") == 2 and "PASS" in out and "FAIL" in out, f"several proposals, text\n{out}")
        code, out, _ = run(["check", "--policy", p, "--treasury", t, good, bad, "--format", "junit"])
        suites = ET.fromstring(out)
        check(code == 1 and len(suites) == 2 and suites.attrib["failures"] == "8", f"several proposals, junit\n{out}")
    # --fail-on-warn: a pass with warnings exits 0, or 1 with the flag.
    case = json.load(open(os.path.join(SRC, "tests", "conformance", "cases", "limit_max_existing_breach_not_worse.json")))
    text = json.dumps(case["case"]).encode()
    code, out, _ = run(["check", "-", "--format", "json"], text)
    check(code == 0 and json.loads(out)["summary"]["warnings"] > 0, "a pass with a warning")
    code, _, _ = run(["check", "-", "--fail-on-warn"], text)
    check(code == 1, "--fail-on-warn turns the warning into exit 1")
    # GitHub annotations carry the line of the finding's JSON pointer in its file.
    code, out, _ = run(["check", "--policy", p, "--treasury", t, "--proposal", bad, "--format", "github"])
    lines = open(bad).read().split("\n")
    loss = next(l for l in out.splitlines() if "title=ballast swap.loss" in l)
    n = int(loss.split("line=")[1].split(",")[0])
    check(f"file={bad}," in loss and '"type": "swap"' in lines[n - 1], f"annotation line\n{loss}")
    # A policy rule the proposal breaches is filed against the proposal's actions.
    budget = next(l for l in out.splitlines() if "title=ballast budget.loss" in l)
    n = int(budget.split("line=")[1].split(",")[0])
    check(f"file={bad}," in budget and '"actions"' in lines[n - 1], f"policy finding filed on the proposal\n{budget}")
    code, out, _ = run(["status", "--policy", p, "--treasury", t, "--format", "github"])
    warn = next(l for l in out.splitlines() if l.startswith("::warning"))
    n = int(warn.split("line=")[1].split(",")[0])
    check(f"file={p}," in warn and n > 1, f"a status finding stays on the policy\n{warn}")
    # validate with --treasury checks cross-references: an unknown venue in a proposal.
    with tempfile.TemporaryDirectory() as folder:
        q = json.load(open(good))
        q["actions"][0]["venue"] = "no-such-venue"
        odd = os.path.join(folder, "proposal.json")
        json.dump(q, open(odd, "w"))
        code, out, _ = run(["validate", odd])
        check(code == 0, f"alone, the proposal's shape is valid\n{out}")
        code, out, _ = run(["validate", odd, good, "--treasury", t, "--policy", p, "--format", "json"])
        v = json.loads(out)
        check(code == 2 and v[0]["errors"][0]["code"] == "ref.unknown_venue" and v[1]["valid"],
              f"validate --treasury resolves references\n{out}")
    # Markdown, and the GitHub job summary: the verdict, the summary table, one row per finding.
    code, out, _ = run(["check", "--policy", p, "--treasury", t, "--proposal", bad, "--format", "markdown"])
    check(code == 1 and out.startswith("## Ballast: **FAIL** EP-6.48") and "| NAV |" in out
          and out.count("| error | `") == 8 and "| 0 | swap WETH → USDC" in out, f"markdown\n{out}")
    with tempfile.TemporaryDirectory() as folder:
        summary = os.path.join(folder, "summary.md")
        env = dict(os.environ, GITHUB_STEP_SUMMARY=summary)
        p2 = subprocess.run([BIN, "check", "--policy", p, "--treasury", t, "--proposal", good, bad, "--format", "github"],
                            capture_output=True, env=env)
        written = open(summary).read() if os.path.exists(summary) else ""
        check(p2.returncode == 1 and written.count("## Ballast: ") == 2 and "**PASS**" in written and "**FAIL**" in written,
              f"job summary\n{written}")
    # --help per command.
    for command in ("check", "status", "validate", "diff", "rules", "schema"):
        code, out, _ = run([command, "--help"])
        check(code == 0 and out.startswith("usage: ballast " + command), f"{command} --help\n{out}")


def test_readme():
    """The README's example output and examples table are what the binary prints."""
    p = subprocess.run([sys.executable, os.path.join(SRC, "scripts", "readme.py"), BIN], capture_output=True, text=True)
    check(p.returncode == 0, f"README figures differ from the binary:\n{p.stdout}{p.stderr}")


def main():
    cases = load_cases()
    with tempfile.TemporaryDirectory() as tmp:
        test_corpus(cases, tmp)
    test_examples()
    test_import()
    test_export()
    test_plan()
    test_formats({n: d for n, d, _ in cases})
    test_usage_and_commands()
    test_schemas(cases)
    test_files_runs_and_flags()
    test_readme()
    for f in failures:
        print("FAILED:", f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
