# IGNY8: the only entry points. `make run` starts everything; `make test` runs every test.
# With IGNY8_DATABASE_URL unset, a project-local PostgreSQL is started in .data/postgres/.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
DOMAIN_CRATES := kernel db tenancy ai billing planning content integration automation
TEST_FEATURES := --features worker/test-jobs

export IGNY8_DATABASE_URL ?= $(shell scripts/db.sh url)

.PHONY: help run test check bench db db-stop build fmt toolchain

help:
	@echo "make run    start PostgreSQL (if needed), migrate, seed, build the web app, and run the API and worker"
	@echo "make test   run every test against real PostgreSQL, fuzz the API against its OpenAPI document, then the web app's checks and browser tests"
	@echo "make check  fmt, clippy -D warnings, dependency-direction and table-ownership checks, tests"
	@echo "make bench  benchmarks, each figure beside its limit: CSV import vs COPY, list read vs pgbench, job queue vs a bare SQL loop, the automation pipeline vs its rows in bare bulk SQL"
	@echo "make db     start the local PostgreSQL only;  make db-stop  stop it"

toolchain:
	@scripts/ensure-toolchain.sh

build: toolchain
	$(CARGO) build --workspace --bins

run: build
	@scripts/web.sh build || echo "make run: the web app was not built (see above); the API runs without it" >&2
	@scripts/run.sh

test: toolchain
	$(CARGO) test --workspace $(TEST_FEATURES)
	@scripts/fuzz-api.sh
	@scripts/web.sh test

check: toolchain
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets $(TEST_FEATURES) -- -D warnings
	@scripts/check-deps.sh $(DOMAIN_CRATES)
	@echo "table ownership: each table is queried only by its owner crate (exceptions: docs/ARCHITECTURE.md)"
	@$(CARGO) test -q -p test-support --test table_ownership \
		|| { echo "table ownership check failed: see the list above" >&2; exit 1; }
	$(CARGO) test --workspace $(TEST_FEATURES)

bench: toolchain
	$(CARGO) build --release -p api -p worker --bins --quiet
	@scripts/bench.sh
	@scripts/bench-list.sh
	@scripts/bench-queue.sh
	@scripts/bench-pipeline.sh

db:
	@scripts/db.sh start && scripts/db.sh status

db-stop:
	@scripts/db.sh stop

fmt:
	$(CARGO) fmt --all
