#!/usr/bin/env bash
# Dependency direction (STYLE.md): domain crates never depend on actix-web.
set -euo pipefail
fail=0
for c in "$@"; do
    if cargo tree -p "$c" -i actix-web -e normal >/dev/null 2>&1; then
        echo "dependency check: crate '$c' depends on actix-web" >&2
        cargo tree -p "$c" -i actix-web -e normal >&2 || true
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "dependency check: no domain crate depends on actix-web ($*)"
exit $fail
