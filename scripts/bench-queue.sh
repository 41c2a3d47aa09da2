#!/usr/bin/env bash
# The job queue: how fast the real `worker` (release) drains a burst of 20,000 no-op jobs
# (`db.noop`) enqueued in one batch onto a queue whose statistics were taken while it was empty
# (as after an idle period), at concurrency 1 and 2.
#
# The limit: a bare-SQL loop doing the least a queue can do per job (claim the oldest due row
# with SKIP LOCKED and delete it, one statement) run by pgbench with as many clients on the same
# rows. Printed side by side with the ratio (goal: at least 60%), plus the rate in the first
# second of the drain (it must not start slow). The worker claims up to 16 tasks per statement
# while its jobs are quick, so the same loop deleting 16 rows per statement is printed too.
#
#   BENCH_QUEUE_JOBS=20000 scripts/bench-queue.sh   (BENCH_WORKER_BIN=path skips the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${BENCH_QUEUE_JOBS:-20000}"
WORK="$(mktemp -d /tmp/igny8-bench-queue.XXXXXX)"
WORKER_PID=""
cleanup() {
    if [ -n "$WORKER_PID" ]; then kill "$WORKER_PID" 2>/dev/null || true; wait "$WORKER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

source scripts/bench-lib.sh
bench_db igny8_bench_queue
WORKER="$(release_bin worker "${BENCH_WORKER_BIN:-}")"
export IGNY8_DATABASE_URL="$BENCH_URL" IGNY8_DATA_DIR="$WORK/data" RUST_LOG=warn
export IGNY8_SECRET_KEY="bench-secret-key-0123456789abcdef"

q() { psql "$BENCH_URL" -qAtc "$1"; }

# A burst onto an idle queue: statistics say "empty", then 20,000 rows arrive in one INSERT
# (the batch `db::jobs::enqueue_many` issues).
burst() {
    q "DELETE FROM fang_tasks" >/dev/null
    q "VACUUM ANALYZE fang_tasks" >/dev/null
    q "INSERT INTO fang_tasks (metadata, task_type, created_at)
       SELECT '{\"type\":\"db.noop\"}', 'default', clock_timestamp() FROM generate_series(1, $JOBS)" >/dev/null
}

# Starts the worker once to migrate the scratch database, then stops it.
"$WORKER" >"$WORK/migrate.log" 2>&1 & WORKER_PID=$!
for _ in $(seq 1 100); do
    [ "$(q "SELECT count(*) FROM pg_tables WHERE tablename = 'job_outcomes'" 2>/dev/null)" = 1 ] && break
    sleep 0.2
done
sleep 1
kill "$WORKER_PID"; wait "$WORKER_PID" 2>/dev/null || true; WORKER_PID=""

drain() { # concurrency -> "jobs/s first_second_jobs/s"
    burst
    local before
    before=$(q "SELECT coalesce(sum(count), 0) FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded'")
    IGNY8_WORKER_CONCURRENCY="$1" "$WORKER" >"$WORK/worker-$1.log" 2>&1 & WORKER_PID=$!
    python3 - "$BENCH_URL" "$JOBS" "$before" <<'PY'
import subprocess, sys, time
url, jobs, before = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# One psql session answers each poll (a new process per poll would load the machine).
p = subprocess.Popen(["psql", url, "-qAt"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
# The worker's own success counter: a one-row lookup (counting the queue's rows every few
# milliseconds would load the database the worker is measured on).
def done():
    p.stdin.write("SELECT coalesce(sum(count), 0) FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded';\n")
    p.stdin.flush()
    return int(p.stdout.readline())
def left():
    return jobs - (done() - before)
deadline = time.monotonic() + 600
while left() == jobs:  # the worker is starting
    if time.monotonic() > deadline: sys.exit("the worker never took a job")
    time.sleep(0.005)
# Timed from the first completion seen: the jobs done before it are not counted either.
t0 = time.monotonic()
n0 = left()
first = None
while True:
    n = left()
    now = time.monotonic()
    if first is None and now - t0 >= 1.0:
        first = (n0 - n) / (now - t0)
    if n == 0:
        break
    time.sleep(0.005)
total = n0 / (now - t0)
print(f"{total:.0f} {first if first is not None else total:.0f}")
PY
    kill "$WORKER_PID"; wait "$WORKER_PID" 2>/dev/null || true; WORKER_PID=""
}

# The same loop taking MAX_CLAIM (16) rows per statement, as the worker claims them while its
# jobs are quick: the limit of a batched queue.
cat >"$WORK/bare-1.sql" <<'SQL'
DELETE FROM fang_tasks WHERE id = (SELECT id FROM fang_tasks WHERE task_type = 'default' AND state IN ('new', 'retried') AND scheduled_at <= now() ORDER BY created_at, scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED);
SQL
cat >"$WORK/bare-16.sql" <<'SQL'
DELETE FROM fang_tasks WHERE id = ANY(ARRAY(SELECT id FROM fang_tasks WHERE task_type = 'default' AND state IN ('new', 'retried') AND scheduled_at <= now() ORDER BY created_at, scheduled_at LIMIT 16 FOR UPDATE SKIP LOCKED));
SQL
bare() { # clients rows_per_statement -> jobs/s
    burst
    pgbench -n -M prepared -c "$1" -j "$1" -t $(( JOBS / $1 / $2 )) -f "$WORK/bare-$2.sql" "$BENCH_URL" 2>&1 \
        | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | python3 -c "import sys; print(f'{float(sys.stdin.read()) * $2:.0f}')"
}

RESULTS=()
for c in 1 2; do
    echo "-- worker, concurrency $c: $JOBS no-op jobs"
    W=$(drain "$c"); echo "   $W (jobs/s overall, in the first second)"
    echo "-- bare SQL loop (pgbench), $c clients, one row per statement"
    B=$(bare "$c" 1); echo "   $B jobs/s"
    echo "-- bare SQL loop (pgbench), $c clients, 16 rows per statement"
    B16=$(bare "$c" 16); echo "   $B16 jobs/s"
    RESULTS+=("$c $W $B $B16")
done
LEFT=$(q "SELECT count(*) FROM fang_tasks WHERE task_type = 'default'")
DONE=$(q "SELECT coalesce(sum(count), 0) FROM job_outcomes WHERE job = 'db.noop' AND outcome = 'succeeded'")

python3 - "$JOBS" "$DONE" "${RESULTS[@]}" <<'PY'
import sys
jobs, done = int(sys.argv[1]), int(sys.argv[2])
print()
print(f"job queue: a burst of {jobs:,} no-op jobs onto a queue analysed while empty")
for r in sys.argv[3:]:
    c, rate, first, bare, bare16 = r.split()
    rate, first, bare, bare16 = float(rate), float(first), float(bare), float(bare16)
    print(f"  concurrency {c}: worker {rate:7,.0f} jobs/s (first second {first:7,.0f})")
    print(f"      limit: bare SQL loop (pgbench), one row per statement   {bare:7,.0f} jobs/s"
          f"   ratio {rate / bare:4.0%} (goal >= 60%)")
    print(f"      limit: bare SQL loop (pgbench), 16 rows per statement   {bare16:7,.0f} jobs/s"
          f"   ratio {rate / bare16:4.0%}")
if done != 2 * jobs:
    sys.exit(f"the worker completed {done} no-op jobs, expected {2 * jobs}")
PY
bench_drop_db
