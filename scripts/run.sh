#!/usr/bin/env bash
# Starts the API and the worker against IGNY8_DATABASE_URL (set by the Makefile), prints where
# to go, and stops both on Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
BIND="${IGNY8_BIND:-127.0.0.1:8000}"
# The built web app (scripts/web.sh build), served by the API on its own origin.
export IGNY8_WEB_DIR="${IGNY8_WEB_DIR:-$ROOT/web/dist}"
# The web app's development server (npm run dev in web/) runs on its own origin.
export IGNY8_CORS_ORIGINS="${IGNY8_CORS_ORIGINS:-http://localhost:5173,http://127.0.0.1:5173}"
"$BIN/api" migrate >/dev/null
"$BIN/api" seed >/dev/null
"$BIN/api" serve & API=$!
"$BIN/worker" & WORKER=$!
trap 'kill -TERM $API $WORKER 2>/dev/null; wait $API $WORKER 2>/dev/null; exit 0' INT TERM
for _ in $(seq 1 100); do curl -fs "http://$BIND/api/ping/" >/dev/null 2>&1 && break; sleep 0.1; done
# Where the worker delivers e-mail (never print the SMTP URL: it may hold a password).
if [ -n "${IGNY8_SMTP_URL:-}" ]; then
  MAIL="SMTP server of IGNY8_SMTP_URL, from ${IGNY8_MAIL_FROM:-IGNY8 <no-reply@localhost>}"
else
  MAIL="no SMTP server set: messages are written as .eml files to ${IGNY8_MAIL_DIR:-${IGNY8_DATA_DIR:-.data}/mail}/"
fi
cat <<MSG

  IGNY8 is running.
    Web app    http://$BIND/$( [ -f "$IGNY8_WEB_DIR/index.html" ] || printf '   (not built: scripts/web.sh build)')
    API        http://$BIND/api/v1/
    Health     http://$BIND/api/ping/
    Docs       http://$BIND/api/docs/
    OpenAPI    http://$BIND/api/schema/
    Mail       $MAIL
    Database   $(printf '%s' "${IGNY8_DATABASE_URL%%\?*}" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#')

  Try:
    curl -s -X POST http://$BIND/api/v1/auth/register/ -H 'Content-Type: application/json' \\
         -d '{"email":"me@example.com","password":"a long passphrase","account_name":"Acme"}'

  Ctrl-C stops the API and the worker (PostgreSQL keeps running; \`make db-stop\` stops it).

MSG
wait -n $API $WORKER
kill -TERM $API $WORKER 2>/dev/null || true
wait
