#!/usr/bin/env bash
# The 12-month national-scale data of the measures benchmark, built once and reused: for each
# month, one synthetic EPD CSV (6,500 practices, the same arguments as Benchmarks/peers) is
# ingested into an RxAtlas store AND summed per (month, practice, presentation) by DuckDB into a
# Parquet file, so both tools start from the same rows in their own best format. The CSV is
# deleted after each month (a national month is ~5.5 GB).
#
# Environment: RXATLAS (binary), DATA (default Benchmarks/measures/data), MONTHS (default 12),
# PRACTICES (default 6500), PY (python with duckdb; default Benchmarks/peers/.venv/bin/python).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RXATLAS="${RXATLAS:-$HERE/../../.build/release/rxatlas}"
DATA="${DATA:-$HERE/data}"
MONTHS="${MONTHS:-12}"
PRACTICES="${PRACTICES:-6500}"
PY="${PY:-$HERE/../peers/.venv/bin/python}"
mkdir -p "$DATA/parquet"
for i in $(seq 1 "$MONTHS"); do
    m=$(printf '%02d' "$i")
    if [[ -f "$DATA/parquet/epd_2025$m.parquet" && -f "$DATA/store/months/2025-$m.rxsnap" ]]; then continue; fi
    rm -rf "$DATA/tmp"
    "$RXATLAS" synth --practices "$PRACTICES" --months 1 --seed 42 --start "2025-$m" --out "$DATA/tmp" --quiet
    "$RXATLAS" ingest "$DATA/tmp/epd_2025$m.csv" --store "$DATA/store" \
        --list-sizes "$DATA/tmp/list_sizes_2025$m.csv" --orgs "$DATA/tmp/orgs.csv" > /dev/null
    (cd "$HERE/../peers" && "$PY" duckdb_sums.py "$DATA/tmp/epd_2025$m.csv" --out "$DATA/parquet/epd_2025$m.parquet")
    cp "$DATA/tmp/list_sizes_2025$m.csv" "$DATA/parquet/list_sizes_2025$m.csv"
    cp "$DATA/tmp/orgs.csv" "$DATA/parquet/orgs.csv"
    echo "2025-$m built $(date +%T)" >&2
done
rm -rf "$DATA/tmp"
