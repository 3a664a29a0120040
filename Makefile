# trustdocs — see README.md. Every target does its own set-up.
GO       ?= go
BIN      := bin/trustdocs
CONTENT  ?= content
OUT      ?= output
# Debian packages the tests read PDFs back with, and the browser the site is tested in.
TEST_DEBS := poppler-utils qpdf chromium
TEST_TOOLS := pdftotext pdfinfo pdffonts pdftoppm qpdf chromium

.PHONY: all docs test check build deps vet fmt-check fuzz bench clean

all: docs

$(BIN): FORCE
	$(GO) build -trimpath -o $(BIN) ./cmd/trustdocs

FORCE:

# Build the site and all documents from content/ into output/.
docs: $(BIN)
	./$(BIN) build --content $(CONTENT) --out $(OUT)

# Validate content/ and the examples.
check: $(BIN)
	./$(BIN) check --content $(CONTENT)
	@for d in examples/*/; do ./$(BIN) check --content $$d || exit 1; done

# All tests, with the tools they need installed first.
test: deps vet fmt-check
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l cmd generator); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# Install the Debian packages the tests need, if any tool is missing.
deps:
	@missing=""; for t in $(TEST_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing $(TEST_DEBS) (missing:$$missing)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(TEST_DEBS) >/dev/null; \
	fi

# Each fuzz target for a short while (FUZZTIME=10m for a real session).
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./generator/load -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./generator/...

clean:
	rm -rf bin $(OUT)
