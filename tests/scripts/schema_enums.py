#!/usr/bin/env python3
"""The closed lists of the JSON Schemas are the engine's own: the rule ids of report/1 and diff/1
are exactly the rule registry (`ballast rules`; under a stress scenario "stress." and the id), and the error codes exactly the stable codes of
core/include/ballast/diagnostics.h. The TypeScript unions of the npm package are generated from
these schemas, so this keeps them true.

usage: schema_enums.py BALLAST_BINARY SOURCE_DIR
"""
import json
import re
import subprocess
import sys
from pathlib import Path


def main() -> int:
    binary, src = sys.argv[1], Path(sys.argv[2])
    rules = [r["rule"] for r in json.loads(subprocess.check_output([binary, "rules", "--format", "json"]))["rules"]]
    header = (src / "core/include/ballast/diagnostics.h").read_text()
    namespace = header[header.index("namespace code {"):header.index("}  // namespace code")]
    codes = re.findall(r'=\s*"([^"]+)";', namespace)
    failures = []
    for kind in ("report", "diff"):
        defs = json.loads((src / f"core/schemas/{kind}.schema.json").read_text())["$defs"]
        stressed = ["stress." + r for r in rules if r != "stress"]
        for name, expected in (("rule_id", rules), ("stress_rule_id", stressed), ("error_code", codes)):
            got = defs[name]["enum"]
            if got != expected:
                failures.append(f"{kind}.schema.json $defs/{name}: missing {sorted(set(expected) - set(got))}, "
                                f"extra {sorted(set(got) - set(expected))}, or out of order")
    for f in failures:
        print("FAIL", f)
    print(f"{len(rules)} rule ids, {len(codes)} error codes checked in report/1 and diff/1")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
