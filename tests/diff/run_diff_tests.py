#!/usr/bin/env python3
"""Runs the policy-diff corpus (tests/diff/cases) through the CLI, and checks that the rule
registry gives a direction to every field of policy/1 and that the corpus moves every field.

    run_diff_tests.py BALLAST SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
try:
    import jsonschema
    DIFF_SCHEMA = json.load(open(os.path.join(SRC, "core", "schemas", "diff.schema.json")))
except ImportError:  # the schema check needs python3-jsonschema
    jsonschema = None
CASES = os.path.join(SRC, "tests", "diff", "cases")
failures, passed = [], 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)


def run(args):
    p = subprocess.run([BIN] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def pattern(path):
    return re.sub(r"/\d+(?=/|$)", "/*", path)


def run_case(name, c, tmp, moved):
    files = {}
    for side in ("old", "new", "treasury"):
        if side in c or side + "_text" in c:
            files[side] = os.path.join(tmp, f"{name}.{side}.json")
            with open(files[side], "w") as fh:
                fh.write(c[side + "_text"] if side + "_text" in c else json.dumps(c[side]))
    args = ["diff", files["old"], files["new"]] + (["--treasury", files["treasury"]] if "treasury" in files else [])
    code, out, err = run(args + ["--format", "json"])
    e = c["expect"]
    check(code == e["exit"], f"{name}: exit {code}, expected {e['exit']} {err}")
    try:
        d = json.loads(out)
    except ValueError:
        failures.append(f"{name}: not JSON: {out[:200]} {err}")
        return
    if jsonschema:
        errs = list(jsonschema.Draft202012Validator(DIFF_SCHEMA).iter_errors(d))
        check(not errs, f"{name}: diff/1 schema: {errs[:1]}")
    check(d["ballast"] == "diff/1" and d["verdict"] == e["verdict"], f"{name}: verdict {d.get('verdict')}, expected {e['verdict']}")
    got = [[x["path"], x["rule"], x["change"], x.get("old"), x.get("new")] for x in d["changes"]]
    check(got == e.get("changes", []), f"{name}: changes\n  got      {got}\n  expected {e.get('changes', [])}")
    got_errors = [[x["code"], x["document"], x["path"]] for x in d["errors"]]
    want_errors = e.get("errors", [])  # [code, document] or [code, document, path]
    check(len(got_errors) == len(want_errors) and all(g[:len(w)] == w for g, w in zip(got_errors, want_errors)),
          f"{name}: errors {got_errors}, expected {want_errors}")
    summary = {k: sum(1 for x in d["changes"] if x["change"] == k) for k in d["summary"]}
    check(summary == d["summary"], f"{name}: summary {d['summary']} does not count the changes")
    if "status" in e:
        s = d.get("status", {})
        check(s.get("old", {}).get("verdict") == e["status"]["old"] and s.get("new", {}).get("verdict") == e["status"]["new"],
              f"{name}: status verdicts {s}")
        for key in ("appeared", "disappeared"):
            check([[f["rule"], f["subject"]] for f in s.get(key, [])] == e["status"][key], f"{name}: status {key} {s.get(key)}")
    for x in d["changes"]:
        moved.setdefault(pattern(x["path"]), set()).add(x["change"])
    code_text, text, _ = run(args)
    word = "INVALID INPUT" if e["verdict"] == "error" else e["verdict"].upper()
    check(code_text == e["exit"] and text.startswith(word), f"{name}: text form exit {code_text}: {text[:80]}")


def schema_leaves(node, path, defs, out):
    """Every field of the schema that holds a value (thresholds and allowlists whole)."""
    if "$ref" in node or "oneOf" in node or node.get("type") in ("string", "integer", "boolean"):
        out.add(path)
    elif node.get("type") == "array":
        items = node.get("items", {})
        if items.get("type") == "object":
            schema_leaves(items, path + "/*", defs, out)
        else:
            out.add(path)
    elif node.get("type") == "object":
        for k, v in node.get("properties", {}).items():
            schema_leaves(v, path + "/" + k, defs, out)


def test_registry(moved):
    code, out, _ = run(["rules", "--format", "json"])
    reg = json.loads(out)
    fields = {f["path"]: f["direction"] for r in reg["rules"] for f in r["fields"]}
    fields.update({f["path"]: f["direction"] for f in reg["document_fields"]})
    schema = json.load(open(os.path.join(SRC, "core", "schemas", "policy.schema.json")))
    leaves = set()
    schema_leaves(schema, "", schema.get("$defs", {}), leaves)
    generic = {p.rsplit("/", 1)[-1] for p in fields if p.startswith("/*/")}
    for leaf in sorted(leaves):
        covered = leaf in fields or leaf.rsplit("/", 1)[-1] in generic
        check(covered, f"policy/1 field {leaf} has no direction in the rule registry")
    # Every field the registry names is moved by the corpus, both ways where it has a direction.
    wanted = {"upper": {"relaxed", "tightened"}, "lower": {"relaxed", "tightened"}, "window": {"relaxed", "tightened"},
              "shock": {"relaxed", "tightened"}, "allowlist": {"relaxed", "tightened"},
              "checklist": {"relaxed", "tightened"}, "switch": {"relaxed", "tightened"},
              "permission": {"relaxed", "tightened"},
              "severity": {"relaxed", "tightened"}, "target": {"changed"}, "identity": {"changed"}}
    not_compared = {"/ballast", "/description", "/limits/*/select", "/floors/*/select", "/backing/*/select",
                    "/backing/*/liability", "/stress/*/shocks/*/select", "/calls/allow/*/to", "/calls/allow/*/selector"}
    for path, direction in sorted(fields.items()):
        if path in not_compared:
            continue  # what matches a rule: another value is another rule (removed and added)
        if path.startswith("/*/"):
            seen = set().union(*[v for k, v in moved.items() if k.endswith(path[2:])] or [set()])
        else:
            seen = set().union(*[v for k, v in moved.items() if k == path or k.startswith(path + "/")] or [set()])
        check(wanted[direction] <= seen, f"registry field {path} ({direction}) moved only as {sorted(seen)}")


def main():
    moved = {}
    names = sorted(f[:-5] for f in os.listdir(CASES) if f.endswith(".json"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            run_case(name, json.load(open(os.path.join(CASES, name + ".json"))), tmp, moved)
    test_registry(moved)
    code, _, err = run(["diff", "only-one.json"])
    check(code == 64 and "two policy files" in err, f"usage error: {code} {err}")
    for f in failures:
        print("FAILED:", f)
    print(f"{len(names)} diff cases; {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
