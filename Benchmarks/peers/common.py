"""Shared helpers for the peer scripts: argument parsing and EPD header detection.

Both peers compute exactly what `rxatlas ingest` computes from an EPD month: one row per
(month, prescriber, presentation) with the sums of ITEMS, TOTAL_QUANTITY, NIC, ACTUAL_COST and
ADQ_USAGE. Amounts are read as DECIMAL(18,5) (RxAtlas stores them as exact fixed-point 10^-5),
so the grand totals can be compared exactly. Unidentified prescribing (PRACTICE_CODE "-" or
UNIDENTIFIED = Y) is keyed "-@" + PCO_CODE, as RxAtlas keeps it: one bucket per area, never
merged into a practice.
"""
import argparse
import json
import os
import sys


def parse_args(tool):
    p = argparse.ArgumentParser(description=f"Per (month, practice, presentation) sums of an EPD CSV with {tool}.")
    p.add_argument("csv", help="EPD CSV file (legacy or 2025+ column names)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--out", help="write the result to this Parquet file")
    g.add_argument("--no-write", action="store_true",
                   help="compute and hold the full result in memory, then count its rows; write nothing")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--totals", action="store_true",
                   help="print rows and grand totals (items, quantity, nic, actual_cost, adq) as JSON")
    return p.parse_args()


def epd_columns(path):
    """Column names for the roles RxAtlas reads, from the header (legacy or 2025+ names)."""
    with open(path, "rb") as f:
        header = f.readline().decode("latin-1").lstrip("\ufeff").lstrip("\xef\xbb\xbf").strip()
    names = [n.strip().strip('"') for n in header.split(",")]
    upper = [n.upper() for n in names]

    def find(*candidates):
        for c in candidates:
            if c in upper:
                return names[upper.index(c)]
        return None

    cols = {
        "month": find("YEAR_MONTH"),
        "practice": find("PRACTICE_CODE"),
        "bnf": find("BNF_PRESENTATION_CODE", "BNF_CODE"),
        "items": find("ITEMS"),
        "quantity": find("TOTAL_QUANTITY"),
        "nic": find("NIC"),
        "actual_cost": find("ACTUAL_COST"),
        "adq": find("ADQ_USAGE", "ADQUSAGE"),
        "unidentified": find("UNIDENTIFIED"),
        "area": find("PCO_CODE"),
    }
    missing = [k for k in ("month", "practice", "bnf", "items", "quantity", "nic", "actual_cost") if cols[k] is None]
    if missing:
        sys.exit(f"{path}: not an EPD file (missing {', '.join(missing)})")
    return cols


def print_totals(rows, totals):
    out = {"rows": int(rows)}
    for k, v in totals.items():
        out[k] = None if v is None else str(v)
    print(json.dumps(out))
