#!/usr/bin/env bash
# Token-authenticated reads against the host's no-op route, on a release build with the embedded SQLite
# default, measured with wrk over loopback: /health, then getUser with an access token with the
# per-address rate limit off and on. Prints each rate and its ratio to /health.
# Usage: Benchmarks/reads.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk
seconds="${1:-10}"; connections="${2:-16}"
source Benchmarks/bench-host.sh

rate() { wrk -t2 -c"$connections" -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }

measure() {
    local label="$1"; shift
    start_bench_host 18081 "$@"
    local access
    access=$(curl -sf -X POST "http://127.0.0.1:$port/api/appuser/signup" -H "app-token: $token" \
        --data "handle=reader@example.com&password=$(printf 'pw' | md5sum | cut -d' ' -f1)" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access-token"])')
    local health getuser
    health=$(rate "http://127.0.0.1:$port/health")
    getuser=$(ACCESS_TOKEN="$access" rate -s Benchmarks/getuser.lua "http://127.0.0.1:$port/api/appuser/getUser")
    printf '%-34s /health %9.0f req/s   getUser %9.0f req/s   ratio %5.1f %%\n' "$label" "$health" "$getuser" \
        "$(python3 -c "print(100 * $getuser / $health)")"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "$connections connections, ${seconds}s each, $(nproc) cores"
measure "rate limit off (--rate-limit 0)" --rate-limit 0
measure "rate limit on (counting, never hit)" --rate-limit 1000000
