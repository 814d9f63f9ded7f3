#!/usr/bin/env bash
# A host pushed past its password-hashing capacity: many connections logging in at once, spread over
# many users. Reports answers by status (200 logged in, 503 shed at once with Retry-After) and latency.
# Usage: Benchmarks/overload.sh [seconds] [connections] [users]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk
seconds="${1:-10}"; connections="${2:-128}"; users="${3:-200}"
swift build -c release --product cosync-auth >/dev/null
bin="$(swift build -c release --show-bin-path)/cosync-auth"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
export COSYNC_DATABASE_URL="sqlite:$work/bench.sqlite" COSYNC_LOG_LEVEL=warning
"$bin" init >/dev/null
token=$("$bin" app create Bench --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["appToken"])')
"$bin" app set Bench signupFlow none >/dev/null
port=18081
# The per-address limit would answer 429 to a load generator on one address: off for the measurement.
"$bin" serve --port $port --rate-limit 0 & pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
password=$(printf 'bench-password' | md5sum | cut -d' ' -f1)
for i in $(seq 0 $((users - 1))); do
    curl -sf -X POST "http://127.0.0.1:$port/api/appuser/signup" -H "app-token: $token" \
        --data "handle=load$i%40example.com&password=$password" >/dev/null
done
echo "== login, $connections connections over $users users, $(nproc) cores"
APP_TOKEN="$token" PASSWORD_MD5="$password" USERS="$users" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/overload.lua "http://127.0.0.1:$port/api/appuser/login"
