# Plano vedlys: the two set-up commands are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: install install-test run test fuzz bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python  ## the shared first step: a virtualenv with the app
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

run: install  ## migrate, load demo data into an empty database, serve on http://127.0.0.1:$(PORT)
	$(BIN)/python -m app migrate
	$(BIN)/python -m app demo
	$(BIN)/python -m app serve --port $(PORT)

test: install-test  ## the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest

fuzz: install-test  ## the property-based attack on every route and field kind, many fresh examples
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} FUZZ_RANDOM=1 $(BIN)/python -m pytest tests/web/test_fuzz_routes.py

bench: install-test  ## benchmarks; writes bench/RESULTS.md
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) *.egg-info
