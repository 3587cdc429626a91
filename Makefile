# Two entry points for a fresh machine (see README.md):
#   make demo  - set up, fetch the default model, ingest + draft the example bulletin
#   make test  - set up and run the test suite (no model download, no llama.cpp build)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# llama.cpp's AMX kernels crash on some Xeon CPUs (a segfault in ggml_backend_amx_mul_mat at the first
# prompt of more than one token, llama.cpp issue 20824; seen here on a Sapphire Rapids VM), so x86-64
# builds leave them out; an explicit -mno-amx-int8 wins over -march=native. --no-cache-dir: a wheel
# cached from a build without the flag would be taken as it is.
LLAMA_BUILD := $(if $(filter x86_64,$(shell uname -m)),CMAKE_ARGS="-DCMAKE_C_FLAGS=-mno-amx-int8 -DCMAKE_CXX_FLAGS=-mno-amx-int8" PIP_NO_CACHE_DIR=1)

.PHONY: demo test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

test: $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0          # the CPU wheel; an unpinned torch pulls CUDA
	$(BIN)/pip install -q -e '.[marian,test]'
	$(BIN)/pytest -q

demo: $(BIN)/python
	$(LLAMA_BUILD) $(BIN)/pip install -q -e '.[llama]'  # compiles llama.cpp once (8-10 min on 2 cores)
	$(BIN)/l10n models pull
	# a throw-away project (out/ is git-ignored) with this repository's glossary and models, so the
	# model drafts every sentence: the committed, reviewed example would answer from translation memory
	rm -rf out/demo && mkdir -p out/demo && cp -r l10n.toml glossary models out/demo/
	cd out/demo && $(abspath $(BIN))/l10n ingest ../../examples/bulletin.txt --slug example
	cd out/demo && $(abspath $(BIN))/l10n draft example
	cd out/demo && $(abspath $(BIN))/l10n export example --format txt --allow-draft

clean:
	rm -rf $(VENV) .pytest_cache
