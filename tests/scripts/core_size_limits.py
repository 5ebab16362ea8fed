#!/usr/bin/env python3
"""Checks the size limits of core/ (docs/architecture.md): no file over 500 lines and no function
over 80 lines, except the venue functions that mirror a contract's loop line for line, listed in
docs/architecture.md under "Long functions".

    tests/scripts/core_size_limits.py [SOURCE_DIR]

A function is a definition at namespace or class scope: a line that opens a brace after a
parameter list (not a control statement, lambda or type). Its length counts from that line to
its closing brace.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_FILE, MAX_FUNCTION = 500, 80
CONTROL = re.compile(r"^\s*(if|for|while|switch|else|do|catch|try|namespace|class|struct|enum|union)\b")


def allowed_long_functions():
    text = open(os.path.join(ROOT, "docs", "architecture.md")).read()
    section = text.split("## Long functions", 1)[1].split("\n## ", 1)[0] if "## Long functions" in text else ""
    return set(re.findall(r"`([A-Za-z_:0-9]+)`", section))


def functions(lines):
    """(name, first line, length) of each function definition at namespace or class scope."""
    out, stack, stmt, start = [], [], "", None
    for i, line in enumerate(lines):
        code = re.sub(r'"(\\.|[^"\\])*"', '""', line.split("//")[0])
        code = re.sub(r"'(\\.|[^'\\])'", "''", code).strip()
        if code.startswith("#"):
            continue
        scope_open = all(k in ("ns", "class") for k in stack)
        for ch in code:
            if ch == "{":
                kind = "other"
                if scope_open and start is None:
                    head = stmt.strip()
                    if re.match(r"^(namespace|extern)\b", head) or head == "":
                        kind = "ns"
                    elif re.match(r"^(template\s*<.*>\s*)?(class|struct|union|enum)\b", head) and "(" not in head:
                        kind = "class"
                    elif "(" in head and not CONTROL.match(head) and "=" not in head.split("(")[0]:
                        m = re.search(r"([A-Za-z_~][A-Za-z_0-9:~]*)\s*\(", head)
                        if m:
                            kind, start = "fn", (m.group(1), i)
                stack.append(kind)
                stmt = ""
            elif ch == "}":
                kind = stack.pop() if stack else "other"
                if kind == "fn" and start is not None:
                    out.append((start[0], start[1] + 1, i - start[1] + 1))
                    start = None
                stmt = ""
            elif ch == ";":
                stmt = ""
            else:
                stmt += ch
        stmt += " "
    return out


def main():
    allowed = allowed_long_functions()
    problems = []
    for d, _, files in os.walk(os.path.join(ROOT, "core")):
        for f in sorted(files):
            if not f.endswith((".cpp", ".h")):
                continue
            path = os.path.join(d, f)
            rel = os.path.relpath(path, ROOT)
            lines = open(path).read().split("\n")
            if len(lines) > MAX_FILE:
                problems.append(f"{rel}: {len(lines)} lines (limit {MAX_FILE})")
            for name, first, length in functions(lines):
                if length > MAX_FUNCTION and name.split("::")[-1] not in allowed:
                    problems.append(f"{rel}:{first}: function {name} is {length} lines (limit {MAX_FUNCTION})")
    for p in problems:
        print(p)
    print(f"core size limits: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
