# trustdocs — see README.md. Every target does its own set-up.
GO       ?= go
BIN      := bin/trustdocs
CONTENT  ?= content
OUT      ?= output
# Debian packages the tests read PDFs back with, and the browser the site is tested in.
TEST_DEBS := poppler-utils qpdf chromium
TEST_TOOLS := pdftotext pdfinfo pdffonts pdftoppm qpdf chromium
DOCS_DEBS  := poppler-utils
DOCS_TOOLS := pdftotext

.PHONY: all docs docs-check test check build deps docs-deps screenshots vet fmt-check fuzz bench clean

all: docs

$(BIN): FORCE
	$(GO) build -trimpath -o $(BIN) ./cmd/trustdocs

FORCE:

# Build the site and all documents from content/ into output/. In CI
# (CI=true) a second build follows and must be byte-identical (docs-check).
docs: docs-deps $(BIN)
	./$(BIN) build --content $(CONTENT) --out $(OUT)
ifeq ($(CI),true)
	@$(MAKE) --no-print-directory docs-check
endif

# Build $(CONTENT) again from a copy in another directory, under another time
# zone, locale and GOMAXPROCS, and compare every byte with $(OUT).
docs-check: $(BIN)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	cp -R $(CONTENT) "$$tmp/content" && bin="$$(pwd)/$(BIN)" && \
	(cd "$$tmp" && TZ=Pacific/Chatham LANG=C LC_ALL=C GOMAXPROCS=1 "$$bin" build --content content --out out >/dev/null) && \
	diff -r $(OUT) "$$tmp/out" && \
	echo "docs-check: a second build elsewhere (TZ=Pacific/Chatham, LC_ALL=C, GOMAXPROCS=1) is byte-identical to $(OUT)"

# Validate content/ and the examples.
check: $(BIN)
	./$(BIN) check --content $(CONTENT)
	@for d in examples/*/; do ./$(BIN) check --content $$d || exit 1; done

# All tests, with the tools they need installed first. Their temporary
# files are in memory where /dev/shm is (the tests copy and build trees by
# the hundred: on disk a fifth of their time) and the collector runs at
# GOGC=200 (the builds allocate much; memory is plenty). Beside the plain
# run (it leaves a core idle now and then) the tests of the code that runs
# on several goroutines run again under the race detector: by name, so
# that no other test matches by chance. TestParallelMatchesSequential
# builds content/ on 8 workers: the PDF queue, the release loading, the
# site's languages and the output writers side by side; the cache is
# shared by the workers; serve rebuilds while it serves; fonts and
# releases are loaded by several callers. 75–88 s on 2 cores.
RACE_PKGS := ./generator/build/... ./generator/pdfqueue ./generator/serve ./generator/pdf ./generator/model ./generator/release ./generator/output
RACE_RUN  := ^(TestParallelMatchesSequential|TestCacheGivesTheSameOutput|TestJobQueueOrder|TestJobQueueBudget|TestEditRebuilds|TestLoadFontsTwice|TestLoadWithMemo|TestWriteReplaces|TestLockExcludes)$$
test: deps vet fmt-check
	@tmp=$$(mktemp -d /dev/shm/trustdocs-test.XXXXXX 2>/dev/null || mktemp -d) && log=$$tmp/race.log && \
	trap 'rm -rf "$$tmp"' EXIT && export TMPDIR=$$tmp GOGC=$${GOGC:-200} && \
	echo "$(GO) test -race -count=1 -run '$(RACE_RUN)' $(RACE_PKGS) (beside the plain run; its output follows it)" && \
	{ $(GO) test -race -count=1 -run '$(RACE_RUN)' $(RACE_PKGS) > "$$log" 2>&1 & } && race=$$! && \
	echo "$(GO) test -count=1 ./..." && \
	{ $(GO) test -count=1 ./...; plain=$$?; } ; \
	wait $$race; raced=$$?; cat "$$log"; \
	if [ $$raced != 0 ]; then echo "make test: the tests under -race failed"; fi; \
	[ $$plain = 0 ] && [ $$raced = 0 ]

# The site's pages at 1280 and 390 px as PNG, for a person to look at
# (the browser test writes them; make test skips them).
screenshots: deps
	TRUSTDOCS_SCREENSHOTS=1 $(GO) test -count=1 -run '^TestBrowser$$/^screenshots$$' -v ./generator/site | grep -E 'screenshots in|FAIL|ok'

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l cmd generator); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# install-missing DEBS TOOLS: apt-get install DEBS if any of TOOLS is missing.
define install-missing
	@missing=""; for t in $(2); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing $(1) (missing:$$missing)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(1) >/dev/null; \
	fi
endef

# The Debian packages the tests need.
deps:
	$(call install-missing,$(TEST_DEBS),$(TEST_TOOLS))

# The build's leak check reads the PDFs with pdftotext.
docs-deps:
	$(call install-missing,$(DOCS_DEBS),$(DOCS_TOOLS))

# Each fuzz target for a short while (FUZZTIME=10m for a real session).
# Crashers land in the package's testdata/fuzz/ and stay as regression tests.
FUZZTIME ?= 15s
FUZZ_TARGETS := generator/load:FuzzLoad generator/pdf:FuzzRender generator/site:FuzzRenderBody \
	generator/diff:FuzzCompare generator/release:FuzzLoad generator/redline:FuzzRedline \
	generator/translate:FuzzParseXLIFF generator/translate:FuzzRenderScalar generator/plan:FuzzParse \
	generator/validate:FuzzCheckText generator/translate:FuzzImportTarget
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$fn (./$$pkg, $(FUZZTIME))"; \
		$(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s; \
	done

# Generated corpora of 15, 150 and 1,500 subsystems: wall time, pages, pages/s,
# files, peak memory, time per stage; wkhtmltopdf and hugo where installed.
# BENCH_SIZES="15 150" to choose; GOBENCH=1 also runs the Go benchmarks of
# the stages (go test -bench, for benchstat).
bench: docs-deps
	GO=$(GO) ./scripts/bench.sh
	@if [ -n "$(GOBENCH)" ]; then $(GO) test -run '^$$' -bench . -benchmem ./generator/...; fi

clean:
	rm -rf bin $(OUT)
