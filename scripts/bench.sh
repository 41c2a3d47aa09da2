#!/usr/bin/env bash
# Benchmarks live here, not in timed tests.
#
# Planner CSV import: generates a realistic 1,000,000-row keyword CSV, starts the real `api`
# binary (release) against a scratch database on the local PostgreSQL, POSTs the file to
# /api/v1/planner/keywords/import_csv/ with curl, and prints rows/s next to a plain
# `COPY ... FROM STDIN (FORMAT csv)` of the same file into a scratch table via psql.
#
# 1M realistic rows are larger than the 20 MiB default upload limit, so the API is started with
# IGNY8_CSV_MAX_BYTES raised; the bench account's plan limit is raised directly in SQL.
#
#   BENCH_ROWS=1000000 scripts/bench.sh      (BENCH_API_BIN=path skips the release build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROWS="${BENCH_ROWS:-1000000}"
WORK="$(mktemp -d /tmp/igny8-bench.XXXXXX)"
API_PID=""
cleanup() {
    if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

source scripts/bench-lib.sh
bench_db igny8_bench
BIN="$(release_bin api "${BENCH_API_BIN:-}")"

echo "== generating $ROWS keyword rows"
python3 - "$ROWS" "$WORK/keywords.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
heads = ["crm software", "plumber", "running shoes", "yoga classes", "dog food", "car insurance", "seo audit",
         "coffee beans", "tax preparer", "cloud storage", "dentist", "divorce lawyer", "hotel", "protein powder"]
mods = ["best", "cheap", "near me", "cost", "reviews", "for beginners", "vs", "how to choose", "2025", "online",
        "free", "top", "buy", "emergency", "local", "affordable", "guide", "ideas", "list", "deals"]
places = ["austin", "boston", "chicago", "denver", "el paso", "fresno", "houston", "irvine", "jackson", "kansas city"]
intents = ["informational", "commercial", "transactional", "navigational"]
with open(path, "w") as f:
    f.write("Keyword,Intent,Volume,Keyword Difficulty,CPC (USD)\n")
    for i in range(rows):
        kw = f"{rng.choice(mods)} {rng.choice(heads)} {rng.choice(places)} {i}"
        vol = int(rng.lognormvariate(6, 1.5))
        f.write(f"{kw},{rng.choice(intents).title()},\"{vol:,}\",{rng.randint(1, 99)},{rng.random() * 20:.2f}\n")
PY
SIZE=$(stat -c %s "$WORK/keywords.csv")
echo "   $(numfmt --to=iec "$SIZE") ($SIZE bytes)"

PORT="$(free_port)"
export IGNY8_DATABASE_URL="$BENCH_URL" IGNY8_BIND="127.0.0.1:$PORT" IGNY8_DATA_DIR="$WORK/data" RUST_LOG=warn
export IGNY8_CSV_MAX_BYTES=$((SIZE + 1024 * 1024))
echo "== starting the api on :$PORT (IGNY8_CSV_MAX_BYTES=$IGNY8_CSV_MAX_BYTES)"
"$BIN" serve >"$WORK/api.log" 2>&1 & API_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ping/" >/dev/null 2>&1 && break; sleep 0.2; done
API="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

TOKEN=$(curl -fs -X POST "$API/auth/register/" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench passphrase 123","account_name":"Bench","plan_slug":"free"}' | json 'd["data"]["access"]')
psql "$BENCH_URL" -q <<'SQL' >/dev/null
INSERT INTO plans (slug, name, price_cents, annual_price_cents, included_credits, max_sites, max_users, max_keywords, is_internal)
VALUES ('bench', 'Bench', 0, 0, 0, 1, 1, 5000000, true);
UPDATE accounts SET plan_id = (SELECT id FROM plans WHERE slug = 'bench'), status = 'active';
SQL
SITE=$(curl -fs -X POST "$API/auth/sites/" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"Bench site"}' | json 'd["data"]["id"]')
SECTOR=$(curl -fs -X POST "$API/auth/sites/$SITE/select_sectors/" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"industry_slug":"technology","sector_slugs":["software-and-saas"]}' | json 'd["data"][0]["id"]')

echo "== POST import_csv/ ($ROWS rows)"
START=$(date +%s.%N)
curl -fsS -X POST "$API/planner/keywords/import_csv/?site_id=$SITE&sector_id=$SECTOR" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$WORK/keywords.csv" -o "$WORK/report.json"
END=$(date +%s.%N)
API_SECS=$(python3 -c "print(f'{$END - $START:.2f}')")
echo "   report: $(python3 -c "import json; d=json.load(open('$WORK/report.json'))['data']; d['errors']=len(d['errors']); print(d)")"
CREATED=$(json 'd["data"]["created"]' <"$WORK/report.json")
[ "$CREATED" -eq "$ROWS" ] || { echo "expected $ROWS created, got $CREATED" >&2; exit 1; }

echo "== psql COPY of the same file into a scratch table"
psql "$BENCH_URL" -qc "CREATE TABLE bench_copy (keyword text, intent text, volume text, difficulty int, cpc numeric)"
START=$(date +%s.%N)
psql "$BENCH_URL" -qc "\\copy bench_copy FROM '$WORK/keywords.csv' WITH (FORMAT csv, HEADER true)"
END=$(date +%s.%N)
COPY_SECS=$(python3 -c "print(f'{$END - $START:.2f}')")

python3 - "$ROWS" "$API_SECS" "$COPY_SECS" <<'PY'
import sys
rows, api, copy = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print()
print(f"planner CSV import, {rows:,} rows")
print(f"  HTTP import_csv/ (parse, validate, dedupe, indexed insert): {api:7.2f} s  {rows / api:12,.0f} rows/s")
print(f"  psql COPY into an unindexed scratch table:                  {copy:7.2f} s  {rows / copy:12,.0f} rows/s")
print(f"  ratio HTTP / COPY (the limit): {api / copy:.2f}x the time of the bare COPY")
PY
bench_drop_db
