# Make targets for developers and CI (.ci/run calls `make test`).
# `make help` lists them.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
# Per test binary; the whole suite takes a few minutes on 2 cores.
TEST_TIMEOUT ?= 10m
# Per fuzz target in `make fuzz`, and where to look for targets.
FUZZTIME ?= 10s
FUZZ_PKGS ?= ./...
# Runs a command with BADGED_TEST_POSTGRES_URL set, starting a throwaway
# PostgreSQL when none is reachable (scripts/ensure-postgres.sh).
WITH_POSTGRES := scripts/with-postgres.sh

.PHONY: help run build test vet race fuzz bench lint clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

run: ## serve on 127.0.0.1:8080 with the SQLite file under ./data/
	$(GO) run ./cmd/badged serve

build: ## build bin/badged, stamped with the git version
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/badged ./cmd/badged

test: vet ## vet, then every test on SQLite and PostgreSQL, summarised per database
	@# The patched json-gold is its own module: ./... does not reach its tests.
	$(GO) -C third_party/json-gold test -count=1 ./ld/
	@$(GO) build -o bin/testreport ./internal/testreport
	@$(WITH_POSTGRES) bash -o pipefail -c '$(GO) test -json -count=1 -timeout=$(TEST_TIMEOUT) ./... | bin/testreport'

vet: ## go vet every package
	$(GO) vet ./...

race: ## every test under the race detector
	$(WITH_POSTGRES) $(GO) test -race -count=1 -timeout=$(TEST_TIMEOUT) ./...

fuzz: ## each fuzz target in FUZZ_PKGS for FUZZTIME (default 10s)
	$(WITH_POSTGRES) scripts/fuzz.sh $(FUZZTIME) $(FUZZ_PKGS)

bench: ## every benchmark, with allocations
	$(WITH_POSTGRES) $(GO) test -run='^$$' -bench=. -benchmem -count=1 -timeout=$(TEST_TIMEOUT) ./...

lint: vet ## gofmt and go vet
	@unformatted=$$(gofmt -l .); \
	if [[ -n $$unformatted ]]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$unformatted"; exit 1; fi

clean: ## remove build output and cached test results (keeps ./data/)
	rm -rf bin/ coverage.out
	$(GO) clean -testcache
