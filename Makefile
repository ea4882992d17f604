# Two commands matter: `make serve` and `make test`. Each sets up what it needs on a
# fresh machine (virtual environment, npm packages, Debian's chromium) and then works.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# Material prints its end-of-life banner on every build; the README says how the site would
# build under Zensical, its successor.
export NO_MKDOCS_2_WARNING := 1

# Stamps let make skip set-up steps that are already done.
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

# Tests run on every core (pytest-xdist); WORKERS=0 runs them in one process, to debug one.
# loadscope sends each module to one worker, so that what a module sets up once (the sweep of
# every page, a built copy of the site) is set up once. (loadgroup, finer, does not group under
# pytest 9.2: pytest-xdist issue 1386.) Each worker also boots one simulator page for all its
# tests (the `simulator` fixture).
WORKERS ?= auto
PYTEST  := $(BIN)/python -m pytest -n $(WORKERS) --dist loadscope

.PHONY: setup serve site generate test test-fast audit data browser java servers bench screenshots snapshots clean

# npm and pip at once (both mostly wait on files); the engine's compression starts in the
# background as soon as npm has installed Pyodide (build_scripts/precompress.py, --warm).
setup:
	@$(MAKE) -s -j2 $(NODE_STAMP) $(VENV_STAMP)
	@$(MAKE) -s data

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	$(PYTHON) -m build_scripts.precompress --warm node_modules/pyodide/pyodide.asm.wasm \
	  node_modules/pyodide/pyodide.asm.mjs >/dev/null 2>&1 &
	touch $@

# The referential reaches the checker as JSON (Pyodide has no PyYAML). Always run: the compile
# itself decides whether the JSON is up to date (it checks the YAML and writes only on change),
# so a broken referential stops every target here with its located error.
data: $(VENV_STAMP)
	$(BIN)/python -m build_scripts.compile_referentiels

# The site's sources in build/docs/ (mkdocs.yml's docs_dir): what MkDocs, or Zensical, renders.
generate: setup
	$(BIN)/python -m build_scripts.generate

# Debian's chromium drives the browser tests (Playwright cannot download one here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The complete static site in site/ (pages generated from referentiels/, Pyodide, the checker's
# wheel). The hook runs the generate step again, which finds nothing to change. The post-build
# step (_headers with the CSP, the service worker) reads what MkDocs wrote; a hook runs it too.
site: generate
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m build_scripts.postbuild

# The Nu HTML checker (make audit) runs on Java.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's Java runtime for the HTML checker…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's nginx (with its brotli_static module), Apache and Caddy: make audit starts each from
# the configurations of deploy/ on a local port (tests/browser/test_servers.py), never as a service.
# (Where the init system starts what is installed, outside a container, Debian's packages start
# their default sites on port 80, which the tests do not use; there, nginx and Apache compete for it.)
servers:
	@missing=""; \
	command -v nginx >/dev/null 2>&1 || missing="$$missing nginx"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	command -v apache2 >/dev/null 2>&1 || missing="$$missing apache2"; \
	command -v caddy >/dev/null 2>&1 || missing="$$missing caddy"; \
	[ -z "$$missing" ] || { echo "Installing Debian's$$missing for the servers' smoke test…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }

serve: generate
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Every test a change can break, on every core; the 25 slowest are listed at the end.
test: setup browser site
	$(PYTEST) -m "not audit" --durations=25

# Checker and referential tests only: no browser, no built site (but the npm packages: a test
# builds the simulator's scripts as served, minified by esbuild).
test-fast: $(VENV_STAMP) $(NODE_STAMP) data
	$(PYTEST) -m "not browser and not site and not audit"

# The release checks a change rarely breaks: Lighthouse on every page in both palettes, the Nu
# HTML checker on every page, a second build deployed over the first, the site served by nginx,
# Apache and Caddy from deploy/, and the property tests with the thorough profile (ten times the
# examples of make test).
audit: setup browser java servers site
	$(PYTEST) -m "audit or hypothesis" --hypothesis-profile=thorough --durations=25

# After a deliberate change of wording or verdicts: rewrite the snapshots, then read their diff.
snapshots: setup site
	$(BIN)/python -m pytest -p no:xdist tests/test_baseline.py --snapshot-update

bench: setup browser site
	$(BIN)/python -m build_scripts.bench_simulator
	$(BIN)/python -m build_scripts.bench_cohort
	$(BIN)/python -m build_scripts.bench_pages

# The README's pictures of a result, on a phone and on a desktop (docs/assets/images/).
screenshots: setup browser site
	$(BIN)/python -m build_scripts.screenshots
	CQP_PICTURES=readme $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_persona_walkthroughs.py

clean:
	rm -rf site dist checker/data .cache .pytest_cache .hypothesis
	find build -mindepth 1 ! -path build/docs ! -path build/docs/.gitkeep -delete 2>/dev/null || true
