#!/usr/bin/env bash
# Build llama.cpp's C++ `llama-server` (Release; CPU, or CUDA with CUDA=1) from the llama.cpp
# vendored in the llama-cpp-python sdist that pyproject.toml pins, so the server and the local
# llama engine run the same llama.cpp. Installs OUTSIDE git:
#
#     $L10N_BIN (default ~/.cache/l10n/bin)/llama-server-<version>   the CPU binary
#     $L10N_BIN/llama-server -> llama-server-<version>                what tests/llama_server.py finds
#     $L10N_BIN/llama-server-<version>-cuda, llama-server-cuda ->     the same with CUDA=1 (the CPU
#                                                                     binary and link are left alone)
#
# Idempotent: does nothing when the binary for the pinned version is there (FORCE=1 rebuilds).
# Not part of `make test` or .ci/run: it needs PyPI and a C++ toolchain (cmake >= 3.18, g++),
# and takes a quarter of an hour on 2 cores. JOBS (default 2) and NICE (default 19) keep it
# polite on a shared machine; PYTHON is the interpreter whose pip downloads the sdist, or
# SDIST=path/llama_cpp_python-<version>.tar.gz uses one downloaded before (on a machine without
# the package index; its sha256 is checked all the same).
#
# CUDA=1 needs CUDA's compiler: `nvcc` on PATH (or CUDACXX=path/to/nvcc, which cmake reads too);
# without it the script stops before downloading anything. CUDA_ARCHITECTURES (e.g. 90 for an
# H100) becomes CMAKE_CUDA_ARCHITECTURES; unset, llama.cpp chooses: "native" (the GPUs of the
# build machine, so build where it runs) with cmake >= 3.24 and CUDA >= 11.6, else a list of
# common architectures. The CUDA libraries (cudart, cuBLAS) stay shared: the binary runs where
# the toolkit it was built with is installed.
#
#     scripts/build_llama_server.sh            # then: ~/.cache/l10n/bin/llama-server --help
#     CUDA=1 JOBS=16 NICE=0 scripts/build_llama_server.sh   # ~/.cache/l10n/bin/llama-server-cuda
#
# Flags, and why: LLAMA_BUILD_SERVER on, tests/examples off, no web UI (LLAMA_BUILD_UI and
# LLAMA_USE_PREBUILT_UI off: the UI would be fetched from Hugging Face or built with npm, and
# l10n only needs the /v1 API), LLAMA_OPENSSL off (the server listens on plain HTTP; put TLS
# in front of a farm), BUILD_SHARED_LIBS off (one self-contained binary that survives deleting
# the build tree). GGML_NATIVE stays on (the default, as pip builds llama-cpp-python): the
# binary is for this machine's CPU. There is no LLAMA_CURL any more in this llama.cpp (it
# downloads models with its own HTTP client; -m with a local GGUF needs neither).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(sed -n 's/.*llama-cpp-python==\([0-9][0-9.]*\).*/\1/p' "$ROOT/pyproject.toml" | head -n 1)"
# sha256 of the sdist on PyPI for the pinned version: a changed pin must change this too
declare -A SHA256=(
    [0.3.36]=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
)
BIN_DIR="${L10N_BIN:-$HOME/.cache/l10n/bin}"
CUDA="${CUDA:-0}"
if [ "$CUDA" = 1 ]; then FLAVOUR=-cuda; else FLAVOUR=; fi   # the CUDA build's name suffix
NAME="llama-server-$VERSION$FLAVOUR"
TARGET="$BIN_DIR/$NAME"
LINK="$BIN_DIR/llama-server$FLAVOUR"
JOBS="${JOBS:-2}"
NICE="${NICE:-19}"
PYTHON="${PYTHON:-$( [ -x "$ROOT/.venv/bin/python" ] && echo "$ROOT/.venv/bin/python" || echo python3 )}"

die() { echo "Error: $*" >&2; exit 2; }

[ -n "$VERSION" ] || die "no llama-cpp-python==VERSION pin found in $ROOT/pyproject.toml"
case "$CUDA" in 0|1) ;; *) die "CUDA must be 0 or 1, not '$CUDA'" ;; esac
if [ -x "$TARGET" ] && [ "${FORCE:-0}" != 1 ]; then
    ln -sfn "$NAME" "$LINK"
    echo "llama-server$FLAVOUR for llama-cpp-python $VERSION is already built: $TARGET"
    exit 0
fi
[ -n "${SHA256[$VERSION]:-}" ] || die "no sha256 for llama-cpp-python $VERSION's sdist in $0; add it"
GPU_FLAGS=(-DGGML_CUDA=OFF)
if [ "$CUDA" = 1 ]; then
    NVCC="${CUDACXX:-$(command -v nvcc || true)}"
    [ -n "$NVCC" ] || die "CUDA=1 needs CUDA's compiler, and there is no nvcc on PATH (add the toolkit's bin folder, e.g. /usr/local/cuda/bin, or set CUDACXX)"
    [ -x "$NVCC" ] || die "CUDACXX=$NVCC is not an executable nvcc"
    GPU_FLAGS=(-DGGML_CUDA=ON "-DCMAKE_CUDA_COMPILER=$NVCC")
    [ -z "${CUDA_ARCHITECTURES:-}" ] || GPU_FLAGS+=("-DCMAKE_CUDA_ARCHITECTURES=$CUDA_ARCHITECTURES")
fi
command -v cmake >/dev/null || die "cmake is not installed"
command -v c++ >/dev/null || die "no C++ compiler (c++) is installed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/l10n-llama-server.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
began=$SECONDS

ARCHIVE="$WORK/llama_cpp_python-$VERSION.tar.gz"
if [ -n "${SDIST:-}" ]; then
    [ -f "$SDIST" ] || die "SDIST=$SDIST is not a file"
    cp "$SDIST" "$ARCHIVE"
else
    "$PYTHON" -m pip download --quiet --no-binary :all: --no-deps "llama-cpp-python==$VERSION" -d "$WORK"
    [ -f "$ARCHIVE" ] || die "pip did not download $ARCHIVE"
fi
echo "${SHA256[$VERSION]}  $ARCHIVE" | sha256sum --check --quiet - || die "${SDIST:-$ARCHIVE} does not have the pinned sha256"
tar -xzf "$ARCHIVE" -C "$WORK"
SRC="$WORK/llama_cpp_python-$VERSION/vendor/llama.cpp"

nice -n "$NICE" cmake -S "$SRC" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_COMMON=ON \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
    -DBUILD_SHARED_LIBS=OFF "${GPU_FLAGS[@]}" -DGGML_METAL=OFF -DGGML_VULKAN=OFF >"$WORK/cmake.log" \
    || { cat "$WORK/cmake.log" >&2; die "cmake failed to configure llama.cpp (its log is above)"; }
nice -n "$NICE" cmake --build "$WORK/build" --config Release --target llama-server -j "$JOBS" \
    || die "llama-server failed to build (the compiler's messages are above)"
missing="$( (ldd "$WORK/build/bin/llama-server" 2>/dev/null || true) | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')"
[ -z "$missing" ] || die "the built llama-server cannot find the shared libraries: $missing"

mkdir -p "$BIN_DIR"
install -m 0755 "$WORK/build/bin/llama-server" "$TARGET.tmp"
mv -f "$TARGET.tmp" "$TARGET"                      # never a half-copied binary under the real name
ln -sfn "$NAME" "$LINK"
echo "built $TARGET ($(du -h "$TARGET" | cut -f1)) in $(( (SECONDS - began) / 60 )) min $(( (SECONDS - began) % 60 )) s"
