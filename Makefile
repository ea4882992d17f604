# Two commands matter: `make serve` and `make test`. Each sets up what it needs on a
# fresh machine (virtual environment, npm packages, Debian's chromium) and then works.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

# Stamps let make skip set-up steps that are already done.
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DATA       := checker/data/referentiels.json

.PHONY: setup serve site test test-fast data wheel browser bench clean

setup: $(VENV_STAMP) $(NODE_STAMP) $(DATA)

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The referential reaches the checker as JSON (Pyodide has no PyYAML).
$(DATA): $(VENV_STAMP) $(wildcard referentiels/*.yaml referentiels/schema/*) build_scripts/compile_referentiels.py build_scripts/referentiel_loader.py
	$(BIN)/python build_scripts/compile_referentiels.py

data: $(DATA)

# Debian's chromium drives the browser tests (Playwright cannot download one here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The complete static site in site/ (pages generated from referentiels/, Pyodide, the checker's wheel).
site: setup
	$(BIN)/mkdocs build --strict

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: setup browser site
	$(BIN)/python -m pytest

# Checker and referential tests only: no browser, no built site.
test-fast: $(VENV_STAMP) $(DATA)
	$(BIN)/python -m pytest -m "not browser and not site"

bench: setup browser site
	$(BIN)/python build_scripts/bench_simulator.py

clean:
	rm -rf site dist build checker/data docs/generated .pytest_cache .hypothesis
