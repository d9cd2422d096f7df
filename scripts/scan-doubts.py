#!/usr/bin/env python3
"""How useful the scan's doubts on key fields are: for the second reading's `read.readings-differ`,
for `read.low-confidence`, `read.stray-marks` and `validate.target-incomplete`, the share of doubted key fields that were wrong (precision) and
the share of wrong key fields each doubted (recall), over a folder of NAME.out.json and
NAME.score.json as silent.py reads them.

    python3 scripts/scan-doubts.py OUT_DIR [--list]

A doubt covers a key field as silent.py counts it (the same path, a parent or a child); a wrong
target and its targetParsed count once. Prints one line per code: `CODE: D doubts on K key
points, precision P (W wrong), recall R of N wrong key fields`; --list prints each false alarm
and each wrong field no doubt of that code covers.
"""
import json, os, re, sys

PROSE = {"overview", "basis", "necessity", "safeguards", "implementationPlan",
         "overallGoal", "annualGoal", "remarks"}
CODES = ("read.readings-differ", "read.low-confidence", "read.stray-marks", "validate.target-incomplete")


def base(path):
    return re.sub(r"\[\d+\]", "", path).split(".")[0]


def covers(issue_field, wrong):
    if not issue_field:
        return False
    a, b = issue_field, wrong
    return a == b or b.startswith(a + ".") or b.startswith(a + "[") or a.startswith(b + ".") or a.startswith(b + "[")


def main(out_dir, show):
    for code in CODES:
        measure(out_dir, code, show)


def measure(out_dir, code, show):
    doubts = right = 0
    wrong_total = wrong_doubted = key_total = 0
    for name in sorted(os.listdir(out_dir)):
        if not name.endswith(".score.json"):
            continue
        stem = name[: -len(".score.json")]
        score = json.load(open(os.path.join(out_dir, name), encoding="utf-8"))
        key_total += score["keyTotal"]
        out = json.load(open(os.path.join(out_dir, stem + ".out.json"), encoding="utf-8"))
        for rec in score["perRecord"]:
            oi = rec.get("outputIndex")
            issues = out[oi].get("issues", []) if oi is not None and oi < len(out) else []
            wrong = [w for w in rec.get("mismatches", []) if base(w) not in PROSE]
            for i in issues:
                if i.get("code") != code or base(i.get("field") or "") in PROSE or not i.get("field"):
                    continue
                doubts += 1
                if not any(covers(i["field"], w) or covers(i["field"] + "Parsed", w) for w in wrong):
                    right += 1
                    if show:
                        print(f"{stem}: false alarm on {i['field']}: {i.get('message', '')}")
            for w in wrong:
                # a wrong target and its parsed twin count once
                if w.endswith("Parsed") and w[: -len("Parsed")] in wrong:
                    continue
                wrong_total += 1
                if any(i.get("code") == code and covers(i.get("field"), w.removesuffix("Parsed")) for i in issues):
                    wrong_doubted += 1
                elif show:
                    print(f"{stem}: wrong, not doubted by {code}: {w}")
    precision = (doubts - right) / doubts if doubts else 1.0
    recall = wrong_doubted / wrong_total if wrong_total else 1.0
    print(f"{code}: {doubts} doubts on {key_total} key points, precision {precision:.3f} "
          f"({doubts - right} wrong), recall {recall:.3f} of {wrong_total} wrong key fields")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit("usage: scan-doubts.py OUT_DIR [--list]")
    main(args[0], "--list" in sys.argv)
