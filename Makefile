# Developer shortcuts; CI runs .ci/run, which covers `check` and `integration`.
.PHONY: check test integration conformance fuzz run

run:
	go run ./cmd/folio serve

test:
	go test ./...

check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...
	CGO_ENABLED=0 go build -o /dev/null ./cmd/folio
	go test -race -count=1 ./...

# The store, web and API suites against the local PostgreSQL and MariaDB.
integration:
	FOLIO_TEST_POSTGRES_DSN=$${FOLIO_TEST_POSTGRES_DSN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable} \
	FOLIO_TEST_MYSQL_DSN=$${FOLIO_TEST_MYSQL_DSN:-mysql://root@127.0.0.1:3306/} \
	go test -count=1 ./...

# MediaWiki's parser tests (read from ../shared/conformance at test time).
conformance:
	go test -count=1 -v -run TestParserTests ./internal/wikitest/ | grep -E 'pass rate|passed'

# Each fuzz target for FUZZTIME (default 1m).
FUZZTIME ?= 1m
fuzz:
	go test -run '^$$' -fuzz FuzzTitle -fuzztime $(FUZZTIME) .
	go test -run '^$$' -fuzz FuzzMerge3 -fuzztime $(FUZZTIME) ./internal/diff/
	go test -run '^$$' -fuzz FuzzLines -fuzztime $(FUZZTIME) ./internal/diff/
	go test -run '^$$' -fuzz FuzzCheckDOT -fuzztime $(FUZZTIME) ./wikitext/ext/graphviz/
	go test -run '^$$' -fuzz FuzzSanitizeSVG -fuzztime $(FUZZTIME) ./wikitext/ext/graphviz/
	go test -run '^$$' -fuzz FuzzRender -fuzztime $(FUZZTIME) ./wikitext/ext/graphviz/
	go test -run '^$$' -fuzz FuzzWidget -fuzztime $(FUZZTIME) ./wikitext/ext/widgets/
