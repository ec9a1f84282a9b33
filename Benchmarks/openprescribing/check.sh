#!/usr/bin/env bash
# Checks `rxatlas measures` on OpenPrescribing's own definitions against op_measures.py, an
# independent implementation of OpenPrescribing's measure SQL semantics (standard-library Python
# reading the raw CSVs itself). Every definition RxAtlas runs must agree on every practice-month's
# numerator, denominator, calc_value and percentile, and on the deciles, to 1e-9.
#
# With DMD=dmd.sqlite (a release imported by `rxatlas dmd import`), both also run the
# definitions that select codes from dm+d; DMD=fixture imports dmd_fixture.py's small release,
# with aware_fixture.py's stand-in for OpenPrescribing's AWaRe table.
#
# Usage: Benchmarks/openprescribing/check.sh                 (the bundled sample, 2025-01 to 03)
#        DMD=fixture DEFINITIONS=…/v2-yaml FIRST_FORMAT=…/v1-json Benchmarks/openprescribing/check.sh
#                                                            (the second format; needs PyYAML)
#        EPD="a.csv b.csv" LISTS="l.csv" ORGS=orgs.csv Benchmarks/openprescribing/check.sh
# Environment: RXATLAS (binary; default .build/release/rxatlas), DEFINITIONS (default
# ../shared/data/reference/openprescribing-measures/v1-json), OUT (default a temporary folder).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
S="$REPO/datasets/sample"
RXATLAS="${RXATLAS:-$REPO/.build/release/rxatlas}"
DEFINITIONS="${DEFINITIONS:-$REPO/../shared/data/reference/openprescribing-measures/v1-json}"
EPD="${EPD:-$S/epd_202501.csv.gz $S/epd_202502.csv.gz $S/epd_202503.csv.gz}"
LISTS="${LISTS:-$S/list_sizes_202501.csv.gz $S/list_sizes_202502.csv.gz $S/list_sizes_202503.csv.gz}"
ORGS="${ORGS:-$S/orgs.csv.gz}"
OUT="${OUT:-$(mktemp -d)}"
[ -x "$RXATLAS" ] || { echo "check.sh: no rxatlas at $RXATLAS (make release)" >&2; exit 1; }
[ -d "$DEFINITIONS" ] || { echo "check.sh: SKIPPED: no definitions at $DEFINITIONS" >&2; exit 0; }
rm -rf "$OUT/store" "$OUT/rx" "$OUT/op"
DMD="${DMD:-}"
if [ "$DMD" = fixture ]; then
    python3 "$HERE/dmd_fixture.py" "$OUT/dmd-release"
    # shellcheck disable=SC2086
    python3 "$HERE/aware_fixture.py" "$OUT/aware.csv" $EPD
    "$RXATLAS" dmd import "$OUT/dmd-release" --table vw_aware_abx_bnf_codes="$OUT/aware.csv" --out "$OUT/dmd.sqlite" --quiet
    DMD="$OUT/dmd.sqlite"
fi
dmd_args=()
[ -n "$DMD" ] && dmd_args=(--dmd "$DMD")
# The second format (YAML) takes empty code lists from the first format's files (FIRST_FORMAT).
first_args=()
[ -n "${FIRST_FORMAT:-}" ] && first_args=(--first-format "$FIRST_FORMAT")
# shellcheck disable=SC2086
"$RXATLAS" ingest $EPD --store "$OUT/store" --list-sizes $LISTS --orgs "$ORGS" --quiet
"$RXATLAS" measures --store "$OUT/store" --definitions "$DEFINITIONS" "${dmd_args[@]}" "${first_args[@]}" --level practice --out "$OUT/rx" --quiet
# shellcheck disable=SC2086
python3 "$HERE/op_measures.py" --epd $EPD --list-sizes $LISTS --orgs "$ORGS" --definitions "$DEFINITIONS" "${dmd_args[@]}" "${first_args[@]}" --out "$OUT/op"
python3 "$HERE/compare.py" "$OUT/rx" "$OUT/op"
