# The two commands of the README, and a few helpers. Needs Python 3.11+ and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: demo test install catalogues lint bench clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/flask

install: $(BIN)/flask catalogues

## Compile the translations (app/translations/*/LC_MESSAGES/messages.po) into the .mo files gettext reads
catalogues: $(BIN)/flask
	if ls app/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel compile -q -d app/translations; fi

## Migrate an SQLite database in instance/, load the demo data and serve it at http://127.0.0.1:5000
demo: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app seed-demo
	$(BIN)/flask --app app run --host $(HOST) --port $(PORT)

## Run the whole test suite (SQLite; set TEST_DATABASE_URL for PostgreSQL)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check app indicators reports tests migrations
	$(BIN)/mypy

bench: install
	$(BIN)/python -m tests.perf

clean:
	rm -rf $(VENV) instance *.egg-info
