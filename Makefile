# `make run` serves the demo on SQLite with in-process tasks; `make test` runs the suite on PostgreSQL + Redis.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite's database server; pytest-django creates test_secor_gw0, _gw1, … on it (one per process).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/secor
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The suite's shared cache, as production's Redis cache (sessions in front of their table): a database of its own
# for each of the suite's processes, this one and the next (tests/conftest.py).
TEST_CACHE_URL ?= redis://127.0.0.1:6379/10
# The suite runs in this many processes (pytest-xdist), each with its own test database: one per core.
TEST_WORKERS ?= 2

.PHONY: install run test lint format bench clean check-deploy backup restore fuzz soak
# `make bench` measures on a database of its own, loaded once with province-scale data (tools/bench).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/secor_bench
# Its own Redis database by default; a checkout measuring beside another gives its own Redis (port) here.
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/13

$(BIN)/activate: pyproject.toml build-constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PIP_CONSTRAINT=build-constraints.txt PIP_BUILD_CONSTRAINT=build-constraints.txt \
		$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/activate

install: $(BIN)/activate

# The demo: SQLite, tasks in-process, mail on the console, DEBUG on; links in emails point at this server;
# staff and auditors may type 000000 for their authenticator code.
DEMO := env -u DATABASE_URL -u CELERY_BROKER_URL -u REDIS_URL DEBUG=true SITE_URL=http://127.0.0.1:$(PORT) \
	MFA_TOTP_INSECURE_BYPASS_CODE=000000

run: install
	$(DEMO) $(BIN)/python manage.py migrate --noinput
	$(DEMO) $(BIN)/python manage.py load_demo > /dev/null
	@echo "The daily notice sweep, run once now (no Redis here, so it runs in this process; mail is printed):"
	$(DEMO) $(BIN)/python manage.py send_due_notices
	@echo "Demo logins:"
	@$(DEMO) $(BIN)/python manage.py demo_logins
	@echo "Serving SECOR on http://127.0.0.1:$(PORT)/ (sign in with a login above)"
	$(DEMO) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs with DEBUG off, as production does; its key signs nothing that outlives the run.
# axe-core, which the browser tests inject to check accessibility (npm; never served to users).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: install $(AXE)
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_REDIS_URL) CACHE_URL=$(TEST_CACHE_URL) \
		SECRET_KEY=tests-only-not-a-secret \
		$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Generated posts to every form and generated query parameters on every page, of every role
# (tests/security/test_fuzz_posts.py, test_fuzz_queries.py): 10,000 each here, 100 in `make test`. Requests
# generated from the API's schema (test_api_schema.py): 500 an operation here, 4 in `make test`.
FUZZ_EXAMPLES ?= 10000
API_FUZZ_EXAMPLES ?= 500
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_REDIS_URL) \
		CACHE_URL=$(TEST_CACHE_URL) SECRET_KEY=tests-only-not-a-secret \
		$(BIN)/pytest -s -m fuzz tests/security/test_fuzz_posts.py tests/security/test_fuzz_queries.py \
		tests/security/test_api_schema.py

bench: install
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'secor_bench'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres secor_bench
	DATABASE_URL=$(BENCH_DATABASE_URL) CACHE_URL=$(BENCH_CACHE_URL) SECRET_KEY=bench-only-not-a-secret \
		$(BIN)/python -m tools.bench.run $(BENCH_ARGS)

# 60 s at 50 requests/s, then PostgreSQL restarted, Redis stopped and the mail server refusing, on a stack of
# the soak's own (tools/soak): prints requests, errors and p50/p95/p99, and what each fault did.
soak: install
	$(BIN)/python -m tools.soak.run

# The database and every stored file, into a new folder under backups/ (BACKUP_DIR=… elsewhere); and back.
BACKUP_DIR ?= backups
backup: install
	$(BIN)/python manage.py backup --into $(BACKUP_DIR)

restore: install
	@test -n "$(FROM)" || { echo "Say which backup: make restore FROM=$(BACKUP_DIR)/secor-…"; exit 2; }
	$(BIN)/python manage.py restore $(FROM) --yes

# Django's deployment checks with the production environment of .env.example (CI runs it).
check-deploy: install
	./.ci/check-deploy

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var/secor.sqlite3 var/static
