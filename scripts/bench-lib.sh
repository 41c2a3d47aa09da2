# Shared by the bench scripts (sourced, after `cd` to the project root and with ROOT set): a
# scratch database on the project's PostgreSQL, the release binaries, a free port.

# bench_db NAME: (re)creates database NAME beside the configured one (the project-local cluster
# unless IGNY8_DATABASE_URL names another); sets ADMIN_URL, BENCH_DB and BENCH_URL.
bench_db() {
    export PGOPTIONS="-c client_min_messages=warning"
    local base
    base="$(scripts/db.sh url)"
    ADMIN_URL="${base%/*}/postgres"
    BENCH_DB="$1"
    BENCH_URL="${base%/*}/$1"
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

# bench_drop_db: drops the scratch database.
bench_drop_db() {
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
}

# release_bin NAME [PREBUILT]: the path of the release binary NAME (api or worker). Both are
# built with one feature set for every bench, so no bench rebuilds what another built. A
# PREBUILT path is used as given (for trying a script; figures need a release build).
release_bin() {
    if [ -n "${2:-}" ]; then
        echo "$2"
        return
    fi
    echo "== building the api and the worker (release)" >&2
    cargo build --release -p api -p worker --bins --quiet >&2
    echo "${CARGO_TARGET_DIR:-$ROOT/target}/release/$1"
}

# free_port: a TCP port free on 127.0.0.1 now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
