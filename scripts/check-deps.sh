#!/usr/bin/env bash
# Dependency direction (STYLE.md): domain crates never depend on actix-web (normal dependencies;
# dev-dependencies such as test-support may).
set -euo pipefail
fail=0
for c in "$@"; do
    out="$(cargo tree -q -p "$c" -i actix-web -e normal 2>/dev/null || true)"
    if grep -q '^actix-web v' <<<"$out"; then
        echo "dependency check: crate '$c' depends on actix-web:" >&2
        echo "$out" >&2
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "dependency check: no domain crate depends on actix-web ($*)"
exit $fail
