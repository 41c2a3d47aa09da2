#!/usr/bin/env bash
# Project-local PostgreSQL for development and tests.
#
#   scripts/db.sh url     print the database URL to use (starting the local cluster if needed)
#   scripts/db.sh start   start the local cluster (idempotent)
#   scripts/db.sh stop    stop it
#   scripts/db.sh status  say whether it runs
#
# With IGNY8_DATABASE_URL set, that database is used and nothing local is started.
# Otherwise a cluster lives in .data/postgres/ on a free loopback port, run as the `postgres`
# system user (initdb refuses root). Missing PostgreSQL binaries are installed from Debian's
# packages when we are root; otherwise the script says what to install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$ROOT/.data"
PG_DIR="$DATA_DIR/postgres"
PORT_FILE="$DATA_DIR/postgres.port"
DB_NAME="${IGNY8_DB_NAME:-igny8}"

say() { printf 'db.sh: %s\n' "$*" >&2; }

find_bin_dir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}

ensure_packages() {
    if find_bin_dir >/dev/null && command -v pg_config >/dev/null 2>&1; then return 0; fi
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL server binaries (initdb, pg_ctl) or libpq-dev are missing. Install them (Debian/Ubuntu: sudo apt-get install -y postgresql libpq-dev) or set IGNY8_DATABASE_URL to an existing database."
        exit 1
    fi
    say "installing postgresql and libpq-dev with apt-get (one time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq -o DPkg::Lock::Timeout=300 >&2
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 postgresql libpq-dev >&2
    find_bin_dir >/dev/null || { say "postgresql was installed but initdb was not found"; exit 1; }
}

# Run a command as the cluster owner: ourselves, or the postgres user when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The cluster's real directory (.data/postgres may be a link to a directory postgres can reach).
real_pg_dir() { readlink -f "$PG_DIR"; }

free_port() {
    python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

is_running() {
    local bin; bin="$(find_bin_dir)" || return 1
    [ -f "$(real_pg_dir)/PG_VERSION" ] || return 1
    as_owner "$bin/pg_ctl" -D "$(real_pg_dir)" status >/dev/null 2>&1
}

start() {
    ensure_packages
    local bin; bin="$(find_bin_dir)"
    mkdir -p "$DATA_DIR"
    if [ ! -e "$PG_DIR" ]; then
        if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$DATA_DIR"; then
            # The postgres user cannot reach the project directory (e.g. under /root): keep the
            # cluster in a directory it owns and link it into .data/.
            local ext="/var/lib/igny8/$(printf '%s' "$ROOT" | sha256sum | cut -c1-16)"
            mkdir -p "$ext"
            chown postgres:postgres "$ext"
            ln -s "$ext" "$PG_DIR"
        else
            mkdir -p "$PG_DIR"
            [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
        fi
        chmod 700 "$(readlink -f "$PG_DIR")"
    fi
    local dir; dir="$(real_pg_dir)"
    if [ ! -f "$dir/PG_VERSION" ]; then
        say "initialising a local cluster in $PG_DIR"
        as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
            || as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! is_running; then
        local port
        port="$(cat "$PORT_FILE" 2>/dev/null || true)"
        if [ -z "$port" ] || ! python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null; then
            port="$(free_port)"
        fi
        echo "$port" > "$PORT_FILE"
        say "starting PostgreSQL on 127.0.0.1:$port"
        # Sockets go to /tmp: the project path may exceed the 107-byte socket path limit.
        as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=/tmp -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null
    fi
    local port; port="$(cat "$PORT_FILE")"
    if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
        "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null
    fi
}

url() {
    if [ -n "${IGNY8_DATABASE_URL:-}" ]; then
        echo "$IGNY8_DATABASE_URL"; return 0
    fi
    start
    # Through the Unix socket in /tmp (the host, percent-encoded): a round trip over loopback TCP
    # costs several times as much CPU on small machines, and the pipeline makes many.
    echo "postgres://postgres@%2Ftmp:$(cat "$PORT_FILE")/$DB_NAME"
}

stop() {
    local bin; bin="$(find_bin_dir)" || exit 0
    if is_running; then as_owner "$bin/pg_ctl" -D "$(real_pg_dir)" -m fast stop >/dev/null && say "stopped"; fi
}

case "${1:-url}" in
    url) url ;;
    start) if [ -n "${IGNY8_DATABASE_URL:-}" ]; then say "IGNY8_DATABASE_URL is set; nothing to start"; else start; fi ;;
    stop) stop ;;
    status) if is_running; then echo "running on 127.0.0.1:$(cat "$PORT_FILE")"; else echo "stopped"; fi ;;
    *) say "usage: $0 url|start|stop|status"; exit 2 ;;
esac
