#!/usr/bin/env bash
# Dependency direction (STYLE.md): domain crates never depend on actix-web.
set -euo pipefail
fail=0
for c in "$@"; do
    # A crate whose dev-dependencies (test-support) pull actix-web has it in its graph, so
    # `cargo tree -i` succeeds with nothing to print: only printed normal edges count.
    if [ -n "$(cargo tree -p "$c" -i actix-web -e normal 2>/dev/null)" ]; then
        echo "dependency check: crate '$c' depends on actix-web" >&2
        cargo tree -p "$c" -i actix-web -e normal >&2 || true
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "dependency check: no domain crate depends on actix-web ($*)"
exit $fail
