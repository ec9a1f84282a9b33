#!/usr/bin/env bash
# Load test of `rxatlas serve` with wrk, in bounded runs against loopback (docs/SERVE.md, issue 17).
# Starts the server over STORE on a free port, makes the first request of each route (which computes
# the period), then for each URL: one timed curl request, and `wrk -t2 -c32 -d${SECONDS_EACH}s
# --latency`. Prints a Markdown table of p50, p90, p99 and requests/s per URL, and the server's RSS
# after all runs.
# Usage: Benchmarks/serve/load.sh STORE [RXATLAS]   (SECONDS_EACH default 10; ORG: a practice code)
set -euo pipefail
store="${1:?usage: Benchmarks/serve/load.sh STORE [RXATLAS]}"
bin="${2:-.build/release/rxatlas}"
each="${SECONDS_EACH:-10}"
command -v wrk > /dev/null || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" serve --store "$store" --port "$port" --quiet > /tmp/rxatlas-load-serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.2; done
org="${ORG:-$(curl -s "$base/api/v1/measures/ics_high_dose/values?level=practice" | python3 -c 'import json, sys; import re; print(next(r["org_code"] for r in json.load(sys.stdin) if re.fullmatch(r"[A-Z][0-9]{5}", r["org_code"]) and r.get("value") is not None))')}"
icb="$(curl -s "$base/api/v1/orgs/$org" | python3 -c 'import json, sys; print(next(p["code"] for p in json.load(sys.stdin)["parents"] if p["level"] == "icb"))')"
urls=(
  "/api/v1/measures/ics_high_dose/values?level=practice&org=$org"
  "/api/v1/measures/ics_high_dose/deciles?level=practice"
  "/api/v1/atlas/ics_high_dose?level=icb"
  "/api/v1/orgs/$org"
  "/api/v1/orgs?q=${org:0:4}"
  "/api/v1/biosimilars?level=icb&target_uptake=0.95&discount=0.1"
  "/api/v1/biosimilars?level=icb&org=$icb&target_uptake=0.8"
  "/api/v1/steroids/outliers?level=icb"
  "/api/v1/charts/ics_high_dose/funnel.svg?level=icb"
  "/api/v1/charts/ics_high_dose/deciles.svg?level=practice&org=$org"
)
echo "| URL | first request | one request after | p50 | p90 | p99 | requests/s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for u in "${urls[@]}"; do
  first=$(curl -s -o /dev/null -w '%{time_total}' "$base$u")
  again=$(curl -s -o /dev/null -w '%{time_total}' "$base$u")
  out=$(wrk -t2 -c32 -d"${each}s" --latency "$base$u")
  p() { echo "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  printf '| `%s` | %.0f ms | %.1f ms | %s | %s | %s | %s%s |\n' "$u" "$(awk -v t="$first" 'BEGIN { print t * 1000 }')" "$(awk -v t="$again" 'BEGIN { print t * 1000 }')" \
    "$(p 50%)" "$(p 90%)" "$(p 99%)" "$rps" "${errors:+ ($errors non-2xx)}"
done
echo
echo "server RSS after the runs: $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status); peak $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status)"
