#!/usr/bin/env bash
# Times a store built by build.sh: `store info --verify`, then `measures`, `atlas`, `biosimilars`,
# `steroids` and `outliers` over the latest 12 months and over every month, each run RUNS times
# after one warm-up (the median is reported), with peak RSS. Outputs go to $OUT/out-* and are
# removed after each run. Prints a Markdown table and appends it to $OUT/measure.md.
#
# Usage: Benchmarks/scale/measure.sh        (OUT as for build.sh; RUNS default 3, ALL_RUNS 1)
set -euo pipefail
BIN="${BIN:-$(pwd)/.build/release/rxatlas}"
OUT="${OUT:-/tmp/rxatlas-scale}"
RUNS="${RUNS:-3}"
ALL_RUNS="${ALL_RUNS:-1}"
STORE="$OUT/store"
last=$("$BIN" store info --store "$STORE" --format json | python3 -c 'import json,sys; m=json.load(sys.stdin)["months"]; print(m[-1]["month"], m[0]["month"], len(m))')
read -r to first count <<<"$last"
from12=$(python3 -c "y,m=map(int,'$to'.split('-')); k=y*12+m-1-11; print(f'{k//12:04d}-{k%12+1:02d}')")
echo "store: $count months, $first to $to; $(du -sh "$STORE" | cut -f1)" | tee -a "$OUT/measure.md"

run() {   # label, runs, command...
    local label="$1" runs="$2"; shift 2
    local times=() rss=()
    "$@" > /dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }   # warm-up
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" > /dev/null 2>&1
        read -r t m < "$OUT/time.txt"; times+=("$t"); rss+=("$m")
        rm -rf "$OUT"/out-*
    done
    local med; med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    local peak; peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    echo "| $label | $med | $(printf '%s ' "${times[@]}") | $((peak / 1024)) |" | tee -a "$OUT/measure.md"
}

echo "| command | median wall (s) | runs (s) | peak RSS (MB) |" | tee -a "$OUT/measure.md"
echo "|---|---:|---|---:|" | tee -a "$OUT/measure.md"
run "store info --verify ($count months)" 1 "$BIN" store info --store "$STORE" --verify
for span in 12 all; do
    if [ "$span" = 12 ]; then range=(--from "$from12" --to "$to"); n=$RUNS; tag="12 months"
    else range=(--from "$first" --to "$to"); n=$ALL_RUNS; tag="$count months"; fi
    run "measures, $tag" "$n" "$BIN" measures --store "$STORE" "${range[@]}" --out "$OUT/out-measures" --quiet
    run "atlas, $tag" "$n" "$BIN" atlas --store "$STORE" "${range[@]}" --out "$OUT/out-atlas" --quiet
    run "biosimilars, $tag" "$n" "$BIN" biosimilars --store "$STORE" "${range[@]}" --out "$OUT/out-bio" --quiet
    run "steroids, $tag" "$n" "$BIN" steroids --store "$STORE" "${range[@]}" --out "$OUT/out-ster" --quiet
    run "outliers, $tag" "$n" "$BIN" outliers --store "$STORE" "${range[@]}" --out "$OUT/out-outl" --quiet
done
