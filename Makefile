# Thin wrappers: every target creates the virtual environment it needs from the project's own files.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format bench lock

# The venv installs the pinned versions of requirements/dev.txt (the lock), then the project itself.
$(BIN)/observatoire: pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Refresh the lock after changing dependencies in pyproject.toml: `make lock`, then commit requirements/.
# runtime.txt is what a deployment installs; dev.txt (tests, lint, tools) pins the same versions and more.
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11
lock:
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv; }
	$(UV_COMPILE) -o requirements/runtime.txt
	$(UV_COMPILE) --extra dev -c requirements/runtime.txt -o requirements/dev.txt

demo: $(BIN)/observatoire
	$(BIN)/observatoire demo

PG_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test
PG_PROBE := import psycopg; psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3).close()

# axe-core, which the browser tests inject into the pages (package.json / package-lock.json, never a global
# install); without npm the accessibility audits are skipped, with the reason.
NODE_DEPS := node_modules/axe-core/axe.min.js
$(NODE_DEPS): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm absent : les audits axe-core des tests navigateur seront sautés (scripts/system-deps.sh installe npm)"; fi

# --dist worksteal: a worker that runs out of tests takes some from the other's queue, so that a few long
# tests at the end of one queue do not leave a core idle.
test: $(BIN)/observatoire lint $(NODE_DEPS)
	$(BIN)/python -m pytest -n auto --dist worksteal
	@# The web tests again on PostgreSQL, when the local server answers (CI has one).
	if $(BIN)/python -c '$(PG_PROBE)' 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n auto --dist worksteal tests/web -m "not browser"; \
	else echo "PostgreSQL ne répond pas sur 127.0.0.1:5432 : passe PostgreSQL des tests web sautée"; fi

lint: $(BIN)/observatoire
	$(BIN)/python scripts/check_lock.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	DATABASE_URL=sqlite:// DJANGO_SETTINGS_MODULE=observatoire.web.settings \
		$(BIN)/python -m django makemigrations --check --dry-run

format: $(BIN)/observatoire
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/observatoire
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done
