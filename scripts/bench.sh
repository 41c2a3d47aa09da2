#!/usr/bin/env bash
# Benchmarks live here, not in timed tests. Each domain adds its own below.
set -euo pipefail
echo "no benchmarks yet"
