# The front door: `make run` serves the demo site, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links in e-mails and the API (config/settings/base.py) follow the port served.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL

.PHONY: backup topology-test run test lint format install install-dev system-deps assets migrate seed worker periodic check-deploy bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

system-deps:
	@scripts/system_deps.sh

assets:
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

install: system-deps $(PY) assets
	$(PIP) install --quiet -r requirements.txt

install-dev: $(PY) assets
	@WITH_BROWSER=1 scripts/system_deps.sh
	$(PIP) install --quiet -r requirements-dev.txt

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --site-port $(PORT)

## Install everything, migrate, seed the demo data and serve the site with a task
## worker and, every 5 minutes, the jobs production runs from cron.
run: seed
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Demo logins, password marketplace-demo: admin, vendor1, vendor2, buyer1, buyer2"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --queue-name '*' & \
	while sleep 300; do $(MAKE) --no-print-directory periodic >/dev/null; done & \
	$(PY) manage.py runserver $(HOST):$(PORT)

## What cron runs in production every few minutes.
periodic:
	@$(PY) manage.py orders_expire_unpaid
	@$(PY) manage.py orders_mark_delivered
	@$(PY) manage.py announcements_enqueue_due
	@$(PY) manage.py notifications_enqueue_due
	@$(PY) manage.py alerts_fire_due
	@$(PY) manage.py analytics_rollup

worker: install
	$(PY) manage.py db_worker --queue-name '*'

## Daily, from cron on one machine: database and media backups (README "Backups").
backup:
	$(PY) manage.py backup

## The many-machines recipe on loopback: MariaDB primary and replica, Redis, RQ,
## two gunicorn processes behind a balancer; runs the "topology" tests, tears down.
topology-test:
	scripts/topology.sh test

## Install what the tests need and run the whole suite (DATABASE_URL picks the database),
## on every core (pytest-xdist; PYTEST_WORKERS=0 runs it in this one process).
PYTEST_WORKERS ?= auto
test: install-dev
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## Load-test the public paths with production settings on MariaDB, gunicorn and a
## generated catalog (BENCH_PRODUCTS, default 10000); see scripts/bench.py.
bench: install
	$(PY) scripts/bench.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=shop.example.com DJANGO_SETTINGS_MODULE=config.settings.production \
	$(PY) manage.py check --deploy --fail-level WARNING
	@# A release's collectstatic with the production (manifest) storage: it refuses a
	@# file that references a missing one, which would otherwise be a 500 on every page.
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	ALLOWED_HOSTS=shop.example.com \
	DJANGO_SETTINGS_MODULE=config.settings.production STATIC_ROOT="$$tmp" \
	$(PY) manage.py collectstatic --noinput --verbosity 0
