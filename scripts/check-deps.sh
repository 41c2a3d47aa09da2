#!/usr/bin/env bash
# Dependency direction (STYLE.md): domain crates never depend on actix-web.
# `cargo tree -i` exits 0 with "nothing to print" when actix-web is only a dev-dependency of the
# crate (e.g. through test-support), so the check looks at what it prints, not its exit code.
set -euo pipefail
fail=0
for c in "$@"; do
    out=$(cargo tree -p "$c" -i actix-web -e normal 2>/dev/null || true)
    if [ -n "$out" ]; then
        echo "dependency check: crate '$c' depends on actix-web" >&2
        echo "$out" >&2
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "dependency check: no domain crate depends on actix-web ($*)"
exit $fail
