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

test: $(BIN)/observatoire lint
	$(BIN)/python -m pytest

lint: $(BIN)/observatoire
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/observatoire
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/observatoire
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done
