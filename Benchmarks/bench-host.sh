# Sourced by the wrk benchmarks: a release build of the host (or COSYNC_BENCH_BINARY, such as the binary
# of a release archive) on a fresh database (a SQLite file, or a new schema on COSYNC_BENCH_POSTGRES_URL's
# server), with one app (signupFlow none) whose token is in $token, serving on $port (its process $pid)
# until the script exits. Several may run at once: each has a database of its own, and every one started
# is stopped and its database dropped when the script exits.
# Usage: start_bench_host PORT [serve options...]
bench_pids=()
bench_dirs=()
start_bench_host() {
    port="$1"; shift
    if [ -n "${COSYNC_BENCH_BINARY:-}" ]; then
        bin="$COSYNC_BENCH_BINARY"
    else
        swift build -c release --product cosync-auth >/dev/null
        bin="$(swift build -c release --show-bin-path)/cosync-auth"
    fi
    work=$(mktemp -d)
    bench_dirs+=("$work")
    trap stop_bench_hosts EXIT
    use_bench_database "$work"
    export COSYNC_LOG_LEVEL=warning
    "$bin" init >/dev/null
    token=$("$bin" app create Bench --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["appToken"])')
    "$bin" app set Bench signupFlow none >/dev/null
    "$bin" serve --port "$port" "$@" & pid=$!
    bench_pids+=("$pid")
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
}

stop_bench_hosts() {
    if [ ${#bench_pids[@]} -gt 0 ]; then
        kill "${bench_pids[@]}" 2>/dev/null || true
        wait "${bench_pids[@]}" 2>/dev/null || true
    fi
    [ ${#bench_dirs[@]} -eq 0 ] || rm -rf "${bench_dirs[@]}"
    bench_pids=() bench_dirs=()
    drop_bench_database
}

# Points COSYNC_DATABASE_URL at a fresh database for a benchmark: a SQLite file in DIR, or a new schema
# of the PostgreSQL server COSYNC_BENCH_POSTGRES_URL names (with a master key of its own).
# Usage: use_bench_database DIR
use_bench_database() {
    if [ -n "${COSYNC_BENCH_POSTGRES_URL:-}" ]; then
        local separator='?'
        [[ $COSYNC_BENCH_POSTGRES_URL == *\?* ]] && separator='&'
        local schema="bench_$(date +%s%N)"
        bench_schemas+=("$schema")
        export COSYNC_DATABASE_URL="${COSYNC_BENCH_POSTGRES_URL}${separator}schema=$schema"
        export COSYNC_MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
    else
        export COSYNC_DATABASE_URL="sqlite:$1/bench.sqlite"
    fi
}

# Drops the PostgreSQL schemas use_bench_database made, if any (a benchmark's users are not kept).
bench_schemas=()
drop_bench_database() {
    if [ -n "${COSYNC_BENCH_POSTGRES_URL:-}" ]; then
        for schema in "${bench_schemas[@]}"; do
            psql "${COSYNC_BENCH_POSTGRES_URL%%\?*}" -qc \
                "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || true
        done
    fi
    bench_schemas=()
}
