#!/usr/bin/env bash
# Makes sure the build's system dependencies are present: libpq (for diesel) and a C compiler.
# Installs them from Debian's packages when we are root; otherwise says what to install.
set -euo pipefail
command -v cargo >/dev/null || { echo "Rust is required: install it from https://rustup.rs" >&2; exit 1; }
missing=()
command -v pg_config >/dev/null 2>&1 || [ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "installing ${missing[*]} with apt-get (one time)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "Missing system packages: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]})." >&2
        exit 1
    fi
fi
