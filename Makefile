# Two commands for a newcomer: `make run` and `make test`. Both build the virtualenv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite's second database. Trust auth as on these machines; override for yours.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run demo test lint format setup clean

# Running needs requirements.txt only; the tests add requirements-dev.txt on top.
$(BIN)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Groundwork needs Python 3.12 or newer; $(PYTHON) is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

$(BIN)/.installed: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

.PHONY: install test-postgres bench bench-profile
install: $(BIN)/.installed

# The load generator's own virtualenv: its packages never touch the app's lock files.
BENCH_BIN := .venv-bench/bin
$(BENCH_BIN)/.installed: bench/requirements.txt
	$(PYTHON) -m venv .venv-bench
	$(BENCH_BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r bench/requirements.txt
	@touch $@

# Realistic data, the real server, a budget per page (README, "Benchmark"). Not part of `make test`.
bench: $(BIN)/.installed $(BENCH_BIN)/.installed
	$(BENCH_BIN)/python bench/run.py $(BENCH_ARGS)

# One page under pyinstrument, on the database the last `make bench` left: PROFILE_ARGS="/sessions/ --as demo-athlete-001".
bench-profile: $(BIN)/.installed $(BENCH_BIN)/.installed
	$(BIN)/python bench/profile.py $(PROFILE_ARGS)

# The Docker image's entrypoint, so a laptop and a container prepare the database alike.
setup: $(BIN)/.runtime
	DJANGO_DEBUG=1 PYTHON=$(BIN)/python bin/entrypoint

# The web server and the background worker (reminder emails, printed to the console), together.
run: setup
	@echo "Groundwork is at http://$(HOST):$(PORT)/ with its worker (Ctrl-C stops both)."
	@echo "Want something to look at? Stop it and run 'make demo' for a few demo athletes and a coach."
	DJANGO_DEBUG=1 PYTHON=$(BIN)/python HOST=$(HOST) PORT=$(PORT) bin/run

demo: setup
	DJANGO_DEBUG=1 $(MANAGE) seed_demo --athletes 8 --days 120 --coaches 1 --if-empty
	@echo "Groundwork is at http://$(HOST):$(PORT)/ with its worker (Ctrl-C stops both); its sign-in page shows the demo logins."
	DJANGO_DEBUG=1 PYTHON=$(BIN)/python HOST=$(HOST) PORT=$(PORT) bin/run

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

# The same suite on PostgreSQL, the production database, in a test database of its own.
test-postgres: $(BIN)/.installed
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .venv-bench staticfiles bench/work
