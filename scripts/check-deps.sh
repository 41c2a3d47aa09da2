#!/usr/bin/env bash
# Dependency direction (STYLE.md): domain crates never depend on actix-web.
set -euo pipefail
fail=0
for c in "$@"; do
    # An empty tree (cargo prints only a warning) also means no edge: a dev-dependency such as
    # test-support puts actix-web in the crate's graph without a normal edge to it.
    if out="$(cargo tree -p "$c" -i actix-web -e normal 2>/dev/null)" && [ -n "$out" ]; then
        echo "dependency check: crate '$c' depends on actix-web" >&2
        cargo tree -p "$c" -i actix-web -e normal >&2 || true
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "dependency check: no domain crate depends on actix-web ($*)"
exit $fail
