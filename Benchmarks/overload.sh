#!/usr/bin/env bash
# A host pushed past its password-hashing capacity: many connections logging in at once, spread over
# many users. Reports answers by status (200 logged in, 503 shed at once with Retry-After) and latency.
# Usage: Benchmarks/overload.sh [seconds] [connections] [users]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk
seconds="${1:-10}"; connections="${2:-128}"; users="${3:-200}"
source Benchmarks/bench-host.sh
# The per-address limit would answer 429 to a load generator on one address: off for the measurement.
start_bench_host 18081 --rate-limit 0
password=$(printf 'bench-password' | md5sum | cut -d' ' -f1)
for i in $(seq 0 $((users - 1))); do
    curl -sf -X POST "http://127.0.0.1:$port/api/appuser/signup" -H "app-token: $token" \
        --data "handle=load$i%40example.com&password=$password" >/dev/null
done
echo "== login, $connections connections over $users users, $(nproc) cores"
APP_TOKEN="$token" PASSWORD_MD5="$password" USERS="$users" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/overload.lua "http://127.0.0.1:$port/api/appuser/login"
