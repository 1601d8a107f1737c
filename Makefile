# Clause Commons: `make run` serves the embedded default; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export COMMONS_DATA_DIR ?= ./data
export COMMONS_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test install install-test lint typecheck pytest postgres browser-deps audit clean

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

run: install
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

pytest: install-test postgres browser-deps
	$(BIN)/pytest

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
