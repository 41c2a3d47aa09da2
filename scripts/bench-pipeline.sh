#!/usr/bin/env bash
# Automation pipeline benchmark: a 10,000-keyword run with the offline provider and zero delays,
# through the real `api` and `worker` binaries (release) on a scratch database.
#
# Prints the wall time of the run, items/s per stage, and the share of the wall time spent
# inside provider calls. The limits it is measured against: orchestration (everything but the
# provider: database, queue, bookkeeping) should be at most 10% of the wall time; and the floor,
# the run's own rows written again by bare bulk SQL into the same tables
# (scripts/sql/pipeline-floor.sql), which no orchestration that persists them can beat.
# BENCH_KEEP_DB=1 keeps the scratch database for a look afterwards.
#
# Every keyword is clustered and every cluster gets ideas; the writing stages (tasks → articles
# → prompts → images → review) take BENCH_PIPELINE_MAX_TASKS ideas (default 100), so the run
# ends in minutes on 2 cores (the offline provider renders real images).
#
#   BENCH_PIPELINE_KEYWORDS=10000 BENCH_PIPELINE_MAX_TASKS=100 scripts/bench-pipeline.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KEYWORDS="${BENCH_PIPELINE_KEYWORDS:-10000}"
MAX_TASKS="${BENCH_PIPELINE_MAX_TASKS:-100}"
WORK="$(mktemp -d /tmp/igny8-bench-pipeline.XXXXXX)"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

source scripts/bench-lib.sh
bench_db igny8_bench_pipeline
BIN="$(dirname "$(release_bin api)")"

PORT="$(free_port)"
export IGNY8_DATABASE_URL="$BENCH_URL" IGNY8_BIND="127.0.0.1:$PORT" IGNY8_DATA_DIR="$WORK/data" RUST_LOG=warn
export IGNY8_SECRET_KEY="bench-secret-key-0123456789abcdef" IGNY8_JWT_SECRET="bench-jwt-secret-0123456789abcdef0123"

"$BIN/api" migrate >/dev/null
"$BIN/api" seed >/dev/null
"$BIN/api" serve >"$WORK/api.log" 2>&1 & PIDS+=($!)
"$BIN/worker" >"$WORK/worker.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ping/" >/dev/null 2>&1 && break; sleep 0.2; done
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

REG=$(curl -fs -X POST "$API/auth/register/" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench passphrase 123","account_name":"Bench"}')
TOKEN=$(json 'd["data"]["access"]' <<<"$REG")
ACCOUNT=$(json 'd["data"]["account"]["id"]' <<<"$REG")
psql "$BENCH_URL" -q <<'SQL' >/dev/null
INSERT INTO plans (slug, name, price_cents, annual_price_cents, included_credits, max_sites, max_users, max_keywords, is_internal)
VALUES ('bench', 'Bench', 0, 0, 0, 1, 1, 5000000, true);
UPDATE accounts SET plan_id = (SELECT id FROM plans WHERE slug = 'bench'), status = 'active';
SQL
# credits through the ledger: a staff adjustment
echo 'bench staff passphrase 123' | "$BIN/api" create-staff --email staff@example.com >/dev/null
STAFF=$(curl -fs -X POST "$API/auth/login/" -H 'Content-Type: application/json' \
    -d '{"email":"staff@example.com","password":"bench staff passphrase 123"}' | json 'd["data"]["access"]')
curl -fs -X POST "$API/admin/accounts/$ACCOUNT/adjust_credits/" -H "Authorization: Bearer $STAFF" \
    -H 'Content-Type: application/json' -d '{"amount": 50000000, "reason": "bench credits"}' >/dev/null
SITE=$(curl -fs -X POST "$API/auth/sites/" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"Bench site"}' | json 'd["data"]["id"]')
SECTOR=$(curl -fs -X POST "$API/auth/sites/$SITE/select_sectors/" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"industry_slug":"technology","sector_slugs":["software-and-saas"]}' | json 'd["data"][0]["id"]')

python3 - "$KEYWORDS" "$WORK/keywords.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
heads = ["crm software", "project management tool", "password manager", "email marketing", "vpn",
         "cloud backup", "website builder", "accounting software", "video editor", "note taking app",
         "help desk software", "time tracking", "invoice generator", "seo tool", "screen recorder",
         "antivirus", "file sharing", "chat app", "form builder", "survey tool"]
mods = ["best", "free", "cheap", "for small business", "vs", "alternatives", "review", "pricing", "open source",
        "for teams", "for mac", "for windows", "enterprise", "how to choose", "tutorial", "top", "online", "self hosted",
        "for startups", "comparison"]
seen, rows = set(), []
while len(rows) < n:
    kw = f"{rng.choice(mods)} {rng.choice(heads)} {rng.choice(mods)} {len(rows) // 400}"
    if kw in seen:
        continue
    seen.add(kw)
    rows.append(f"{kw},{int(rng.lognormvariate(6, 1.5))},{rng.randint(1, 99)}")
open(path, "w").write("keyword,volume,difficulty\n" + "\n".join(rows) + "\n")
PY
CREATED=$(curl -fsS -X POST "$API/planner/keywords/import_csv/?site_id=$SITE&sector_id=$SECTOR" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$WORK/keywords.csv" | json 'd["data"]["created"]')
[ "$CREATED" -eq "$KEYWORDS" ] || { echo "expected $KEYWORDS keywords, got $CREATED" >&2; exit 1; }

curl -fs -X PUT "$API/automation/update_config/?site_id=$SITE" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"within_stage_delay_secs\":0,\"between_stage_delay_secs\":0,\"max_ideas_per_run\":$MAX_TASKS}" >/dev/null
echo "== run_now: $KEYWORDS keywords, writing stages capped at $MAX_TASKS ideas"
RUN=$(curl -fsS -X POST "$API/automation/run_now/?site_id=$SITE" -H "Authorization: Bearer $TOKEN" | json 'd["data"]["id"]')
# Follow the run's event stream to its end (it closes after the final state).
curl -fsS -N --max-time 3600 "$API/automation/runs/$RUN/events/" -H "Authorization: Bearer $TOKEN" \
    | python3 -c '
import sys
for line in sys.stdin:
    if line.startswith("event: stage_completed") or line.startswith("event: run_"):
        print("   ", line.strip()[7:], flush=True)
'
curl -fsS "$API/automation/history/?site_id=$SITE" -H "Authorization: Bearer $TOKEN" >"$WORK/history.json"

# The floor: the same rows written again by bare bulk SQL (rolled back), see the SQL file.
# Best of three, as the run's own figures come from a warm database.
FLOOR=$(for _ in 1 2 3; do PGOPTIONS="-c client_min_messages=notice" psql "$BENCH_URL" -q -f scripts/sql/pipeline-floor.sql 2>&1; done \
    | sed -n 's/.*NOTICE: *floor \([0-9]*\) rows \([0-9]*\) ms.*/\1 \2/p' | sort -n -k2 | sed -n 1p)
[ -n "$FLOOR" ] || { echo "the floor query printed no figure" >&2; exit 1; }

python3 - "$WORK/history.json" $FLOOR <<'PY'
import json, sys
from datetime import datetime
run = json.load(open(sys.argv[1]))["results"][0]
if run["status"] != "completed":
    sys.exit(f"run ended {run['status']}: {run.get('error')}")
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
wall = (t(run["completed_at"]) - t(run["started_at"])).total_seconds()
provider = sum(s["provider_ms"] for s in run["stages"]) / 1000
print()
print(f"automation pipeline, run {run['id']}: wall {wall:.1f} s, {run['total_credits']:,} credits")
print(f"  {'stage':<26} {'items':>7} {'created':>8} {'seconds':>8} {'items/s':>9} {'provider':>9}")
for s in run["stages"]:
    secs = (s["duration_ms"] or 0) / 1000
    rate = s["processed"] / secs if secs > 0 else 0
    print(f"  {s['stage']}. {s['name']:<23} {s['processed']:>7} {s['created']:>8} {secs:>8.1f} {rate:>9.1f} {s['provider_ms'] / 1000:>8.2f}s")
orch = wall - provider
share = orch / wall if wall else 0
print(f"  inside provider calls: {provider:.1f} s ({provider / wall:.0%} of the wall time)")
print(f"  orchestration (all but the provider): {orch:.1f} s = {share:.1%} of the wall time;"
      f" limit 10% -> ratio {share / 0.10:.2f} ({'within' if share <= 0.10 else 'over'} the limit)")
rows, floor = int(sys.argv[2]), int(sys.argv[3]) / 1000
budget = provider / 9  # orchestration that would be 10% of (provider + orchestration)
print(f"  floor: the run's {rows:,} rows written again by bare bulk SQL (same tables, indexes and keys):"
      f" {floor:.2f} s; orchestration / floor -> ratio {orch / floor:.1f}")
print(f"  the 10% goal allows {budget:.2f} s of orchestration beside {provider:.1f} s of provider calls;"
      f" the floor alone is {floor / budget:.2f}x that ({floor / (floor + provider):.1%} of floor + provider)")
PY
[ -n "${BENCH_KEEP_DB:-}" ] || bench_drop_db
