#!/usr/bin/env bash
# Export and import time and peak memory (max RSS) for an app of N users (default 100000), on SQLite,
# or on PostgreSQL with COSYNC_BENCH_POSTGRES_URL. Run from the repository root after a release build:
#   swift build -c release --product cosync-auth && Benchmarks/portability.sh 100000
set -euo pipefail
count="${1:-100000}"
bin="${COSYNC_BIN:-.build/release/cosync-auth}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; drop_bench_database' EXIT
python3 Benchmarks/make-export.py "$count" "$work/source.zip"
source Benchmarks/bench-host.sh
use_bench_database "$work"
export COSYNC_LOG_LEVEL=error
"$bin" init > /dev/null
measure() { # label, command...
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null
    read -r seconds kib < "$work/time"
    printf '%-32s %8.2f s   peak RSS %6.1f MiB\n' "$label" "$seconds" "$(echo "$kib / 1024" | bc -l)"
}
echo "$count users, $(du -h "$work/source.zip" | cut -f1) zip, database: ${COSYNC_DATABASE_URL%%:*}"
measure "import ($count users)" "$bin" import "$work/source.zip" --name "Bench"
measure "export ($count users)" "$bin" export "Bench" --out "$work/export.zip"
echo "export zip: $(du -h "$work/export.zip" | cut -f1)"
measure "re-import of the export" "$bin" import "$work/export.zip" --name "Bench Copy"
