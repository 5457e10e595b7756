# The analyst workbench. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.setup-stamp
# Notebooks and tests read the ledger cache from here (never from ~).
export WORKBENCH_CACHE_DIR ?= $(CURDIR)/.cache/ledger

.DEFAULT_GOAL := help
.PHONY: help setup lab test test-fast lint format briefing bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the workbench with its dev tools (quick when nothing changed)

lab: setup ## Open JupyterLab on notebooks/ (127.0.0.1 only, token auth; the URL with the token is printed)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --no-browser

test: setup ## Run the whole test suite (spaCy, notebooks, Chromium)
	$(PY) -m pytest

test-fast: setup ## Run the tests that need neither notebooks nor a browser
	$(PY) -m pytest -m "not slow and not browser"

lint: setup ## Ruff over the package and the tests
	$(VENV)/bin/ruff check workbench tests bench
	$(VENV)/bin/ruff format --check workbench tests bench

format: setup ## Let ruff fix imports and formatting
	$(VENV)/bin/ruff check --fix workbench tests
	$(VENV)/bin/ruff format workbench tests

bench: setup ## Run the benchmarks (about 10 min on 2 cores): bench/results/*.json and the table in bench/README.md
	$(PY) -m bench.run

briefing: setup ## Build the briefing from seeds/ into build/: briefing.html, briefing.slides.html, charts/, briefing.pptx, claims.csv|parquet
	$(VENV)/bin/workbench brief seeds --out build

clean: ## Remove build outputs and the ledger cache (never seeds/ or data/)
	rm -rf build .cache .pytest_cache
