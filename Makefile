# tdsite – Befehle für Entwicklung und CI.
#   make test    richtet alles ein und führt alle Tests aus (Unit, Integration, Browser)
#   make bench   misst Geschwindigkeit und Speicher
#   make build   erzeugt die Website in public/
#   make serve   Vorschau mit automatischem Neuladen

GO ?= go

.PHONY: test test-go test-setup lint build serve bench

test: lint test-setup test-go

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt: bitte formatieren: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Browser tests (strategy maps) run the real Chromium (Debian package), installed only if missing.
test-setup:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

test-go:
	$(GO) test -count=1 ./...

build:
	$(GO) run ./cmd/tdsite build

serve:
	$(GO) run ./cmd/tdsite serve

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
