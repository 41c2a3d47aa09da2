#!/usr/bin/env bash
# The keyword list read against its SQL's limit, the latency tail, and the API's memory.
#
# 1,000,000 keywords over 100 tenants (one site, two sectors each; generated in SQL), then
# GET /api/v1/planner/keywords/?site_id=&sector_id=&ordering=-volume&page_size=50&page=
# with a random tenant, sector and page per request, driven by wrk at 16 and 64 connections
# against the release `api` with its default configuration.
#
# The limit: pgbench running the statements the endpoint issues per request, captured from
# PostgreSQL's log while the API serves one request (with random tenant, sector and page the
# same way, prepared, at the same connection counts). Printed side by side with the ratio.
# Also printed: p50/p99 per run (the tail: p99 at most 5x p50), the API's RSS idle and its
# peak under the load.
#
#   BENCH_LIST_SECS=15 scripts/bench-list.sh     (BENCH_API_BIN=path skips the release build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECS="${BENCH_LIST_SECS:-15}"
TENANTS=100
PER_SECTOR=5000 # x 2 sectors x 100 tenants = 1,000,000
WORK="$(mktemp -d /tmp/igny8-bench-list.XXXXXX)"
API_PID=""
cleanup() {
    if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "== installing wrk (Debian package, one time)"
        (
            flock 8
            export DEBIAN_FRONTEND=noninteractive
            apt-get install -y -qq -o DPkg::Lock::Timeout=300 wrk >&2 \
                || { apt-get update -qq -o DPkg::Lock::Timeout=300 >&2 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 wrk >&2; }
        ) 8>/tmp/igny8-apt.lock
    else
        echo "wrk is missing: apt-get install -y wrk (as root)" >&2
        exit 1
    fi
fi

source scripts/bench-lib.sh
scripts/db.sh start >/dev/null # the limit is read from the local cluster's log
PG_LOG="$(readlink -f .data/postgres)/server.log"
bench_db igny8_bench_list
BIN="$(release_bin api "${BENCH_API_BIN:-}")"

PORT="$(free_port)"
export IGNY8_DATABASE_URL="$BENCH_URL" IGNY8_BIND="127.0.0.1:$PORT" IGNY8_DATA_DIR="$WORK/data" RUST_LOG=warn
export IGNY8_SECRET_KEY="bench-secret-key-0123456789abcdef" IGNY8_JWT_SECRET="bench-jwt-secret-0123456789abcdef0123"
"$BIN" migrate >/dev/null
"$BIN" seed >/dev/null
start_api() {
    "$BIN" serve >"$WORK/api.log" 2>&1 & API_PID=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ping/" >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "the api did not start:" >&2; cat "$WORK/api.log" >&2; exit 1
}
stop_api() { kill "$API_PID"; wait "$API_PID" 2>/dev/null || true; API_PID=""; }
start_api
API="http://127.0.0.1:$PORT/api/v1"

echo "== $TENANTS tenants: sign-up, a site, two sectors (through the API)"
python3 - "$API" "$TENANTS" "$WORK/targets.txt" <<'PY'
import json, sys, urllib.request
api, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def call(method, path, body, token=None):
    req = urllib.request.Request(api + path, data=json.dumps(body).encode(), method=method,
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)["data"]
with open(out, "w") as f:
    for i in range(n):
        reg = call("POST", "/auth/register/", {"email": f"bench{i}@example.com", "password": "bench passphrase 123",
                                               "account_name": f"Bench {i}", "plan_slug": "free"})
        token = reg["access"]
        site = call("POST", "/auth/sites/", {"name": f"Bench site {i}"}, token)["id"]
        sectors = call("POST", f"/auth/sites/{site}/select_sectors/",
                       {"industry_slug": "technology", "sector_slugs": ["cybersecurity", "cloud-computing"]}, token)
        for s in sectors:
            f.write(f"{token} {reg['account']['id']} {site} {s['id']}\n")
PY
echo "== $((TENANTS * 2 * PER_SECTOR)) keywords ($PER_SECTOR per sector), generated in SQL"
START=$(date +%s.%N)
psql "$BENCH_URL" -q <<SQL >/dev/null
UPDATE accounts SET status = 'active';
INSERT INTO keywords (account_id, site_id, sector_id, keyword, volume, difficulty, intent, created_at)
SELECT s.account_id, s.site_id, s.id, 'keyword ' || s.id || ' ' || g,
       (exp(random() * 10))::int, (random() * 100)::int,
       (ARRAY['informational', 'navigational', 'commercial', 'transactional'])[1 + g % 4],
       now() - g * interval '1 second'
FROM sectors s CROSS JOIN generate_series(1, $PER_SECTOR) g
ORDER BY s.id, g; -- a sector's keywords together, as an import per sector writes them
SQL
# What autovacuum would do after such an import: statistics, and the visibility map that lets
# the count read the index alone. (Separately, once the insert's commit is on disk.)
sleep 1
psql "$BENCH_URL" -qc "VACUUM (ANALYZE) keywords"
psql "$BENCH_URL" -qAtc "SELECT '   visible pages: ' || relallvisible || ' of ' || relpages FROM pg_class WHERE relname = 'keywords'"
END=$(date +%s.%N)
echo "   $(python3 -c "print(f'{$END - $START:.1f}')") s"

sort -n -k4 -o "$WORK/targets.txt" "$WORK/targets.txt"
# The pgbench variables: row i of the targets is :acc :site :sector. pgbench has no arrays,
# so the script needs ids it can compute: check they are contiguous (a fresh database).
read -r ACC0 SITE0 SECTOR0 < <(awk 'NR==1 {print $2, $3, $4}' "$WORK/targets.txt")
python3 - "$WORK/targets.txt" "$ACC0" "$SITE0" "$SECTOR0" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
a0, s0, c0 = map(int, sys.argv[2:5])
for i, (_, acc, site, sector) in enumerate(rows):
    if (int(acc), int(site), int(sector)) != (a0 + i // 2, s0 + i // 2, c0 + i):
        sys.exit(f"ids are not contiguous at row {i}: {acc} {site} {sector}")
PY

cat >"$WORK/list.lua" <<'LUA'
local targets = {}
init = function(args)
    for line in io.lines(args[1]) do
        local token, acc, site, sector = line:match("(%S+) (%S+) (%S+) (%S+)")
        table.insert(targets, { token, site, sector })
    end
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end
request = function()
    local t = targets[math.random(#targets)]
    local path = "/api/v1/planner/keywords/?site_id=" .. t[2] .. "&sector_id=" .. t[3]
        .. "&ordering=-volume&page_size=50&page=" .. math.random(100)
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. t[1] })
end
LUA

echo "== capturing the statements one request issues (PostgreSQL's log)"
# Warm the session cache, then log the statements of exactly one request, page 7.
read -r TOKEN _ SITE SECTOR < <(head -1 "$WORK/targets.txt")
LIST="$API/planner/keywords/?site_id=$SITE&sector_id=$SECTOR&ordering=-volume&page_size=50"
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$LIST&page=1"
stop_api
psql "$BENCH_URL" -qc "ALTER DATABASE $BENCH_DB SET log_statement = 'all'" -c "ALTER DATABASE $BENCH_DB SET log_min_messages = 'log'"
start_api
# The session is read and cached once the API's listener is connected.
for _ in 1 2 3; do curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$LIST&page=1"; sleep 0.3; done
MARK="bench-list-$$-$RANDOM"
psql "$BENCH_URL" -qAtc "SELECT '$MARK-start'" >/dev/null
curl -fs -o "$WORK/probe.json" -H "Authorization: Bearer $TOKEN" "$LIST&page=7"
psql "$BENCH_URL" -qAtc "SELECT '$MARK-end'" >/dev/null
stop_api
psql "$BENCH_URL" -qc "ALTER DATABASE $BENCH_DB RESET log_statement" -c "ALTER DATABASE $BENCH_DB RESET log_min_messages"
python3 - "$PG_LOG" "$MARK" "$WORK/list.sql" "$ACC0" "$SITE" "$SECTOR" <<'PY'
import re, sys
log, mark, out = sys.argv[1], sys.argv[2], sys.argv[3]
acc, site, sector = sys.argv[4:7]
text = open(log, errors="replace").read()
start = text.rindex(f"'{mark}-start'")
end = text.rfind("\n", 0, text.index(f"'{mark}-end'", start))
lines = text[start:end].split("\n")
stmts = []
for i, l in enumerate(lines):
    m = re.search(r"LOG:  (execute [^:]+|statement): (.*)", l)
    if m and mark not in l:
        kind, sql = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and lines[j].startswith("\t"):
            sql += "\n" + lines[j].strip()
            j += 1
        params = []
        if j < len(lines) and "DETAIL:  parameters:" in lines[j]:
            params = re.findall(r"\$(\d+) = '([^']*)'", lines[j])
        stmts.append((sql, params, kind))
if len(stmts) != 1:
    sys.exit(f"expected the list request to issue 1 statement, it issued {len(stmts)}:\n" +
             "\n".join(s for s, _, _ in stmts))
sql, params, kind = stmts[0]
# Bind order: the count's filters and its LIMIT 1, the page's filters, limit, offset.
expected = [acc, site, sector, "1", acc, site, sector, "50", "300"]
got = [v for _, v in params]
if got != expected:
    sys.exit(f"unexpected parameters {got} (expected {expected}) for:\n{sql}")
names = ["acc", "site", "sector", "one", "acc", "site", "sector", "lim", "off"]
for (n, _), name in sorted(zip(params, names), key=lambda p: -int(p[0][0])):
    sql = sql.replace(f"${n}", f":{name}")
with open(out, "w") as f:
    f.write("\\set i random(0, 199)\n")
    f.write("\\set acc :acc0 + :i / 2\n\\set site :site0 + :i / 2\n\\set sector :sector0 + :i\n")
    f.write("\\set one 1\n\\set lim 50\n\\set off 50 * random(0, 99)\n")
    f.write(" ".join(sql.split()) + ";\n")
print(f"   one statement ({kind}; a named statement is prepared once per connection and reused):")
print("   " + " ".join(sql.split())[:600] + " ...")
PY

WRK_THREADS=2
run_wrk() { # connections -> "req/s p50_ms p99_ms non2xx"
    wrk -t"$WRK_THREADS" -c"$1" -d"${SECS}s" --latency -s "$WORK/list.lua" "http://127.0.0.1:$PORT" -- "$WORK/targets.txt" >"$WORK/wrk-$1.txt"
    python3 - "$WORK/wrk-$1.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
p = dict((k, ms(v, u)) for k, v, u in re.findall(r"\s+(50|99)%\s+([\d.]+)(us|ms|s)", t))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs = re.search(r"Socket errors: (.*)", t)
print(f"{rps:.0f} {p['50']:.2f} {p['99']:.2f} {int(bad.group(1)) if bad else 0} {'errors:' + errs.group(1).replace(' ', '_') if errs else 'ok'}")
PY
}
run_pgbench() { # clients -> tps
    pgbench -n -M prepared -c "$1" -j "$(( $1 < 2 ? $1 : 2 ))" -T "$SECS" \
        -D acc0="$ACC0" -D site0="$SITE0" -D sector0="$SECTOR0" -f "$WORK/list.sql" "$BENCH_URL" 2>&1 \
        | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$API_PID/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$API_PID/status"; }

echo "== the api with its default configuration"
unset IGNY8_HTTP_WORKERS IGNY8_DB_POOL_SIZE
start_api
sleep 2
IDLE_KIB=$(rss_kib)
# Sessions are read once and then cached: warm every tenant's before measuring.
while read -r t _ s sec; do curl -fs -o /dev/null -H "Authorization: Bearer $t" "$API/planner/keywords/?site_id=$s&sector_id=$sec&page_size=1"; done <"$WORK/targets.txt"
RESULTS=()
for c in 16 64; do
    echo "-- wrk, $c connections, ${SECS}s"
    W=$(run_wrk "$c"); echo "   $W"
    echo "-- pgbench, the same statement, $c clients, ${SECS}s"
    P=$(run_pgbench "$c"); echo "   $P tps"
    RESULTS+=("$c $W $P")
done
LOAD_KIB=$(hwm_kib)
stop_api

python3 - "$IDLE_KIB" "$LOAD_KIB" "${RESULTS[@]}" <<'PY'
import sys
idle, peak = int(sys.argv[1]) / 1024, int(sys.argv[2]) / 1024
print()
print("keyword list read: 1,000,000 keywords, 100 tenants, random tenant/sector/page, ordering=-volume, page_size=50")
ok = True
for r in sys.argv[3:]:
    c, rps, p50, p99, bad, errs, tps = r.split()
    rps, p50, p99, tps, bad = float(rps), float(p50), float(p99), float(tps), int(bad)
    ratio, tail = rps / tps, p99 / p50
    print(f"  {int(c):3d} connections: API {rps:8,.0f} req/s   limit (pgbench, same SQL) {tps:8,.0f} tps   "
          f"ratio {ratio:5.0%} (goal >= 80%)")
    print(f"                   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   p99/p50 {tail:4.1f}x (goal <= 5x)"
          f"   non-2xx {bad}   {errs}")
    ok &= bad == 0 and errs == "ok"
print(f"  api RSS: idle {idle:.1f} MiB (goal < 30)   peak under the load {peak:.1f} MiB (goal < 100)")
if not ok:
    sys.exit("some requests failed: see above")
PY
[ -n "${BENCH_LIST_KEEP:-}" ] || bench_drop_db
