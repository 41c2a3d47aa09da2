#!/usr/bin/env bash
# Contract fuzzing: schemathesis against the API built from this tree, on a scratch database.
#
# Every operation of /api/schema/ is called with generated requests, as a tenant with data and
# once more without a token, with a fixed seed and a bounded number of examples. It fails on a
# 5xx, an answer its documented schema does not allow (status, content type, headers, body), a
# schema-valid request refused, a schema-invalid one accepted, or a hang.
#
# schemathesis is installed from PyPI into .data/venv-fuzz (project-local, not committed).
#
#   scripts/fuzz-api.sh                 (make test runs it)
#   FUZZ_EXAMPLES=50 FUZZ_SEED=7 scripts/fuzz-api.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCHEMATHESIS_VERSION="4.32.5"
EXAMPLES="${FUZZ_EXAMPLES:-12}"
SEED="${FUZZ_SEED:-20261202}"
VENV="$ROOT/.data/venv-fuzz"
WORK="$(mktemp -d /tmp/igny8-fuzz.XXXXXX)"
API_PID=""
BASE_URL="$(scripts/db.sh url)"
ADMIN_URL="${BASE_URL%/*}/postgres"
FUZZ_DB="igny8_fuzz_$$"
cleanup() {
    [ -n "$API_PID" ] && { kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; }
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $FUZZ_DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    echo "fuzz: installing schemathesis $SCHEMATHESIS_VERSION into .data/venv-fuzz (one time)"
    mkdir -p "$ROOT/.data"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

cargo build -q -p api --bins
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug"

export PGOPTIONS="-c client_min_messages=warning"
psql "$ADMIN_URL" -qc "CREATE DATABASE $FUZZ_DB" >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export IGNY8_DATABASE_URL="${BASE_URL%/*}/$FUZZ_DB" IGNY8_BIND="127.0.0.1:$PORT" IGNY8_DATA_DIR="$WORK/data"
export IGNY8_SECRET_KEY="fuzz-secret-key-0123456789abcdef" IGNY8_JWT_SECRET="fuzz-jwt-secret-0123456789abcdef0123"
# Budgets off: the fuzzer sends thousands of writes a minute from one account.
export IGNY8_RATE_AI_PER_MIN=0 IGNY8_RATE_CSV_PER_MIN=0 IGNY8_RATE_WRITES_PER_MIN=0 RUST_LOG=warn
"$BIN/api" migrate >/dev/null
"$BIN/api" seed >/dev/null
"$BIN/api" serve >"$WORK/api.log" 2>&1 & API_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ping/" >/dev/null 2>&1 && break; sleep 0.1; done

# A tenant with data: a site with sectors, keywords, a cluster, an idea, a task, content.
TOKEN="$(python3 "$ROOT/scripts/fuzz_seed.py" "http://127.0.0.1:$PORT")"

# Routes that would end the shared session or lock the tenant out are not called with its token.
EXCLUDE=(--exclude-path-regex '/auth/(logout|password/change|password/reset/confirm)/$')
# A connection check and a status sync call the WordPress site the integration names (a made-up
# host here: DNS lookups and connect timeouts); they are tested against a real WordPress in
# tests/tests/wordpress.rs.
EXCLUDE+=(--exclude-path-regex '/integrations/\{id\}/(test_connection|sync)/$')
COMMON=(--seed "$SEED" --max-examples "$EXAMPLES" --request-timeout 20 --checks all
    --suppress-health-check all --no-shrink -w 1 --warnings off)
# Settings (statuses a state may answer, per-operation exceptions) and hooks (what a file of an
# image media type is), both explained where they are written.
ST=("$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml")
export PYTHONPATH="$ROOT/scripts" SCHEMATHESIS_HOOKS=fuzz_hooks PYTHONDONTWRITEBYTECODE=1
# schemathesis keeps a cache in its working directory: keep it out of the tree.
cd "$WORK"
echo "fuzz: as a tenant with data ($EXAMPLES examples per operation, seed $SEED)"
"${ST[@]}" run "http://127.0.0.1:$PORT/api/schema/" "${COMMON[@]}" "${EXCLUDE[@]}" \
    -H "Authorization: Bearer $TOKEN" --report junit --report-dir "$WORK/report-tenant"
echo "fuzz: without a token"
"${ST[@]}" run "http://127.0.0.1:$PORT/api/schema/" "${COMMON[@]}" \
    --max-examples 3 --report junit --report-dir "$WORK/report-anon"
