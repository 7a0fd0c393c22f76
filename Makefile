# tdsite – Befehle für Entwicklung und CI.
#   make test    richtet alles ein und führt alle Tests aus (Unit, Integration, Browser)
#   make bench   misst Geschwindigkeit und Speicher
#   make build   erzeugt die Website in public/
#   make serve   Vorschau mit automatischem Neuladen

GO ?= go

.PHONY: test test-go lint build serve bench browser-deps fuzz-short

test: lint test-go fuzz-short

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt: bitte formatieren: $$unformatted"; exit 1; fi
	$(GO) vet ./...

test-go: browser-deps
	TDSITE_BROWSER=pflicht $(GO) test -count=1 ./...

# Chromium für die Browser-Tests (keine Anfragen an fremde Server, CSP).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

# Fuzzing, kurz und begrenzt: jedes Ziel FUZZTIME lang (Funde landen als
# Regressionstest in testdata/fuzz/ des Pakets). Länger: make fuzz-short FUZZTIME=5m
FUZZTIME ?= 10s
FUZZ_TARGETS = \
	./internal/content:FuzzParseFile \
	./internal/decode:FuzzParse \
	./internal/decode:FuzzSplitFrontMatter \
	./internal/decode:FuzzClean \
	./internal/datum:FuzzParse \
	./internal/render:FuzzZahl \
	./internal/markdown:FuzzMarkdown \
	./internal/linkcheck:FuzzLinks

fuzz-short:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "fuzz $$fn in $$pkg für $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

build:
	$(GO) run ./cmd/tdsite build

serve:
	$(GO) run ./cmd/tdsite serve

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
