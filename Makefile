# Clause Commons: `make run` serves the embedded default; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export COMMONS_DATA_DIR ?= ./data
export COMMONS_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test install install-test lint typecheck pytest postgres browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/commons i18n compile
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
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

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
