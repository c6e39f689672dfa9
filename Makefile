# openedx-course-archive: every command a newcomer, an operator or CI needs.
# `make dev` serves the demo host; `make test` runs every test that needs no external service.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := cd backend && ../$(PY) manage.py
PYTEST := $(BIN)/pytest
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv dev serve migrate seed test test-backend test-frontend test-mysql test-postgres \
        test-matrix test-eventbus test-celery test-faults test-tutor test-aspects e2e e2e-dashboard e2e-frontend-base bundle-size dist test-packaging quality lint format typecheck extract_translations compile_translations pii_check annotations_check frontend-install frontend-build clean \
        bench

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/constraints.txt
	@command -v mysql_config >/dev/null 2>&1 || command -v mariadb_config >/dev/null 2>&1 || \
		(echo "Installing the MariaDB client headers (mysqlclient needs them)..." && \
		 (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmariadb-dev pkg-config >/dev/null) \
		 || echo "Could not install libmariadb-dev; install it to run make test-mysql.")
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements/constraints.txt -e ".[test,quality]"
	touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the plugin with its test tools

migrate: $(STAMP)
	mkdir -p .demo
	$(MANAGE) migrate --noinput -v0

seed: migrate
	$(MANAGE) seed_demo

dev: $(STAMP) frontend-build seed ## Set everything up and serve the demo host on http://127.0.0.1:8000/
	@echo "Demo host: http://$(HOST):$(PORT)/  (learner / learner-password, staff / staff-password)"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: seed ## Serve the demo host without rebuilding the frontend
	$(MANAGE) runserver $(HOST):$(PORT)

test: test-backend test-frontend ## Every test that needs no external service (SQLite, frontend unit tests)

test-backend: $(STAMP) ## Backend tests on SQLite
	$(PYTEST) -q

test-mysql: $(STAMP) ## Backend tests on MariaDB/MySQL at 127.0.0.1:3306 (root, no password)
	COURSE_ARCHIVE_TEST_DB=mysql $(PYTEST) -q

test-postgres: $(STAMP) ## Backend tests on PostgreSQL at 127.0.0.1:5432 (trust)
	COURSE_ARCHIVE_TEST_DB=postgres $(PYTEST) -q

test-matrix: ## Backend suite under each supported platform's pins: master/Verawood (py3.12, MariaDB), Ulmo (py3.11, PostgreSQL)
	scripts/test-matrix.sh

test-tutor: ## Tutor plugin rendered with real Tutor, tutor-mfe and tutor-contrib-aspects (its own venv in tutor/.venv)
	tutor/run-tests.sh -q

test-aspects: ## xAPI statements through event-routing-backends (EVENT_ROUTING_BACKENDS_DIR=<checkout>; its own .venv-aspects)
	EVENT_ROUTING_BACKENDS_DIR="$(EVENT_ROUTING_BACKENDS_DIR)" scripts/test-aspects.sh

test-eventbus: $(STAMP) ## COURSE_CATALOG_INFO_CHANGED over the real Redis event bus (Redis 127.0.0.1:6379, MariaDB)
	COURSE_ARCHIVE_TEST_DB=mysql COURSE_ARCHIVE_EVENT_BUS_PREFIX=course-archive-test-$$$$ $(PYTEST) -q -m eventbus

test-celery: $(STAMP) ## Catalog events through a real Celery worker on the Redis broker (Redis 127.0.0.1:6379 db 6, MariaDB)
	COURSE_ARCHIVE_TEST_DB=mysql COURSE_ARCHIVE_TEST_DB_NAME=$${COURSE_ARCHIVE_TEST_DB_NAME:-course_archive_celery} \
	COURSE_ARCHIVE_CELERY_BROKER_URL=$${COURSE_ARCHIVE_CELERY_BROKER_URL:-redis://127.0.0.1:6379/6} \
	COURSE_ARCHIVE_CELERY_QUEUE=course-archive-test-$$$$ $(PYTEST) -q -m celery_worker

test-faults: $(STAMP) ## Redis and MariaDB of the tests' own killed mid-traffic and restarted, the bomb against a real worker
	$(PYTEST) -q -m faults

dist: $(STAMP) frontend-install ## Release artifacts in dist/ (plugin, Tutor plugin, npm tarball) with sha256 sums
	scripts/dist.sh

test-packaging: $(STAMP) frontend-install ## Install the built wheel in a fresh venv and the npm tarball in a scratch project
	scripts/test-packaging.sh

bench: $(STAMP) ## Benchmark the API under gunicorn + wrk on MariaDB; prints a table, JSON in bench-results/ (ARGS="--db sqlite --duration 5")
	cd backend && ../$(PY) -m bench $(ARGS)

# Translations as Open edX plugins keep them: the backend's catalogs under course_archive/locale (Django finds
# an installed app's own), the source in en, Arabic and Spanish shipped; openedx-translations can replace them.
TRANSLATED := ar es
extract_translations: $(STAMP) ## The backend's strings into course_archive/locale (en is the source; ar, es updated)
	cd backend/course_archive && DJANGO_SETTINGS_MODULE=demo_host.settings.test PYTHONPATH=.. ../../$(BIN)/django-admin \
		makemessages -l en $(addprefix -l ,$(TRANSLATED)) --ignore "migrations/*" --no-location --no-obsolete

compile_translations: $(STAMP) ## The catalogs compiled (.mo, committed); needs gettext's msgfmt (apt-get install gettext)
	cd backend/course_archive && ../../$(BIN)/django-admin compilemessages

quality: $(STAMP) ## ruff lint and format check, mypy, import-linter layers, module size, migrations check, PII annotations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) typecheck
	cd backend && ../$(BIN)/lint-imports --config ../.importlinter
	$(PY) scripts/check_module_size.py
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) pii_check
	$(MAKE) annotations_check

typecheck: $(STAMP) ## mypy on the course_archive package (settings in pyproject.toml)
	$(BIN)/mypy --config-file pyproject.toml

annotations_check: $(STAMP) ## Every setting and feature toggle carries its OEP-17 annotations (code-annotations)
	$(BIN)/code_annotations static_find_annotations --config_file annotations/settings.yml --no_report --lint
	$(BIN)/code_annotations static_find_annotations --config_file annotations/toggles.yml --no_report --lint

pii_check: $(STAMP) ## Every model has a PII annotation, and retirement is declared
	DJANGO_SETTINGS_MODULE=demo_host.settings.test PYTHONPATH=backend $(BIN)/code_annotations django_find_annotations \
		--config_file .pii_annotations.yml --lint --report --coverage --report_path pii_report

format: $(STAMP) ## Format the Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend-install: frontend/node_modules/.installed

frontend-build: frontend-install ## Build the widget (dist/) and the demo dashboard bundle (demo-dist/)
	cd frontend && npm run build && npm run build:demo

test-frontend: frontend-install ## Frontend unit tests (vitest)
	cd frontend && npm test

e2e: $(STAMP) frontend-build ## The demo dashboard in headless Chromium: archive, reload, unarchive, auto-archive, kill switch (installs chromium)
	scripts/e2e.sh

e2e-dashboard: $(STAMP) frontend-install ## The packed widget in the real learner dashboard in Chromium (LEARNER_DASHBOARD_DIR=<checkout>)
	LEARNER_DASHBOARD_DIR="$(LEARNER_DASHBOARD_DIR)" scripts/e2e-dashboard.sh

e2e-frontend-base: $(STAMP) frontend-install ## The App (./app) in a frontend-base site with the real learner dashboard 1.0.0, in Chromium (FRONTEND_BASE_DIR=<checkout>)
	FRONTEND_BASE_DIR="$(FRONTEND_BASE_DIR)" scripts/e2e-frontend-base.sh

bundle-size: frontend-install ## What the package adds to the dashboard's JavaScript, gzip (LEARNER_DASHBOARD_DIR=, FRONTEND_BASE_DIR=<checkout>)
	LEARNER_DASHBOARD_DIR="$(LEARNER_DASHBOARD_DIR)" FRONTEND_BASE_DIR="$(FRONTEND_BASE_DIR)" scripts/bundle-size.sh

clean: ## Remove the virtualenv, demo state and build output
	rm -rf $(VENV) .demo build dist pii_report frontend/node_modules frontend/dist frontend/demo-dist
