#!/usr/bin/env bash
# Build llama.cpp's C++ `llama-server` (CPU only, Release) from the llama.cpp vendored in the
# llama-cpp-python sdist that pyproject.toml pins, so the server and the local llama engine run
# the same llama.cpp. Installs OUTSIDE git:
#
#     $L10N_BIN (default ~/.cache/l10n/bin)/llama-server-<version>   the binary
#     $L10N_BIN/llama-server -> llama-server-<version>                what tests/llama_server.py finds
#
# Idempotent: does nothing when the binary for the pinned version is there (FORCE=1 rebuilds).
# Not part of `make test` or .ci/run: it needs PyPI and a C++ toolchain (cmake >= 3.18, g++),
# and takes a quarter of an hour on 2 cores. JOBS (default 2) and NICE (default 19) keep it
# polite on a shared machine; PYTHON is the interpreter whose pip downloads the sdist.
#
#     scripts/build_llama_server.sh            # then: ~/.cache/l10n/bin/llama-server --help
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
TARGET="$BIN_DIR/llama-server-$VERSION"
JOBS="${JOBS:-2}"
NICE="${NICE:-19}"
PYTHON="${PYTHON:-$( [ -x "$ROOT/.venv/bin/python" ] && echo "$ROOT/.venv/bin/python" || echo python3 )}"

die() { echo "Error: $*" >&2; exit 2; }

[ -n "$VERSION" ] || die "no llama-cpp-python==VERSION pin found in $ROOT/pyproject.toml"
if [ -x "$TARGET" ] && [ "${FORCE:-0}" != 1 ]; then
    ln -sfn "llama-server-$VERSION" "$BIN_DIR/llama-server"
    echo "llama-server for llama-cpp-python $VERSION is already built: $TARGET"
    exit 0
fi
[ -n "${SHA256[$VERSION]:-}" ] || die "no sha256 for llama-cpp-python $VERSION's sdist in $0; add it"
command -v cmake >/dev/null || die "cmake is not installed"
command -v c++ >/dev/null || die "no C++ compiler (c++) is installed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/l10n-llama-server.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
began=$SECONDS

"$PYTHON" -m pip download --quiet --no-binary :all: --no-deps "llama-cpp-python==$VERSION" -d "$WORK"
SDIST="$WORK/llama_cpp_python-$VERSION.tar.gz"
[ -f "$SDIST" ] || die "pip did not download $SDIST"
echo "${SHA256[$VERSION]}  $SDIST" | sha256sum --check --quiet - || die "$SDIST does not have the pinned sha256"
tar -xzf "$SDIST" -C "$WORK"
SRC="$WORK/llama_cpp_python-$VERSION/vendor/llama.cpp"

nice -n "$NICE" cmake -S "$SRC" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_COMMON=ON \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
    -DBUILD_SHARED_LIBS=OFF -DGGML_CUDA=OFF -DGGML_METAL=OFF -DGGML_VULKAN=OFF >"$WORK/cmake.log" \
    || { cat "$WORK/cmake.log" >&2; die "cmake failed to configure llama.cpp"; }
nice -n "$NICE" cmake --build "$WORK/build" --config Release --target llama-server -j "$JOBS"

mkdir -p "$BIN_DIR"
install -m 0755 "$WORK/build/bin/llama-server" "$TARGET.tmp"
mv -f "$TARGET.tmp" "$TARGET"                      # never a half-copied binary under the real name
ln -sfn "llama-server-$VERSION" "$BIN_DIR/llama-server"
echo "built $TARGET ($(du -h "$TARGET" | cut -f1)) in $(( (SECONDS - began) / 60 )) min $(( (SECONDS - began) % 60 )) s"
