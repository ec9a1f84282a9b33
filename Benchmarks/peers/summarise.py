#!/usr/bin/env python3
"""Prints the Markdown table of run.sh from its raw timings (runs.tsv).

usage: summarise.py RUNS_TSV CSV_BYTES THREADS [MAX_LOAD]
Warm-up runs are left out; with MAX_LOAD, so are runs that started with the 1-minute load
average above it (other work on the machine).
"""
import csv, statistics, sys
times, nbytes, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
max_load = float(sys.argv[4]) if len(sys.argv) > 4 else None
by = {}
loads = []
for r in csv.DictReader(open(times), delimiter="\t"):
    if r["round"] == "warmup" or (max_load is not None and float(r["load1"]) > max_load):
        continue
    by.setdefault(r["tool"], []).append((float(r["seconds"]), int(r["max_rss_kb"]), float(r["load1"])))
    loads.append(float(r["load1"]))
def med(name, i):
    return statistics.median(x[i] for x in by[name])
print(f"Input: {nbytes / 1e9:.2f} GB of CSV; {threads} threads each; median of n runs after a warm-up"
      f"{'' if max_load is None else f' (runs started at load > {max_load} left out)'}; "
      f"1-min load average before each run {min(loads):.2f}-{max(loads):.2f} (the tools' own {threads} threads "
      f"count ~{threads}; 'busy runs' started above {int(threads) + 1}: rerun if many are).")
print()
busy_at = int(threads) + 1
print("| mode | tool | median wall (s) | min-max (s) | GB/s of CSV | peak RSS (MB) | RxAtlas speed-up | n | busy runs |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for mode, tools in (("write result", ("rxatlas-store", "duckdb-parquet", "polars-parquet")),
                    ("no write", ("rxatlas-check", "duckdb-memory", "polars-memory"))):
    rx = med(tools[0], 0)
    for t in tools:
        m = med(t, 0)
        lo, hi = min(x[0] for x in by[t]), max(x[0] for x in by[t])
        rss = max(x[1] for x in by[t]) / 1024
        ratio = "—" if t == tools[0] else f"{m / rx:.2f}×"
        busy = sum(1 for x in by[t] if x[2] > busy_at)
        print(f"| {mode} | {t} | {m:.2f} | {lo:.2f}-{hi:.2f} | {nbytes / 1e9 / m:.2f} | {rss:.0f} | {ratio} | {len(by[t])} | {busy} |")
