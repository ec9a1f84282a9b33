#!/usr/bin/env python3
"""Compares `rxatlas measures` (values.csv and deciles.csv, practice level) with op_measures.py's
output: numerator, denominator, calc_value, percentile and deciles must agree to 1e-9 (relative,
or absolute below 1) for every measure both computed, and every practice-month must be in both.
Prints a Markdown table per measure; exits 1 on any disagreement.

Usage: compare.py RXATLAS_OUT OP_OUT
"""
import csv, sys
from collections import defaultdict

rx_dir, op_dir = sys.argv[1], sys.argv[2]


def num(s):
    return None if s == "" else float(s)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


op = {}
for r in csv.DictReader(open(f"{op_dir}/values.csv")):
    op[(r["measure"], r["org_code"], r["month"])] = (num(r["numerator"]), num(r["denominator"]), num(r["calc_value"]), num(r["percentile"]))
ran = {r["measure"] for r in csv.DictReader(open(f"{rx_dir}/values.csv"))}
# A measure RxAtlas runs that the independent implementation does not compute is a failure too;
# one the independent implementation computes and RxAtlas refuses is listed.
unchecked = sorted(ran - {k[0] for k in op})
refused = sorted({k[0] for k in op} - ran)
measures = {k[0] for k in op} & ran
rx = {}
for r in csv.DictReader(open(f"{rx_dir}/values.csv")):
    if r["level"] == "practice" and r["measure"] in measures and r["value"] != "" or (
            r["level"] == "practice" and r["measure"] in measures and (r["measure"], r["org_code"], r["month"]) in op):
        rx[(r["measure"], r["org_code"], r["month"])] = (num(r["numerator"]), num(r["denominator"]), num(r["calc_value"]), num(r["percentile"]))

stats = defaultdict(lambda: [0, 0, 0, 0, 0, 0])   # rows, missing, numerator, denominator, calc_value, percentile
for key, o in op.items():
    if key[0] not in measures:
        continue
    s = stats[key[0]]
    s[0] += 1
    x = rx.get(key)
    if x is None:
        s[1] += 1
        continue
    for i in range(4):
        if not close(o[i], x[i]):
            s[2 + i] += 1
extra = [k for k in rx if k not in op]

op_dec = {(r["measure"], r["month"]): [num(r[f"p{k}0"]) for k in range(1, 10)] for r in csv.DictReader(open(f"{op_dir}/deciles.csv"))}
dec_bad = 0
for r in csv.DictReader(open(f"{rx_dir}/deciles.csv")):
    key = (r["measure"], r["month"])
    if r["level"] == "practice" and key in op_dec:
        mine = [num(r[f"p{k}0"]) for k in range(1, 10)]
        # RxAtlas's deciles of a percentage are x 100; OpenPrescribing's are of the fraction.
        theirs = op_dec[key]
        if not all(close(a, b) or close(a, None if b is None else b * 100) for a, b in zip(mine, theirs)):
            dec_bad += 1

print("| measure | practice-months | missing in RxAtlas | numerator | denominator | calc_value | percentile |")
print("|---|---|---|---|---|---|---|")
bad = 0
for m in sorted(stats):
    s = stats[m]
    bad += sum(s[1:])
    print(f"| {m} | {s[0]} | {s[1]} | {s[2]} | {s[3]} | {s[4]} | {s[5]} |")
print(f"\n{len(stats)} measures; {sum(s[0] for s in stats.values())} practice-months; "
      f"{bad} disagreements; {len(extra)} practice-months only in RxAtlas; {dec_bad} decile rows differ; "
      f"{len(unchecked)} measures RxAtlas ran that were not checked" + (": " + ", ".join(unchecked) if unchecked else "")
      + (f"; computed here but refused by RxAtlas: {', '.join(refused)}" if refused else ""))
sys.exit(0 if bad == 0 and not extra and dec_bad == 0 and not unchecked else 1)
