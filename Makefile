# The two commands of the README, and a few helpers. Needs Python 3.11+ and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: demo test install catalogues node messages lint bench clean

# Compiled catalogues and node_modules are files with their sources as prerequisites, so that a
# second `make test` (CI runs two side by side) finds them up to date and rewrites nothing.
CATALOGUES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
COMPILED   := $(CATALOGUES:.po=.mo)

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/flask

install: $(BIN)/flask catalogues node

## The browser tests' JavaScript tools (axe-core, oidc-provider), exactly as package-lock.json pins them
node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent
	touch $@

## Compile the translations (app/translations/*/LC_MESSAGES/messages.po) into the .mo files gettext reads
catalogues: $(COMPILED)

app/translations/%/LC_MESSAGES/messages.mo: app/translations/%/LC_MESSAGES/messages.po $(BIN)/flask
	$(BIN)/pybabel -q compile -d app/translations -l $*

## Migrate an SQLite database in instance/, load the demo data and serve it at http://127.0.0.1:5000
demo: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app seed-demo
	$(BIN)/flask --app app run --host $(HOST) --port $(PORT)

## Run the whole test suite (SQLite; set TEST_DATABASE_URL for PostgreSQL)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Extract every marked message into messages.pot and merge it into each language's catalogue
messages: install
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
	  --no-location --sort-output -o app/translations/messages.pot .
	for lang in ar zh fr ru es; do \
	  if [ -f app/translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel -q update --no-fuzzy-matching -i app/translations/messages.pot -d app/translations -l $$lang; \
	  else $(BIN)/pybabel -q init -i app/translations/messages.pot -d app/translations -l $$lang; fi; \
	done

lint: install
	$(BIN)/ruff check app indicators reports tests migrations
	$(BIN)/mypy

bench: install
	$(BIN)/python -m tests.perf

clean:
	rm -rf $(VENV) instance *.egg-info node_modules
