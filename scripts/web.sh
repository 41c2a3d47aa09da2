#!/usr/bin/env bash
# The web app (web/): dependencies from the committed lockfile, build, checks and browser tests.
#
#   scripts/web.sh build    npm ci (when the lockfile changed) and build web/dist
#   scripts/web.sh check    the API client matches the OpenAPI document, tsc, eslint, vitest
#   scripts/web.sh e2e      browser tests: Playwright driving Debian's chromium against the real
#                           api + worker binaries (target/debug) on a scratch database
#   scripts/web.sh test     check, then e2e (what `make test` runs after the cargo tests)
#
# Needs Node.js 20+ with npm. Debian's chromium is installed with apt when missing and we are
# root (never a browser download). Screenshots go to $IGNY8_E2E_SHOTS (default: a new temporary
# directory, printed at the end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/web"
say() { printf 'web.sh: %s\n' "$*" >&2; }

need_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        say "Node.js 20+ with npm is needed for the web app (Debian: apt-get install nodejs npm)."
        exit 1
    fi
}

deps() {
    need_node
    # npm ci from the committed lockfile, again only when the lockfile changed since.
    if [ ! -f "$WEB/node_modules/.package-lock.json" ] || [ "$WEB/package-lock.json" -nt "$WEB/node_modules/.package-lock.json" ]; then
        say "npm ci"
        (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

build() {
    deps
    (cd "$WEB" && npm run --silent build -- --logLevel warn)
    say "built $WEB/dist"
}

check() {
    deps
    (cd "$WEB" && npm run --silent gen:check && npx tsc --noEmit && npx eslint . && npx vitest run --reporter=dot)
}

ensure_chromium() {
    local c="${CHROMIUM_PATH:-/usr/bin/chromium}"
    [ -x "$c" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "Debian's chromium is missing: apt-get install -y chromium (as root), or set CHROMIUM_PATH."
        exit 1
    fi
    say "installing chromium from Debian's packages (one time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >&2 \
        || { apt-get update -qq -o DPkg::Lock::Timeout=300 >&2 && apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium >&2; }
}

e2e() {
    build
    ensure_chromium
    local bin="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
    for b in api worker; do
        [ -x "$bin/$b" ] || { say "$bin/$b is missing: cargo build -p api -p worker --bins"; exit 1; }
    done
    export IGNY8_DATABASE_URL="${IGNY8_DATABASE_URL:-$("$ROOT/scripts/db.sh" url)}"
    export IGNY8_E2E_SHOTS="${IGNY8_E2E_SHOTS:-$(mktemp -d /tmp/igny8-web-screens.XXXXXX)}"
    export IGNY8_E2E_OUT="${IGNY8_E2E_OUT:-$(mktemp -d /tmp/igny8-web-results.XXXXXX)}"
    (cd "$WEB" && npx playwright test)
    say "screenshots (desktop and phone width): $IGNY8_E2E_SHOTS"
}

case "${1:-}" in
    build) build ;;
    check) check ;;
    e2e) e2e ;;
    test) check; e2e ;;
    *) echo "usage: scripts/web.sh build|check|e2e|test" >&2; exit 2 ;;
esac
