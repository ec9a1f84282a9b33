#!/usr/bin/env bash
# RxAtlas `measures` and `atlas` vs DuckDB on 12 months of national-scale synthetic data, one run.
#
# build_data.sh makes the data once: the same synthetic EPD CSVs go into an RxAtlas store and,
# summed per (month, practice, presentation), into Parquet for DuckDB. Then, after one warm-up
# of every command, the commands run round-robin RUNS times:
#   rxatlas measures   the built-in library, every level, values/deciles/savings CSVs
#   rxatlas atlas      the same, plus Atlas summaries, funnels and trends over the 12 months
#   duckdb measures    the built-in library at practice level only (values with percentiles and
#                      deciles, CSV), from Parquet: a subset of what `rxatlas measures` does
# and the script prints a Markdown table of medians (wall time, peak RSS) and the ratios, after
# checking that DuckDB's practice values agree with RxAtlas's values.csv.
#
# Environment: RXATLAS (binary; default: build this repository's release product), RUNS
# (default 5), THREADS (default 2), DATA (default Benchmarks/measures/data).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-5}"
THREADS="${THREADS:-2}"
DATA="${DATA:-$HERE/data}"
export PATH="/opt/swift/usr/bin:$PATH"
log() { printf '%s\n' "$*" >&2; }

if [[ -z "${RXATLAS:-}" ]]; then
    log "== building rxatlas (release)"
    (cd "$REPO" && swift build -c release --product rxatlas >&2)
    RXATLAS="$REPO/.build/release/rxatlas"
fi
VENV="$HERE/../peers/.venv"
if ! "$VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
    log "== installing DuckDB from ../peers/requirements.txt"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$HERE/../peers/requirements.txt" >&2
fi
PY="$VENV/bin/python"
RXATLAS="$RXATLAS" DATA="$DATA" PY="$PY" "$HERE/build_data.sh"

OUT="$DATA/out"
mkdir -p "$OUT"
declare -A CMD=(
    [rxatlas_measures]="$RXATLAS measures --store $DATA/store --out $OUT/rx_measures"
    [rxatlas_atlas]="$RXATLAS atlas --store $DATA/store --out $OUT/rx_atlas"
    [duckdb_measures]="$PY $HERE/duckdb_measures.py --data $DATA --measures $REPO/Sources/RxReference/reference/measures --out $OUT/duckdb --threads $THREADS"
)
ORDER=(rxatlas_measures rxatlas_atlas duckdb_measures)
: > "$OUT/runs.tsv"
run() {  # name -> appends "name wall_s rss_kb"
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" ${CMD[$1]} > /dev/null 2> "$OUT/stderr.txt" || { cat "$OUT/stderr.txt" >&2; exit 1; }
    echo "$1 $(cat "$OUT/time.txt")" >> "$OUT/runs.tsv"
}
log "== warm-up"
for c in "${ORDER[@]}"; do /usr/bin/time -f "%e %M" -o "$OUT/time.txt" ${CMD[$c]} > /dev/null; log "$c $(cat "$OUT/time.txt")"; done
log "== $RUNS timed rounds"
for r in $(seq 1 "$RUNS"); do for c in "${ORDER[@]}"; do run "$c"; done; done

log "== agreement"
"$PY" "$HERE/compare_measures.py" "$OUT/rx_measures/values.csv" "$OUT/duckdb/values.csv" | tee "$OUT/agreement.md"

"$PY" - "$OUT/runs.tsv" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for name in dict.fromkeys(r[0] for r in rows):
    w = [float(r[1]) for r in rows if r[0] == name]; m = [int(r[2]) for r in rows if r[0] == name]
    med[name] = (statistics.median(w), statistics.median(m) / 1024, min(w), max(w))
print("| command | median wall s | min–max s | peak RSS MB |\n|---|---|---|---|")
for n, (w, m, lo, hi) in med.items():
    print(f"| {n} | {w:.2f} | {lo:.2f}–{hi:.2f} | {m:.0f} |")
d = med["duckdb_measures"][0]
print(f"\nDuckDB / rxatlas measures = {d / med['rxatlas_measures'][0]:.2f}x; DuckDB / rxatlas atlas = {d / med['rxatlas_atlas'][0]:.2f}x")
PY
