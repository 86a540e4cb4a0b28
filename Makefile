# Thin wrappers: every target creates the virtual environment it needs from the project's own files.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format bench

$(BIN)/observatoire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/observatoire
	$(BIN)/observatoire demo

PG_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test
PG_PROBE := import psycopg; psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3).close()

test: $(BIN)/observatoire lint
	$(BIN)/python -m pytest
	@# The web tests again on PostgreSQL, when the local server answers (CI has one).
	if $(BIN)/python -c '$(PG_PROBE)' 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/web -m "not browser"; \
	else echo "PostgreSQL ne répond pas sur 127.0.0.1:5432 : passe PostgreSQL des tests web sautée"; fi

lint: $(BIN)/observatoire
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/observatoire
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/observatoire
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done
