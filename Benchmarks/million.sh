#!/usr/bin/env bash
# The host at N users against the host at 1,000: p99 of login and getUser, and admin searches, on
# SQLite (or PostgreSQL with COSYNC_BENCH_POSTGRES_URL). Users are seeded through the import path
# (Benchmarks/make-export.py: one well-formed hash shared by all, so no argon2 per user), then 50 users
# sign up with real passwords to log in with. Release build, wrk over loopback.
# Usage: Benchmarks/million.sh [users, default 1000000] [seconds per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source Benchmarks/bench-host.sh
apt_install wrk
count="${1:-1000000}"
seconds="${2:-10}"
swift build -c release --product cosync-auth >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path)/cosync-auth"
password=$(printf 'bench-password' | md5sum | cut -d' ' -f1)

p99() { # wrk output on stdin: p99 in ms
    python3 -c '
import re, sys
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", sys.stdin.read(), re.M)
print(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan"))'
}

# Seeds `users` users, serves them, and prints: users, login p99, getUser p99, then in ms (the slowest
# of 5) searches by a handle's start and by a whole user name, the user by handle, a search anywhere in
# handles; import seconds.
measure() {
    local users="$1" port="$2" work
    work=$(mktemp -d)
    python3 Benchmarks/make-export.py "$users" "$work/seed.zip"
    use_bench_database "$work"
    export COSYNC_LOG_LEVEL=error
    "$bin" init >/dev/null
    local started=$SECONDS
    "$bin" import "$work/seed.zip" --name Bench >/dev/null
    local imported=$((SECONDS - started))
    # The database's size with these users, in MiB: the SQLite file, or the schema's tables and indexes.
    local size
    if [ -n "${COSYNC_BENCH_POSTGRES_URL:-}" ]; then
        local schema=${COSYNC_DATABASE_URL##*schema=}
        size=$(psql "${COSYNC_BENCH_POSTGRES_URL%%\?*}" -tAc "SELECT (sum(pg_total_relation_size(c.oid)) / 1048576)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind = 'r'")
    else
        size=$(( $(du -bc "$work"/bench.sqlite* | tail -1 | cut -f1) / 1048576 ))
    fi
    local token secret app_id
    read -r token app_id <<<"$("$bin" app show Bench --json | python3 -c 'import json,sys; a = json.load(sys.stdin); print(a["appToken"], a["appId"])')"
    "$bin" app set Bench signupFlow none >/dev/null
    secret=$("$bin" secret create bench --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverSecret"])')
    "$bin" serve --port "$port" --rate-limit 0 & local pid=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
    for i in $(seq 0 49); do
        curl -sf -X POST "http://127.0.0.1:$port/api/appuser/signup" -H "app-token: $token" \
            --data "handle=load$i%40example.com&password=$password" >/dev/null
    done
    local access
    access=$(curl -sf -X POST "http://127.0.0.1:$port/api/appuser/login" -H "app-token: $token" \
        --data "handle=load0%40example.com&password=$password" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access-token"])')
    local login getuser
    login=$(APP_TOKEN="$token" PASSWORD_MD5="$password" USERS=50 wrk -t2 -c8 -d"${seconds}s" --latency \
        -s Benchmarks/overload.lua "http://127.0.0.1:$port/api/appuser/login" | p99)
    getuser=$(ACCESS_TOKEN="$access" wrk -t2 -c16 -d"${seconds}s" --latency -s Benchmarks/getuser.lua \
        "http://127.0.0.1:$port/api/appuser/getUser" | p99)
    slowest() { # URL: the slowest of 5 admin calls, in ms
        for _ in 1 2 3 4 5; do curl -sf -o /dev/null -w '%{time_total}\n' -H "server-secret: $secret" "$1"; done |
            sort -n | tail -1 | awk '{printf "%.1f", $1 * 1000}'
    }
    local prefix name exact anywhere
    prefix=$(slowest "http://127.0.0.1:$port/api/app/searchUser?appId=$app_id&value=user12345&limit=20")
    name=$(slowest "http://127.0.0.1:$port/api/app/searchUser?appId=$app_id&value=member$((users / 2))&limit=20")
    exact=$(slowest "http://127.0.0.1:$port/api/app/user?appId=$app_id&userId=user$((users / 2))%40example.com")
    anywhere=$(slowest "http://127.0.0.1:$port/api/app/searchUser?appId=$app_id&value=ser12345&match=contains&limit=20")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$work"
    drop_bench_database
    echo "$users $login $getuser $prefix $name $exact $anywhere $imported $size"
}

read -r _ login_small getuser_small prefix_small name_small exact_small anywhere_small _ _ <<<"$(measure 1000 18111)"
read -r _ login_big getuser_big prefix_big name_big exact_big anywhere_big imported size <<<"$(measure "$count" 18112)"
python3 - "$count" "$login_small" "$getuser_small" "$login_big" "$getuser_big" "$prefix_small" "$prefix_big" \
    "$exact_small" "$exact_big" "$imported" "$name_small" "$name_big" "$anywhere_small" "$anywhere_big" "$size" <<'PY'
import sys
count, ls, gs, lb, gb, ps, pb, es, eb, imported, ns, nb, as_, ab, size = sys.argv[1:]
count = int(count); ls, gs, lb, gb, ps, pb, es, eb, ns, nb, as_, ab = map(float, (ls, gs, lb, gb, ps, pb, es, eb, ns, nb, as_, ab))
print(f"{count:,} users against 1,000 (seeded by import in {imported} s; database {size} MiB)")
print(f"login p99, 8 connections    {ls:8.1f} ms -> {lb:8.1f} ms   {lb / ls:.2f} x (target <= 1.2)")
print(f"getUser p99, 16 connections {gs:8.1f} ms -> {gb:8.1f} ms   {gb / gs:.2f} x (target <= 1.2)")
print(f"admin search, handle start  {ps:8.1f} ms -> {pb:8.1f} ms   (target <= 50 ms)")
print(f"admin search, user name     {ns:8.1f} ms -> {nb:8.1f} ms   (target <= 50 ms)")
print(f"admin user by handle        {es:8.1f} ms -> {eb:8.1f} ms   (target <= 50 ms)")
print(f"admin search anywhere       {as_:8.1f} ms -> {ab:8.1f} ms   (reads every user, by design)")
PY
