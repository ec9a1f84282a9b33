#!/usr/bin/env bash
# Builds a store of MONTHS national synthetic months without writing the CSV to disk: for each
# month, `rxatlas synth --month M --stdout` (one month of one long run, exactly as the whole run
# writes it) is piped into `rxatlas ingest -`. The month's list sizes and the org mapping go to a
# small scratch directory and are removed once ingested.
#
# Writes $OUT/build.csv: month, wall seconds of the pipe, peak RSS (KB) of ingest, store bytes.
#
# Usage: Benchmarks/scale/build.sh            (120 months from 2016-01, 6,500 practices)
#        MONTHS=12 OUT=/tmp/scale12 Benchmarks/scale/build.sh
set -euo pipefail
BIN="${BIN:-$(pwd)/.build/release/rxatlas}"
OUT="${OUT:-/tmp/rxatlas-scale}"
MONTHS="${MONTHS:-120}"
START="${START:-2016-01}"
PRACTICES="${PRACTICES:-6500}"
SEED="${SEED:-1}"
STORE="$OUT/store"
LISTS="$OUT/lists"
[ -x "$BIN" ] || { echo "build.sh: no release binary at $BIN (make release)" >&2; exit 1; }
mkdir -p "$OUT" "$LISTS"
[ -f "$OUT/build.csv" ] || echo "month,seconds,ingest_peak_rss_kb,store_bytes" > "$OUT/build.csv"

year="${START%-*}"; mon="${START#*-}"; mon=$((10#$mon))
for ((k = 0; k < MONTHS; k++)); do
    y=$((year + (mon - 1 + k) / 12)); m=$(((mon - 1 + k) % 12 + 1))
    month=$(printf "%04d-%02d" "$y" "$m"); compact=$(printf "%04d%02d" "$y" "$m")
    if grep -q "^$month," "$OUT/build.csv"; then continue; fi   # resumable
    started=$(date +%s.%N)
    "$BIN" synth --practices "$PRACTICES" --months "$MONTHS" --start "$START" --seed "$SEED" \
        --month "$month" --stdout --out "$LISTS" --quiet \
      | /usr/bin/time -f "%M" -o "$OUT/rss.txt" "$BIN" ingest - --store "$STORE" \
            --list-sizes "$LISTS/list_sizes_$compact.csv" --orgs "$LISTS/orgs.csv" --quiet
    ended=$(date +%s.%N)
    bytes=$(du -sb "$STORE" | cut -f1)
    echo "$month,$(echo "$ended - $started" | bc),$(tail -1 "$OUT/rss.txt"),$bytes" | tee -a "$OUT/build.csv"
    rm -f "$LISTS/list_sizes_$compact.csv"
done
