#!/usr/bin/env bash
# RxAtlas vs DuckDB vs Polars on the same synthetic EPD month, in the same run.
#
# Each tool computes the per (month, practice, presentation) sums of ITEMS, TOTAL_QUANTITY, NIC,
# ACTUAL_COST and ADQ_USAGE from the same CSV, on the same number of threads, in two modes:
#   write     rxatlas ingest --store (a store of snapshots) | DuckDB/Polars write Parquet
#   no write  rxatlas ingest --check (parse + sum, no store)  | DuckDB/Polars hold the result in memory
# After one warm-up of every command, the commands run round-robin RUNS times; the script prints
# a Markdown table of medians (wall time, GB/s of CSV, peak RSS) and RxAtlas's speed-up over each
# peer, after checking that all three agree exactly on result rows and grand totals.
#
# Environment (all optional):
#   RXATLAS=PATH     the rxatlas binary to use (default: build this repository's release product)
#   PRACTICES=N      practices in the synthetic month (default 6500, one national month, ~6-7 GB)
#   CSV=PATH         use this EPD CSV instead of generating one
#   RUNS=N           timed runs per command (default 5)
#   THREADS=N        threads for every tool (default 2)
#   DATA=DIR         where the data, outputs and raw timings go (default Benchmarks/peers/data)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PRACTICES="${PRACTICES:-6500}"
RUNS="${RUNS:-5}"
THREADS="${THREADS:-2}"
DATA="${DATA:-$HERE/data}"
export PATH="/opt/swift/usr/bin:$PATH"
mkdir -p "$DATA"

log() { printf '%s\n' "$*" >&2; }

# 1. The rxatlas binary.
if [[ -z "${RXATLAS:-}" ]]; then
    log "== building rxatlas (release) in $REPO"
    (cd "$REPO" && swift build -c release --product rxatlas >&2)
    RXATLAS="$REPO/.build/release/rxatlas"
fi
[[ -x "$RXATLAS" ]] || { log "no rxatlas binary at $RXATLAS"; exit 1; }

# 2. The peers, pinned, in a virtual environment.
VENV="$HERE/.venv"
if ! "$VENV/bin/python" -c 'import duckdb, polars' 2>/dev/null; then
    log "== installing peers from requirements.txt into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$HERE/requirements.txt" >&2
fi
PY="$VENV/bin/python"

# 3. The input: one synthetic national-scale month (generated once, then reused).
if [[ -z "${CSV:-}" ]]; then
    SYNTH="$DATA/synth-$PRACTICES"
    CSV="$SYNTH/epd_202501.csv"
    if [[ ! -s "$CSV" ]]; then
        log "== generating $PRACTICES practices x 1 month into $SYNTH"
        rm -rf "$SYNTH"
        "$RXATLAS" synth --practices "$PRACTICES" --months 1 --seed 2025 --start 2025-01 --out "$SYNTH" >&2
    fi
fi
BYTES=$(stat -c %s "$CSV")
log "== input: $CSV ($BYTES bytes)"

OUT="$DATA/out"
rm -rf "$OUT"
mkdir -p "$OUT"
TIMES="$DATA/runs.tsv"

# name | command (run by bash -c; $OUT is cleaned before every run)
NAMES=(rxatlas-store duckdb-parquet polars-parquet rxatlas-check duckdb-memory polars-memory)
cmd() {
    case "$1" in
        rxatlas-store)  echo "'$RXATLAS' ingest '$CSV' --store '$OUT/store' --threads $THREADS" ;;
        duckdb-parquet) echo "'$PY' '$HERE/duckdb_sums.py' '$CSV' --out '$OUT/duckdb.parquet' --threads $THREADS" ;;
        polars-parquet) echo "'$PY' '$HERE/polars_sums.py' '$CSV' --out '$OUT/polars.parquet' --threads $THREADS" ;;
        rxatlas-check)  echo "'$RXATLAS' ingest '$CSV' --check --threads $THREADS" ;;
        duckdb-memory)  echo "'$PY' '$HERE/duckdb_sums.py' '$CSV' --no-write --threads $THREADS" ;;
        polars-memory)  echo "'$PY' '$HERE/polars_sums.py' '$CSV' --no-write --threads $THREADS" ;;
    esac
}

# 4. Agreement: rows and grand totals must match exactly.
log "== checking that the three tools agree"
rm -rf "$OUT"/*
"$RXATLAS" ingest "$CSV" --store "$OUT/store" --threads "$THREADS" >/dev/null
"$RXATLAS" store info --store "$OUT/store" --format json > "$DATA/rxatlas_info.json"
"$PY" "$HERE/duckdb_sums.py" "$CSV" --out "$OUT/duckdb.parquet" --threads "$THREADS" --totals > "$DATA/duckdb_totals.json"
"$PY" "$HERE/polars_sums.py" "$CSV" --out "$OUT/polars.parquet" --threads "$THREADS" --totals > "$DATA/polars_totals.json"
"$PY" "$HERE/duckdb_sums.py" "$CSV" --no-write --threads "$THREADS" --totals > "$DATA/duckdb_memory_totals.json"
"$PY" "$HERE/polars_sums.py" "$CSV" --no-write --threads "$THREADS" --totals > "$DATA/polars_memory_totals.json"
STORE_BYTES=$(du -sb "$OUT/store/months" | cut -f1)
"$PY" - "$DATA" "$STORE_BYTES" > "$DATA/agreement.md" <<'PYEOF'
import json, sys
from decimal import Decimal
data, store_bytes = sys.argv[1], int(sys.argv[2])
info = json.load(open(f"{data}/rxatlas_info.json"), parse_float=Decimal)
months = info["months"]
rx = {"rows": sum(m["rows"] for m in months)}
for k in ("items", "quantity", "nic", "actual_cost"):
    rx[k] = sum(Decimal(str(m[k])) for m in months)
rows = [("rxatlas (store info)", rx)]
for name in ("duckdb", "polars", "duckdb_memory", "polars_memory"):
    t = json.load(open(f"{data}/{name}_totals.json"))
    rows.append((name.replace("_memory", " (no write)"), {k: (int(v) if k == "rows" else Decimal(v)) for k, v in t.items() if v is not None}))
keys = ("rows", "items", "quantity", "nic", "actual_cost")
ok = all(all(r[k] == rx[k] for k in keys) for _, r in rows)
print("| tool | result rows | items | quantity | NIC | actual cost |")
print("|---|---:|---:|---:|---:|---:|")
for name, r in rows:
    print(f"| {name} | " + " | ".join(format(r[k].normalize(), "f") if isinstance(r[k], Decimal) else str(r[k]) for k in keys) + " |")
print()
print(f"Agreement: {'all equal, exactly' if ok else 'MISMATCH'}.")
print(f"Snapshot bytes: {store_bytes} for {rx['rows']} rows = {store_bytes / rx['rows']:.2f} bytes/row.")
if not ok:
    sys.exit(1)
PYEOF
cat "$DATA/agreement.md" >&2

# 5. Timings: one warm-up each, then RUNS rounds, round-robin.
printf 'round\ttool\tseconds\tmax_rss_kb\tload1\n' > "$TIMES"
run_one() {  # round name
    local name="$1" round="$2" c load t0 t1
    c="$(cmd "$name")"
    rm -rf "$OUT"/*
    sync
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$DATA/time.txt" bash -c "$c" >/dev/null 2>"$DATA/stderr.txt" \
        || { log "FAILED: $c"; cat "$DATA/stderr.txt" >&2; exit 1; }
    t1=$(date +%s%N)
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$(echo "scale=3; ($t1-$t0)/1000000000" | bc)" \
        "$(tail -1 "$DATA/time.txt")" "$load" >> "$TIMES"
    log "   $round $name $(tail -1 "$TIMES" | cut -f3)s load $load"
}
log "== warm-up"
for n in "${NAMES[@]}"; do run_one "$n" warmup; done
for r in $(seq 1 "$RUNS"); do
    log "== round $r of $RUNS"
    for n in "${NAMES[@]}"; do run_one "$n" "$r"; done
done
rm -rf "$OUT"/*

# 6. The table.
"$PY" "$HERE/summarise.py" "$TIMES" "$BYTES" "$THREADS"
