# Two entry points for a fresh machine (see README.md):
#   make demo  - set up, fetch the default model, ingest + draft the example bulletin
#   make test  - set up and run the test suite (no model download, no llama.cpp build)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

test: $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0          # the CPU wheel; an unpinned torch pulls CUDA
	$(BIN)/pip install -q -e '.[marian,test]'
	$(BIN)/pytest -q

demo: $(BIN)/python
	$(BIN)/pip install -q -e '.[llama]'          # compiles llama.cpp once (8-10 min on 2 cores)
	$(BIN)/l10n models pull
	$(BIN)/l10n ingest examples/bulletin.txt --slug example
	$(BIN)/l10n draft example
	$(BIN)/l10n export example --format txt --allow-draft

clean:
	rm -rf $(VENV) .pytest_cache
