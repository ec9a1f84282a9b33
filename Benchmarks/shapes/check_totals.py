#!/usr/bin/env python3
"""Checks a store built from one epd_unlike_synth.py file against the file's totals: the store's
items, total quantity, NIC and actual cost for the month (from `rxatlas store info --format json`) must
equal the sums the generator wrote, exactly to the penny.

Usage: check_totals.py FILE.csv.totals.json STORE [RXATLAS]
"""
import json, subprocess, sys
from decimal import Decimal

totals = json.load(open(sys.argv[1]))
binary = sys.argv[3] if len(sys.argv) > 3 else "rxatlas"
info = json.loads(subprocess.run([binary, "store", "info", "--store", sys.argv[2], "--format", "json"], check=True,
                                 capture_output=True, text=True).stdout)
month = info["months"][0]
failures = []
for key, field in [("items", "items"), ("total_quantity", "quantity"), ("nic", "nic"), ("actual_cost", "actual_cost")]:
    want, got = Decimal(str(totals[key])), Decimal(str(month[field]))
    if abs(want - got) > Decimal("0.000005") * max(1, totals["rows"]) and key in ("nic", "actual_cost"):
        failures.append(f"{key}: file {want}, store {got}")
    elif key in ("items", "total_quantity") and want != got:
        failures.append(f"{key}: file {want}, store {got}")
print(f"check_totals: {totals['rows']} rows; items {totals['items']}; store {month}")
if failures:
    print("check_totals: FAIL: " + "; ".join(failures), file=sys.stderr)
    sys.exit(1)
print("check_totals: OK")
