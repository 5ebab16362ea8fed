#!/usr/bin/env python3
"""Keeps the README's example figures true to the binary.

    scripts/readme.py BALLAST [--write]

1. Every fenced block preceded by a marker line
       <!-- output: ARGS (first N lines) -->
   holds the first N lines of `BALLAST ARGS` run from the repository root (then "  ..." when
   the output is longer).
2. The examples table: each row naming `proposal-*.json` states the verdict, the error and warning
   counts and the rules of the findings that `BALLAST check` gives for that proposal.

Without --write, exits 1 and shows what differs; with --write, rewrites the marked blocks (the
table is written by hand and only checked).
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
MARKER = re.compile(r"^<!-- output: (.*) \(first (\d+) lines\) -->$")


def run(ballast, args):
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([ballast] + args, cwd=ROOT, capture_output=True, text=True, env=env)
    return p.stdout


def output_blocks(ballast, lines):
    """The README's lines with every marked block replaced by the binary's output."""
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        m = MARKER.match(lines[i])
        i += 1
        if not m:
            continue
        assert lines[i] == "```", f"README line {i + 1}: a marker must be followed by a fenced block"
        end = lines.index("```", i + 1)
        text = run(ballast, m.group(1).split()).splitlines()
        n = int(m.group(2))
        block = text[:n] + (["  ..."] if len(text) > n else [])
        out += ["```"] + block + ["```"]
        i = end + 1
    return out


def table_problems(ballast, lines):
    problems, example = [], None
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) != 4:
            continue
        m = re.match(r"`([a-z-]+)`", cells[0])
        if m:
            example = m.group(1)
        p = re.match(r"`(proposal-[a-z-]+\.json)`", cells[1])
        if not p or not example:
            continue
        d = os.path.join("examples", example)
        report = json.loads(run(ballast, ["check", "--policy", f"{d}/policy.json", "--treasury", f"{d}/treasury.json",
                                          "--proposal", f"{d}/{p.group(1)}", "--format", "json"]))
        errors, warnings = report["summary"]["errors"], report["summary"]["warnings"]
        verdict = report["verdict"].upper()
        stated = verdict if errors + warnings == 0 else verdict + ", " + ", ".join(
            f"{n} {w}{'' if n == 1 else 's'}" for n, w in ((errors, "error"), (warnings, "warning")) if n)
        if cells[2] != stated:
            problems.append(f"{example}/{p.group(1)}: the table says {cells[2]!r}, the binary {stated!r}")
        rules = {f["rule"] for f in report["findings"]}
        for s in report.get("stress", []):
            rules |= {f["rule"] for f in s["findings"]}
        named = set(re.findall(r"`([a-z_.]+)`", cells[3]))
        if named != rules:
            problems.append(f"{example}/{p.group(1)}: the table names {sorted(named)}, the binary finds {sorted(rules)}")
    return problems


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--write"):
        sys.exit(__doc__)
    ballast, write = os.path.abspath(sys.argv[1]), len(sys.argv) == 3
    lines = open(README).read().split("\n")
    fresh = output_blocks(ballast, lines)
    problems = table_problems(ballast, fresh)
    if write and fresh != lines:
        open(README, "w").write("\n".join(fresh))
        print("README.md: example output rewritten")
    elif fresh != lines:
        for k, (a, b) in enumerate(zip(lines, fresh)):
            if a != b:
                problems.append(f"README line {k + 1} differs from the binary's output:\n  README: {a}\n  binary: {b}")
                break
        else:
            problems.append("README output block length differs from the binary's output")
        problems.append("run scripts/readme.py build/ballast --write")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
