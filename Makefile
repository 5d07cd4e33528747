# Weerbaar — two commands: `make run` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian's Python can load SQLite extensions (SpatiaLite); the pyenv one on PATH cannot.
SYSTEM_PYTHON ?= /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
WEERBAAR := $(VENV)/bin/weerbaar
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= weerbaar.settings.local
STAMP := var/.stamps
# what was loaded into a data folder is remembered in that folder: a new WEERBAAR_VAR_DIR gets its demo
DATA_STAMP := $(or $(WEERBAAR_VAR_DIR),var)/.stamps

.PHONY: help run serve setup install test test-spatialite test-postgis test-browser lint format typecheck \
        messages messages-compile lock clean

help:
	@echo "make run    set up everything that is missing, load the demo region, serve on http://$(HOST):$(PORT) (+ job worker)"
	@echo "make test   lint, type checks and the whole suite (SpatiaLite, PostGIS, browser)"
	@echo "make lint | typecheck | messages | lock | clean"

$(STAMP):
	@mkdir -p $(STAMP)

$(STAMP)/system-run: scripts/system-deps.sh | $(STAMP)
	@scripts/system-deps.sh run
	@touch $@

$(STAMP)/system-test: scripts/system-deps.sh | $(STAMP)
	@scripts/system-deps.sh test
	@touch $@

$(VENV)/.installed: requirements/lock.txt pyproject.toml $(STAMP)/system-run
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' \
	  || { echo "$(PY) cannot load SQLite extensions; recreate .venv with Debian's python3"; exit 1; }
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements/lock.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(VENV)/bin/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json $(STAMP)/system-run
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP)/messages: $(VENV)/.installed $(shell find src/weerbaar -name '*.po' 2>/dev/null)
	@cd src/weerbaar && ../../$(WEERBAAR) compilemessages -v0
	@touch $@

install: $(VENV)/.installed node_modules/.installed $(STAMP)/messages

$(DATA_STAMP)/demo: | install
	@mkdir -p $(DATA_STAMP)
	$(WEERBAAR) migrate -v0
	$(WEERBAAR) migrate --database audit -v0
	$(WEERBAAR) migrate --database jobs -v0
	$(WEERBAAR) load_privacy_register
	$(WEERBAAR) load_region
	$(WEERBAAR) load_demo_data
	@touch $@

setup: install
	@$(WEERBAAR) migrate -v0 && $(WEERBAAR) migrate --database audit -v0 && $(WEERBAAR) migrate --database jobs -v0
	@test -f $(DATA_STAMP)/demo || $(MAKE) --no-print-directory $(DATA_STAMP)/demo

run: export WEERBAAR_DEMO ?= 1
run: setup
	@$(WEERBAAR) collectstatic --noinput -v0
	@WEERBAAR_DEMO=$(WEERBAAR_DEMO) $(WEERBAAR) load_demo | sed 's/^/  /'
	@echo "Weerbaar on http://$(HOST):$(PORT)  (demo mode: WEERBAAR_DEMO=$(WEERBAAR_DEMO)), background jobs: weerbaar worker"
	WEERBAAR_DEMO=$(WEERBAAR_DEMO) WEERBAAR=$(WEERBAAR) scripts/with-worker.sh \
	  $(VENV)/bin/gunicorn weerbaar.wsgi -c python:weerbaar.gunicorn_conf \
	  --bind $(HOST):$(PORT)

# --- Quality -----------------------------------------------------------------------------------
lint: install
	$(VENV)/bin/ruff check src tests tools benchmarks
	$(VENV)/bin/ruff format --check src tests tools benchmarks
	$(VENV)/bin/djlint src/weerbaar --lint --quiet
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

typecheck: install
	$(VENV)/bin/mypy

messages: install
	cd src/weerbaar && ../../$(WEERBAAR) makemessages -l nl -l de -l en --no-obsolete --no-location -v0 \
	  --ignore 'node_modules/*'

# --- Tests -------------------------------------------------------------------------------------
# The PostGIS run leaves out what cannot differ by database: the role x URL access matrix (the
# authorisation decisions; every app's own tests run on both), the crawl of every page per role and language,
# and the static checks of the source.
POSTGIS_SKIP := --ignore=tests/test_access_matrix.py --ignore=tests/test_translations.py \
  --ignore=tests/test_import_contracts.py --ignore=tests/test_one_way_in.py --ignore=tests/test_new_capability.py \
  --ignore=tests/test_crawler.py --ignore=tests/test_templates.py

# Parallel workers (pytest-xdist), one test file per worker at a time: a file's module and
# session fixtures (the browser, the region) are set up once per worker. PYTEST_WORKERS=0 runs
# in one process.
PYTEST_WORKERS ?= 2
PYTEST := env DJANGO_SETTINGS_MODULE=weerbaar.settings.test $(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: install $(STAMP)/system-test lint typecheck
	$(PYTEST)
	scripts/with-postgis.sh $(PYTEST) -m "not browser" $(POSTGIS_SKIP)

test-spatialite: install
	$(PYTEST) -m "not browser"

test-browser: install $(STAMP)/system-test
	$(PYTEST) -m browser

test-postgis: install $(STAMP)/system-test
	scripts/with-postgis.sh $(PYTEST) -m "not browser" $(POSTGIS_SKIP)

lock:
	$(VENV)/bin/pip install -q -r requirements/base.in -r requirements/dev.in
	( echo "# Full pinned closure of requirements/base.in + dev.in (regenerate: make lock)."; \
	  $(VENV)/bin/pip freeze | grep -v -E '^(-e |weerbaar|#)' ) > requirements/lock.txt

clean:
	rm -rf $(VENV) node_modules var/.stamps

-include mk/*.mk
