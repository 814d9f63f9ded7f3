#!/usr/bin/env bash
# Login throughput and latency of a release build on the embedded SQLite default, measured with wrk
# over loopback. Usage: Benchmarks/login.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk
seconds="${1:-10}"; connections="${2:-8}"
source Benchmarks/bench-host.sh
start_bench_host 18080
export APP_TOKEN="$token" HANDLE="bench@example.com" PASSWORD_MD5=$(printf 'bench-password' | md5sum | cut -d' ' -f1)
curl -sf -X POST "http://127.0.0.1:$port/api/appuser/signup" -H "app-token: $token" \
    --data "handle=$HANDLE&password=$PASSWORD_MD5" >/dev/null
echo "== login, 1 connection (latency of one login)"
wrk -t1 -c1 -d"${seconds}s" --latency -s Benchmarks/login.lua "http://127.0.0.1:$port/api/appuser/login"
echo "== login, $connections connections (throughput on $(nproc) cores)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/login.lua "http://127.0.0.1:$port/api/appuser/login"
