# Sourced by the wrk benchmarks: a release build of the host (or COSYNC_BENCH_BINARY, such as the binary
# of a release archive) on a fresh database (a SQLite file, or a new schema on COSYNC_BENCH_POSTGRES_URL's
# server), with one app (signupFlow none) whose token is in
# $token, serving on $port until the script exits.
# Usage: start_bench_host PORT [serve options...]
start_bench_host() {
    port="$1"; shift
    if [ -n "${COSYNC_BENCH_BINARY:-}" ]; then
        bin="$COSYNC_BENCH_BINARY"
    else
        swift build -c release --product cosync-auth >/dev/null
        bin="$(swift build -c release --show-bin-path)/cosync-auth"
    fi
    work=$(mktemp -d)
    trap 'kill $pid 2>/dev/null || true; rm -rf "$work"; drop_bench_database' EXIT
    drop_bench_database
    use_bench_database "$work"
    export COSYNC_LOG_LEVEL=warning
    "$bin" init >/dev/null
    token=$("$bin" app create Bench --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["appToken"])')
    "$bin" app set Bench signupFlow none >/dev/null
    "$bin" serve --port "$port" "$@" & pid=$!
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
}

# Points COSYNC_DATABASE_URL at a fresh database for a benchmark: a SQLite file in DIR, or a new schema
# of the PostgreSQL server COSYNC_BENCH_POSTGRES_URL names (with a master key of its own).
# Usage: use_bench_database DIR
use_bench_database() {
    if [ -n "${COSYNC_BENCH_POSTGRES_URL:-}" ]; then
        local separator='?'
        [[ $COSYNC_BENCH_POSTGRES_URL == *\?* ]] && separator='&'
        export COSYNC_DATABASE_URL="${COSYNC_BENCH_POSTGRES_URL}${separator}schema=bench_$(date +%s%N)"
        export COSYNC_MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
    else
        export COSYNC_DATABASE_URL="sqlite:$1/bench.sqlite"
    fi
}

# Drops the PostgreSQL schema use_bench_database made last, if any (a benchmark's users are not kept).
drop_bench_database() {
    if [ -n "${COSYNC_BENCH_POSTGRES_URL:-}" ] && [[ ${COSYNC_DATABASE_URL:-} == *schema=bench_* ]]; then
        psql "${COSYNC_BENCH_POSTGRES_URL%%\?*}" -qc \
            "SET client_min_messages = warning; DROP SCHEMA IF EXISTS ${COSYNC_DATABASE_URL##*schema=} CASCADE" >/dev/null || true
    fi
}
