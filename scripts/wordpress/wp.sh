#!/usr/bin/env bash
# A real WordPress on loopback for tests: Debian's `wordpress` package, a private throw-away
# mariadbd per instance (unix socket only) and `php -S` with a router. No internet needed once
# the Debian packages are installed. See scripts/wordpress/README.md.
#
#   wp.sh deps                        install the Debian packages when missing (root)
#   wp.sh up PORT DATA_DIR            fresh WordPress on http://127.0.0.1:PORT, our igny8-bridge
#                                     plugin active; prints KEY=VALUE lines (also DATA_DIR/wp.env)
#   wp.sh down DATA_DIR [--purge]     stop it (and remove its /etc/wordpress shim); --purge
#                                     also deletes DATA_DIR
#   wp.sh stop-web DATA_DIR           stop only the web server (DB and content are kept)
#   wp.sh start-web DATA_DIR          start it again on the same port; returns once it answers
#   wp.sh status DATA_DIR             WP_WEB=running|stopped, WP_DB=running|stopped (exit 0 when
#                                     both run, 3 otherwise)
#
# Progress goes to stderr; stdout carries only machine-readable KEY=VALUE lines.
# Options (environment) for `up`: WP_ADMIN_USER (admin), WP_ADMIN_EMAIL (admin@example.com),
# WP_ADMIN_PASSWORD (random), WP_TITLE, WP_PLUGINS (space-separated absolute plugin dirs, linked
# and activated besides igny8-bridge), WP_WORKERS (4), WP_UP_TIMEOUT (60 s),
# WP_ACCESSIBLE_HOSTS (extra hosts the site may call despite WP_HTTP_BLOCK_EXTERNAL),
# WP_OWNER_PID (when that process dies, the instance takes itself down and deletes DATA_DIR).
# A small watchdog per instance also stops it when DATA_DIR is deleted without `down`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="$SCRIPT_DIR/lib"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
BRIDGE_PLUGIN="$REPO_ROOT/crates/integration/wordpress-plugin/igny8-bridge"
WP_CORE=/usr/share/wordpress
SHIM_DIR=/etc/wordpress
CACHE_DIR="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/igny8-wp"
MARKER=.igny8-wp
SOCK_MAX=100 # unix socket paths are limited to ~107 bytes

DEPS_PACKAGES=(wordpress wordpress-theme-twentytwentythree
    php8.2-cli php8.2-fpm php8.2-mysql php8.2-gd php8.2-curl php8.2-xml php8.2-mbstring
    php8.2-zip php8.2-intl php8.2-imagick mariadb-server mariadb-client nginx curl)
# wordpress depends on `apache2 | httpd`; naming nginx (which Provides httpd) plus these
# exclusions keeps Apache (and yaws) out. nginx is never configured or started.
DEPS_EXCLUDES=(apache2- libapache2-mod-php8.2- libapache2-mod-php-)

say() { printf 'wp.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
usage() {
    sed -n '/^#   wp.sh deps/,/both run, 3 otherwise)/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
now_ms() { local t; t="$(date +%s%N)"; echo $((t / 1000000)); }
elapsed() { local ms=$(($(now_ms) - $1)); printf '%d.%01d s' $((ms / 1000)) $((ms % 1000 / 100)); }

# ---------------------------------------------------------------------------------------- deps

# Prints the names of the packages that are not installed (nothing when all are).
deps_missing() {
    local -A installed=()
    local status name p
    while read -r status name; do
        [ "$status" = ii ] && installed["$name"]=1
    done < <(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${DEPS_PACKAGES[@]}" 2>/dev/null || true)
    for p in "${DEPS_PACKAGES[@]}"; do
        [ -n "${installed[$p]:-}" ] || printf '%s ' "$p"
    done
}

apt_install() {
    # Another apt run (or another test's install) holds dpkg's lock: wait for it.
    apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends \
        "${DEPS_PACKAGES[@]}" "${DEPS_EXCLUDES[@]}" >&2
}

cmd_deps() {
    local missing
    missing="$(deps_missing)"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing Debian packages: ${missing% }. Install them as root: sudo $0 deps
  (that runs: apt-get install -y --no-install-recommends ${DEPS_PACKAGES[*]} ${DEPS_EXCLUDES[*]})"
    fi
    # Tests start several instances at once: one installs, the others wait and find the
    # packages there.
    exec 8>/tmp/igny8-wp-deps.lock
    flock 8
    missing="$(deps_missing)"
    if [ -z "$missing" ]; then
        flock -u 8
        return 0
    fi
    local t0; t0="$(now_ms)"
    say "installing Debian packages (one time, ~30 s): ${missing% }"
    export DEBIAN_FRONTEND=noninteractive
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        say "apt lists are empty: apt-get update"
        apt-get update -q -o DPkg::Lock::Timeout=300 >&2
    fi
    if ! apt_install; then
        say "install failed; retrying after apt-get update"
        apt-get update -q -o DPkg::Lock::Timeout=300 >&2
        apt_install
    fi
    missing="$(deps_missing)"
    [ -z "$missing" ] || die "packages still missing after apt-get install: $missing"
    say "packages installed in $(elapsed "$t0")"
    flock -u 8
}

php_bin() {
    if command -v php8.2 >/dev/null 2>&1; then echo php8.2; else echo php; fi
}

# ------------------------------------------------------------------------------- processes

# State letter of a process (R, S, D, Z, ...), empty when it does not exist.
proc_state() {
    local stat rest
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
    rest="${stat##*) }"
    printf '%s' "${rest%% *}"
}

# True when PID exists and is not a zombie (this sandbox reaps zombies slowly, so `kill -0`
# keeps saying "alive" for a while after a process exited).
proc_alive() {
    local s
    [ -n "${1:-}" ] || return 1
    s="$(proc_state "$1")"
    [ -n "$s" ] && [ "$s" != Z ] && [ "$s" != X ]
}

proc_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# True when any live (non-zombie) process is in process group $1.
group_alive() {
    local f stat rest pgid state
    for f in /proc/[0-9]*/stat; do
        { read -r stat <"$f"; } 2>/dev/null || continue
        rest="${stat##*) }"
        state="${rest%% *}"
        rest="${rest#* }"     # ppid ...
        rest="${rest#* }"     # pgrp ...
        pgid="${rest%% *}"
        if [ "$pgid" = "$1" ] && [ "$state" != Z ] && [ "$state" != X ]; then return 0; fi
    done
    return 1
}

# Reads a pid file written by start_daemon; prints the pid when that process is alive and its
# command line contains $2 (so a recycled pid is never signalled).
live_pid() {
    local pidfile=$1 expect=$2 pid
    [ -f "$pidfile" ] || return 1
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    proc_alive "$pid" || return 1
    [[ "$(proc_cmdline "$pid")" == *"$expect"* ]] || return 1
    echo "$pid"
}

# start_daemon PIDFILE LOG CMD...: runs CMD in its own session (so its pid is its process group
# and `kill -- -PID` reaches its children), detached from our stdout/stderr and from any other
# descriptor we inherited (callers read our output until EOF; a test harness may hand us pipes),
# and writes its pid to PIDFILE.
start_daemon() {
    local pidfile=$1 log=$2
    shift 2
    rm -f "$pidfile"
    # shellcheck disable=SC2016 # $$, $1 and $fd are for the inner bash
    setsid bash -c 'for fd in $(ls /proc/$$/fd); do case $fd in 0|1|2) ;; *) exec {fd}>&- ;; esac; done
        echo $$ >"$1.tmp" && mv "$1.tmp" "$1"; shift; exec "$@"' bash "$pidfile" "$@" \
        </dev/null >>"$log" 2>&1 &
    local i
    for i in $(seq 1 100); do
        [ -s "$pidfile" ] && return 0
        sleep 0.01
    done
    die "could not start $1 (no pid file)"
}

# stop_group PIDFILE EXPECT NAME: TERM the process group, KILL it after 10 s.
stop_group() {
    local pidfile=$1 expect=$2 name=$3 pid
    if pid="$(live_pid "$pidfile" "$expect")"; then
        stop_pid_group "$pid" "$name"
    fi
    rm -f "$pidfile"
}

# stop_pid_group PID NAME (the caller checked that PID is ours).
stop_pid_group() {
    local pid=$1 name=$2 i
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 200); do
        group_alive "$pid" || break
        if [ "$i" -eq 200 ]; then
            say "$name (pid $pid) did not stop in 10 s; killing it"
            kill -KILL -- "-$pid" 2>/dev/null || true
            sleep 0.2
        fi
        sleep 0.05
    done
    say "stopped $name (pid $pid)"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-10}" "$1" 2>/dev/null || true
}

# ----------------------------------------------------------------------------- instance files

abs_dir() { (cd "$1" && pwd -P); }

# Loads DATA_DIR/run/instance.env (PORT, SOCK, SOCK_DIR, SHIM, CONFIG_NAME, ...).
load_instance() {
    local d=$1
    [ -f "$d/$MARKER" ] || return 1
    [ -f "$d/run/instance.env" ] || return 1
    # shellcheck disable=SC1091
    . "$d/run/instance.env"
}

web_pidfile() { echo "$1/run/web.pid"; }
db_pidfile() { echo "$1/run/db.pid"; }

web_pid() { live_pid "$(web_pidfile "$1")" "127.0.0.1:$PORT"; }
db_pid() { live_pid "$(db_pidfile "$1")" "--datadir=$1/db"; }

start_web() {
    local d=$1 php
    php="$(php_bin)"
    start_daemon "$(web_pidfile "$d")" "$d/logs/web.log" \
        env PHP_CLI_SERVER_WORKERS="$WORKERS" IGNY8_WP_CONFIG="$CONFIG_NAME" \
        WORDPRESS_CONFIG="$CONFIG_NAME" IGNY8_WP_CONTENT_DIR="$d/wp-content" \
        "$php" -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=256M \
        -d max_execution_time=120 -d display_errors=0 -d display_startup_errors=0 \
        -d log_errors=1 -d error_log="$d/logs/php-errors.log" \
        -d upload_tmp_dir="$d/tmp" -d sys_temp_dir="$d/tmp" \
        -S "127.0.0.1:$PORT" -t "$WP_CORE" "$LIB_DIR/router.php"
}

# wait_http DATA_DIR URL TIMEOUT: until URL answers 200 (fails early when the web server died).
wait_http() {
    local d=$1 url=$2 timeout=$3 t0 code
    t0="$(now_ms)"
    while :; do
        if ! web_pid "$d" >/dev/null; then
            say "the web server exited; last lines of $d/logs/web.log:"
            tail -n 5 "$d/logs/web.log" >&2 || true
            return 1
        fi
        code="$(http_code "$url" 10)"
        [ "$code" = 200 ] && return 0
        if [ $(($(now_ms) - t0)) -gt $((timeout * 1000)) ]; then
            say "$url did not answer 200 within $timeout s (last: ${code:-none})"
            return 1
        fi
        sleep 0.1
    done
}

# shellcheck disable=SC2317 # only reached through the EXIT trap of `up`
show_log_tails() {
    local d=$1 f
    for f in "$d"/logs/mariadbd.log "$d"/logs/web.log "$d"/logs/setup.log "$d"/logs/php-errors.log "$d"/logs/wp-debug.log; do
        [ -s "$f" ] || continue
        say "---- last lines of $f"
        tail -n 15 "$f" >&2 || true
    done
}

# Removes what lives outside DATA_DIR: the /etc/wordpress shim (only when it points at this
# DATA_DIR) and the short socket directory under /tmp.
remove_outside_files() {
    local d=$1
    if [ -n "${SHIM:-}" ] && [ -f "$SHIM" ] && grep -qF "'$d/wp-config.php'" "$SHIM" 2>/dev/null; then
        rm -f "$SHIM"
    fi
    if [ -n "${SOCK_DIR:-}" ] && [[ "$SOCK_DIR" == /tmp/igny8-wp.* ]] && [ -d "$SOCK_DIR" ]; then
        rm -rf "$SOCK_DIR"
    fi
}

watch_pidfile() { echo "$1/run/watchdog.pid"; }

stop_instance() {
    local d=$1 watcher=""
    watcher="$(live_pid "$(watch_pidfile "$d")" "_watch $d " || true)"
    if [ -n "$watcher" ] && [ "$watcher" != "$$" ]; then
        stop_group "$(watch_pidfile "$d")" "_watch $d " "watchdog"
    fi
    stop_group "$(web_pidfile "$d")" "127.0.0.1:${PORT:-}" "web server"
    stop_group "$(db_pidfile "$d")" "--datadir=$d/db" "mariadbd"
    remove_outside_files "$d"
}

# ---------------------------------------------------------------------------------- database

db_template() {
    local mariadbd stamp tmpl tmp
    mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
    stamp="$(stat -Lc '%s-%Y' "$mariadbd")"
    tmpl="$CACHE_DIR/mariadb-$stamp-$(id -un)"
    if [ ! -f "$tmpl/.complete" ]; then
        say "building the MariaDB template in $tmpl (one time)"
        mkdir -p "$CACHE_DIR"
        tmp="$(mktemp -d "$CACHE_DIR/tmpl.XXXXXX")"
        if ! mariadb-install-db --no-defaults --datadir="$tmp/data" --user="$(id -un)" \
            --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve \
            --innodb-log-file-size=8M >"$tmp/install.log" 2>&1; then
            tail -n 20 "$tmp/install.log" >&2
            rm -rf "$tmp"
            die "mariadb-install-db failed"
        fi
        touch "$tmp/.complete"
        # Atomic publish: a concurrent `up` that built the same template just keeps its own.
        mv -T "$tmp" "$tmpl" 2>/dev/null || rm -rf "$tmp"
    fi
    echo "$tmpl/data"
}

start_db() {
    local d=$1 mariadbd user_opt=()
    mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
    [ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
    start_daemon "$(db_pidfile "$d")" "$d/logs/mariadbd.stdout.log" \
        "$mariadbd" --no-defaults --datadir="$d/db" --socket="$SOCK" --skip-networking \
        "${user_opt[@]}" --log-error="$d/logs/mariadbd.log" --pid-file="$d/run/mariadbd.pid" \
        --tmpdir="$d/run" --skip-name-resolve --skip-log-bin --performance-schema=OFF \
        --innodb-log-file-size=8M --innodb-buffer-pool-size=32M \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --max-connections=200
}

db_sql() {
    mariadb --no-defaults --protocol=socket --socket="$SOCK" -u "$(id -un)" -N -B -e "$1"
}

wait_db() {
    local d=$1 t0
    t0="$(now_ms)"
    while :; do
        if [ -S "$SOCK" ] && db_sql 'SELECT 1' >/dev/null 2>&1; then return 0; fi
        if ! db_pid "$d" >/dev/null; then
            say "mariadbd exited"
            return 1
        fi
        if [ $(($(now_ms) - t0)) -gt $((UP_TIMEOUT * 1000)) ]; then
            say "mariadbd did not accept connections within $UP_TIMEOUT s"
            return 1
        fi
        sleep 0.05
    done
}

# -------------------------------------------------------------------------------------- up

random_alnum() { # random_alnum N
    local s=""
    while [ ${#s} -lt "$1" ]; do
        s+="$(head -c 256 /dev/urandom | tr -dc 'A-Za-z0-9')"
    done
    printf '%s' "${s:0:$1}"
}
random_hex() { head -c "$(($1 / 2))" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

UP_DIR="" # set while `up` owns a half-built instance; the EXIT trap cleans it up
# shellcheck disable=SC2317 # the EXIT trap of `up`
on_up_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ] && [ -n "$UP_DIR" ]; then
        say "up failed; stopping what it started"
        show_log_tails "$UP_DIR"
        stop_instance "$UP_DIR" || true
    fi
}

cmd_up() {
    [ $# -eq 2 ] || usage
    local port=$1 d=$2 t0
    t0="$(now_ms)"
    if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then die "bad PORT: $port"; fi
    [ -n "$(deps_missing)" ] && cmd_deps
    [ -f "$BRIDGE_PLUGIN/igny8-bridge.php" ] || die "our plugin is missing: $BRIDGE_PLUGIN/igny8-bridge.php"
    local p
    for p in ${WP_PLUGINS:-}; do
        if [[ "$p" != /* ]] || [ ! -d "$p" ]; then die "WP_PLUGINS entries must be absolute plugin directories: $p"; fi
    done
    local owner="${WP_OWNER_PID:-}"
    if [ -n "$owner" ] && { ! [[ "$owner" =~ ^[0-9]+$ ]] || ! proc_alive "$owner"; }; then
        die "WP_OWNER_PID=$owner is not a running process"
    fi

    # DATA_DIR: empty, new, or one of ours (then whatever it ran is stopped and it is wiped).
    if [ -e "$d" ] && [ ! -d "$d" ]; then die "DATA_DIR exists and is not a directory: $d"; fi
    mkdir -p "$d"
    d="$(abs_dir "$d")"
    case "$d" in *"'"* | *\\* | *' '* | *'"'*) die "DATA_DIR must not contain quotes, backslashes or spaces: $d" ;; esac
    if [ -f "$d/$MARKER" ]; then
        if load_instance "$d"; then stop_instance "$d"; fi
        find "$d" -mindepth 1 -delete
    elif [ -n "$(ls -A "$d")" ]; then
        die "DATA_DIR $d is not empty and was not created by wp.sh (no $MARKER); refusing to use it"
    fi
    if port_in_use "$port"; then die "127.0.0.1:$port is already in use"; fi
    if [ ! -d "$SHIM_DIR" ] || [ ! -w "$SHIM_DIR" ]; then
        die "$SHIM_DIR is not writable (the Debian wordpress package reads per-site configs there; run as root)"
    fi

    # Instance layout.
    PORT=$port
    WORKERS="${WP_WORKERS:-4}"
    UP_TIMEOUT="${WP_UP_TIMEOUT:-60}"
    CONFIG_NAME="igny8-wp-$port"
    SHIM="$SHIM_DIR/config-$CONFIG_NAME.php"
    SOCK="$d/run/mysqld.sock"
    SOCK_DIR=""
    if [ ${#SOCK} -gt $SOCK_MAX ]; then
        SOCK_DIR="$(mktemp -d /tmp/igny8-wp.XXXXXX)"
        SOCK="$SOCK_DIR/mysqld.sock"
    fi
    printf 'igny8-wp instance (scripts/wordpress/wp.sh); port %s\n' "$port" >"$d/$MARKER"
    UP_DIR=$d
    mkdir -p "$d/run" "$d/logs" "$d/db" "$d/tmp" "$d/wp-content/plugins" "$d/wp-content/mu-plugins" \
        "$d/wp-content/themes" "$d/wp-content/uploads" "$d/wp-content/upgrade"
    cat >"$d/run/instance.env" <<EOF
PORT=$PORT
WORKERS=$WORKERS
UP_TIMEOUT=$UP_TIMEOUT
CONFIG_NAME=$CONFIG_NAME
SHIM=$SHIM
SOCK=$SOCK
SOCK_DIR=$SOCK_DIR
EOF
    start_daemon "$(watch_pidfile "$d")" "$d/logs/watchdog.log" \
        bash "$SCRIPT_DIR/wp.sh" _watch "$d" "$PORT" "$SHIM" "${SOCK_DIR:--}" "${owner:--}"

    # Database: copy the pristine template and start a private mariadbd on it.
    local tmpl
    tmpl="$(db_template)"
    cp -a "$tmpl/." "$d/db/"
    start_db "$d"

    # Meanwhile: content dir, config, shim, web server.
    local theme
    for theme in "$WP_CORE"/wp-content/themes/*/; do
        ln -s "${theme%/}" "$d/wp-content/themes/"
    done
    ln -s "$BRIDGE_PLUGIN" "$d/wp-content/plugins/igny8-bridge"
    local plugins="igny8-bridge" base
    for p in ${WP_PLUGINS:-}; do
        base="$(basename "$p")"
        [ -e "$d/wp-content/plugins/$base" ] || ln -s "$p" "$d/wp-content/plugins/$base"
        plugins+=" $base"
    done
    cp "$LIB_DIR/mu-local.php" "$d/wp-content/mu-plugins/igny8-wp-local.php"

    local db_password admin_user admin_password admin_email title salts="" k
    db_password="$(random_alnum 24)"
    admin_user="${WP_ADMIN_USER:-admin}"
    admin_password="${WP_ADMIN_PASSWORD:-$(random_hex 24)}"
    admin_email="${WP_ADMIN_EMAIL:-admin@example.com}"
    title="${WP_TITLE:-IGNY8 test site $port}"
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        salts+="define('$k', '$(random_alnum 64)');"$'\n'
    done
    local accessible=""
    if [ -n "${WP_ACCESSIBLE_HOSTS:-}" ]; then
        [[ "$WP_ACCESSIBLE_HOSTS" =~ ^[A-Za-z0-9.,*:-]+$ ]] || die "bad WP_ACCESSIBLE_HOSTS"
        accessible="define('WP_ACCESSIBLE_HOSTS', '$WP_ACCESSIBLE_HOSTS');"
    fi
    cat >"$d/wp-config.php" <<EOF
<?php
// One igny8-wp test instance (written by scripts/wordpress/wp.sh; loaded through the Debian
// dispatcher /usr/share/wordpress/wp-config.php via $SHIM).
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
define('WP_HOME', 'http://127.0.0.1:$port');
define('WP_SITEURL', 'http://127.0.0.1:$port');
define('WP_CONTENT_DIR', '$d/wp-content');
define('WP_CONTENT_URL', 'http://127.0.0.1:$port/wp-content');
define('WP_TEMP_DIR', '$d/tmp/');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
$accessible
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_ALLOW_MULTISITE', false);
define('FS_METHOD', 'direct');
define('DISALLOW_FILE_EDIT', true);
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '$d/logs/wp-debug.log');
define('WP_DEBUG_DISPLAY', false);
define('IGNY8_WP_DATA_DIR', '$d');
$salts
EOF
    printf "<?php\n// igny8-wp instance %s (scripts/wordpress/wp.sh); removed by wp.sh down\nrequire '%s';\n" \
        "$d" "$d/wp-config.php" >"$SHIM"

    start_web "$d"

    # Database and user, then the install from php-cli (no HTTP).
    wait_db "$d"
    db_sql "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
            GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';"
    if ! (cd "$d" && env IGNY8_WP_CONFIG="$CONFIG_NAME" IGNY8_WP_PORT="$port" \
        IGNY8_WP_ADMIN_USER="$admin_user" IGNY8_WP_ADMIN_PASSWORD="$admin_password" \
        IGNY8_WP_ADMIN_EMAIL="$admin_email" IGNY8_WP_TITLE="$title" IGNY8_WP_PLUGINS="$plugins" \
        IGNY8_WP_OUT="$d/run/setup.out" \
        "$(php_bin)" -d display_errors=stderr -d log_errors=0 -d memory_limit=256M \
        "$LIB_DIR/setup.php" >>"$d/logs/setup.log" 2>&1); then
        die "WordPress setup failed (see $d/logs/setup.log)"
    fi
    local wp_version app_password
    wp_version="$(sed -n 's/^WP_VERSION=//p' "$d/run/setup.out")"
    app_password="$(sed -n 's/^WP_APP_PASSWORD=//p' "$d/run/setup.out")"
    [ -n "$app_password" ] || die "setup did not create an application password"

    # The first request builds the rewrite rules; our namespace answering proves the plugin runs.
    wait_http "$d" "http://127.0.0.1:$port/wp-json/igny8/v1" "$UP_TIMEOUT"

    local web db
    web="$(web_pid "$d")" || die "web server not running"
    db="$(db_pid "$d")" || die "mariadbd not running"
    {
        echo "WP_URL=http://127.0.0.1:$port"
        echo "WP_REST_URL=http://127.0.0.1:$port/wp-json/"
        echo "WP_ADMIN_USER=$admin_user"
        echo "WP_ADMIN_PASSWORD=$admin_password"
        echo "WP_APP_PASSWORD=$app_password"
        echo "WP_VERSION=$wp_version"
        echo "WP_PID=$web"
        echo "WP_DB_PID=$db"
        echo "WP_DATA_DIR=$d"
    } >"$d/wp.env"
    chmod 600 "$d/wp.env"
    UP_DIR=""
    say "up: WordPress $wp_version on http://127.0.0.1:$port ready in $(elapsed "$t0") (data: $d)"
    cat "$d/wp.env"
}

# ------------------------------------------------------------------------------ other verbs

cmd_down() {
    local d="" purge=0 a
    for a in "$@"; do
        case "$a" in
            --purge) purge=1 ;;
            -*) usage ;;
            *) [ -z "$d" ] || usage; d=$a ;;
        esac
    done
    [ -n "$d" ] || usage
    [ -e "$d" ] || return 0
    d="$(abs_dir "$d")"
    if [ ! -f "$d/$MARKER" ]; then
        if [ "$purge" -eq 1 ] && [ -n "$(ls -A "$d")" ]; then
            die "$d was not created by wp.sh (no $MARKER); not deleting it"
        fi
        [ "$purge" -eq 1 ] && rmdir "$d" 2>/dev/null
        return 0
    fi
    if load_instance "$d"; then stop_instance "$d"; fi
    if [ "$purge" -eq 1 ]; then
        rm -rf "$d"
        say "deleted $d"
    fi
}

require_instance() {
    [ -d "$1" ] || die "no such DATA_DIR: $1"
    load_instance "$1" || die "$1 is not a wp.sh instance"
}

cmd_stop_web() {
    [ $# -eq 1 ] || usage
    local d
    d="$(abs_dir "$1" 2>/dev/null)" || die "no such DATA_DIR: $1"
    require_instance "$d"
    stop_group "$(web_pidfile "$d")" "127.0.0.1:$PORT" "web server"
}

cmd_start_web() {
    [ $# -eq 1 ] || usage
    local d t0
    t0="$(now_ms)"
    d="$(abs_dir "$1" 2>/dev/null)" || die "no such DATA_DIR: $1"
    require_instance "$d"
    db_pid "$d" >/dev/null || die "mariadbd of $d is not running; use: $0 up PORT DATA_DIR"
    if ! web_pid "$d" >/dev/null; then
        port_in_use "$PORT" && die "127.0.0.1:$PORT is already in use"
        [ -f "$SHIM" ] || die "the shim $SHIM is missing (was the instance taken down?)"
        start_web "$d"
    fi
    wait_http "$d" "http://127.0.0.1:$PORT/wp-json/" "$UP_TIMEOUT" || die "the web server did not come back"
    sed -i "s/^WP_PID=.*/WP_PID=$(web_pid "$d")/" "$d/wp.env"
    say "start-web: http://127.0.0.1:$PORT answers ($(elapsed "$t0"))"
}

cmd_status() {
    [ $# -eq 1 ] || usage
    local d web="" db="" rc=0
    if ! d="$(abs_dir "$1" 2>/dev/null)" || ! load_instance "$d"; then
        say "$1 is not a wp.sh instance"
        printf 'WP_WEB=stopped\nWP_DB=stopped\n'
        return 3
    fi
    if web="$(web_pid "$d")"; then echo "WP_WEB=running"; echo "WP_PID=$web"; else echo "WP_WEB=stopped"; rc=3; fi
    if db="$(db_pid "$d")"; then echo "WP_DB=running"; echo "WP_DB_PID=$db"; else echo "WP_DB=stopped"; rc=3; fi
    echo "WP_URL=http://127.0.0.1:$PORT"
    return $rc
}

# _watch DATA_DIR PORT SHIM SOCK_DIR|- OWNER_PID|- (internal; started by `up`, stopped by
# `down`): once a second, remembers the web and db pids; when DATA_DIR's marker is gone (deleted
# without `down`) it stops them and removes the shim and socket dir; when OWNER_PID (optional)
# has died it runs `down --purge`.
cmd_watch() {
    local d=$1 port=$2 shim=$3 sock_dir=$4 owner=$5 web="" db="" pid
    while sleep 1; do
        if [ -f "$d/$MARKER" ]; then
            { read -r pid <"$(web_pidfile "$d")"; } 2>/dev/null && web=$pid
            { read -r pid <"$(db_pidfile "$d")"; } 2>/dev/null && db=$pid
            if [ "$owner" != - ] && ! proc_alive "$owner"; then
                say "owner pid $owner is gone: taking $d down"
                cmd_down "$d" --purge
                return 0
            fi
            continue
        fi
        say "$d was deleted without wp.sh down: stopping its processes"
        if [ -n "$web" ] && proc_alive "$web" && [[ "$(proc_cmdline "$web")" == *"127.0.0.1:$port "* ]]; then
            stop_pid_group "$web" "web server"
        fi
        if [ -n "$db" ] && proc_alive "$db" && [[ "$(proc_cmdline "$db")" == *"--datadir=$d/db "* ]]; then
            stop_pid_group "$db" "mariadbd"
        fi
        SHIM=$shim
        SOCK_DIR=""
        [ "$sock_dir" = - ] || SOCK_DIR=$sock_dir
        remove_outside_files "$d"
        return 0
    done
}

main() {
    [ $# -ge 1 ] || usage
    local verb=$1
    shift
    case "$verb" in
        deps) [ $# -eq 0 ] || usage; cmd_deps ;;
        up) trap on_up_exit EXIT; cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        stop-web) cmd_stop_web "$@" ;;
        start-web) cmd_start_web "$@" ;;
        status) cmd_status "$@" ;;
        _watch) cmd_watch "$@" ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

# `exit` on the same line: bash reads a script while running it, so nothing after this line is
# ever read, even if the file is rewritten while an instance's watchdog runs from it.
main "$@"; exit $?
