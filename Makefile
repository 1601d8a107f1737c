# Clause Commons: `make run` serves the embedded default; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export COMMONS_DATA_DIR ?= ./data
export COMMONS_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test install install-test lexicon lint typecheck pytest postgres browser-deps audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e .
	$(BIN)/commons i18n compile
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's FreeDict dictionaries between the index languages, folded by `commons lexicon build`
# into data/lexicon.sqlite3 (never committed: GPL and CC-BY-SA data, see the README) so that a
# query also finds clauses in other languages. Where they cannot be installed (no apt, no root)
# the service runs without translation and /health/ready says so.
FREEDICT := deu-eng deu-fra deu-ita deu-nld deu-por deu-spa deu-swe eng-deu eng-fra eng-ita \
  eng-jpn eng-nld eng-por eng-spa eng-swe fra-deu fra-eng fra-ita fra-jpn fra-nld fra-por \
  fra-spa fra-swe ita-deu ita-eng ita-jpn ita-por ita-spa ita-swe jpn-deu jpn-eng jpn-fra \
  nld-deu nld-eng nld-fra nld-ita nld-por nld-spa nld-swe por-deu por-eng por-fra por-spa \
  spa-deu spa-eng spa-por swe-deu swe-eng swe-fra swe-ita swe-jpn swe-nld swe-por swe-spa

# Apertium's pairs between the index languages (cg3 runs ita-spa's constraint grammar, which
# Debian's package does not pull in): their lemmas join the lexicon's translations.
APERTIUM := apertium-eng-spa apertium-fr-es apertium-es-pt apertium-spa-ita cg3

lexicon: install
	@missing=""; for pair in $(FREEDICT); do \
	  test -f /usr/share/dictd/freedict-$$pair.index || missing="$$missing dict-freedict-$$pair"; \
	done; \
	for package in $(APERTIUM); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || \
	    missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  { apt-get update -qq && apt-get install -y -qq $$missing; } >/dev/null || \
	  echo "FreeDict dictionaries or Apertium pairs not installed: search translates less or not at all"; \
	fi
	$(BIN)/commons lexicon build

run: install lexicon
	$(BIN)/commons migrate
	$(BIN)/commons seed
	COMMONS_PORT=$(PORT) $(BIN)/commons serve

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy app tests bench

# The browser tests drive Debian's Chromium (never a downloaded browser) and inject axe-core,
# installed from the npm registry into a git-ignored folder.
browser-deps:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }
	@test -f .cache/npm/node_modules/axe-core/axe.min.js || \
	  npm install --prefix .cache/npm --no-save --no-audit --no-fund axe-core@4

# One worker process per core (pytest-xdist), each module's tests kept on one worker so that its
# fixtures (a served site, a browser) are built once; each worker owns its PostgreSQL schemas.
pytest: install-test lexicon postgres browser-deps
	$(BIN)/pytest -n auto --dist loadfile

test: lint typecheck pytest

# Known vulnerabilities in the pinned dependencies (requirements.lock). pip-audit lives in a venv
# of its own so that its dependencies stay out of the lock; --strict fails on any package it could
# not check, instead of passing it unchecked. It needs PyPI's JSON API (pypi.org/pypi/<name>/
# <version>/json); where that is unreachable it fails, and it is not part of `make test`.
AUDIT := .cache/pip-audit
$(AUDIT)/bin/pip-audit:
	$(PYTHON) -m venv $(AUDIT)
	$(AUDIT)/bin/pip install -q pip-audit==2.10.1

audit: $(AUDIT)/bin/pip-audit
	$(AUDIT)/bin/pip-audit -r requirements.lock --strict --no-deps --disable-pip --progress-spinner off

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
