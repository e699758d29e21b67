# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export FLASK_APP := wsgi.py

.PHONY: run test install install-dev migrate seed translations compile-translations clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "rbtasks needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Serve the demo: SQLite, demo data, the scheduler inline, http://127.0.0.1:5000
run: install
	RBTASKS_CONFIG=development $(BIN)/flask db upgrade
	RBTASKS_CONFIG=development $(BIN)/flask rb seed-demo --if-empty
	RBTASKS_CONFIG=development RBTASKS_SCHEDULER=inline $(BIN)/flask run --host 127.0.0.1 --port 5000

## The whole suite: SQLite always; PostgreSQL and MariaDB when they answer
test: install-dev
	$(BIN)/python -m pytest

## Re-extract the messages and merge them into the catalogues (new msgids arrive untranslated,
## changed ones fuzzy: translate them, then `make compile-translations`)
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2
translations: install-dev
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --project=rbtasks -o rbtasks/translations/messages.pot .
	$(BIN)/pybabel update -i rbtasks/translations/messages.pot -d rbtasks/translations --ignore-obsolete

## Compile the .po catalogues into the .mo files Flask-Babel reads (commit both)
compile-translations: install-dev
	$(BIN)/pybabel compile -d rbtasks/translations --statistics

clean:
	rm -rf $(VENV) .pytest_cache
