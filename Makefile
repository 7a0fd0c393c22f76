# tdsite – Befehle für Entwicklung und CI.
#   make test    richtet alles ein und führt alle Tests aus (Unit, Integration, Browser); das läuft in CI
#   make test-quick  schnelle Schleife beim Entwickeln: go test -short, ohne Browser und Fuzzing (< 1 min)
#   make bench   misst Geschwindigkeit und Speicher
#   make build   erzeugt die Website in public/
#   make serve   Vorschau mit automatischem Neuladen

GO ?= go

.PHONY: test test-quick test-go test-setup test-browser lint build serve bench bench-serve bench-vergleich fuzz-short

test: lint test-setup test-go fuzz-short test-browser

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt: bitte formatieren: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Installiert nur, was fehlt: Chromium und Node.js aus Debian, npm-Pakete laut package-lock.json.
test-setup:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	@command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || \
		{ echo "Die Browserprüfung braucht Node.js 20 oder neuer; installiert ist $$(node --version)."; exit 1; }
	@cd test/browser && { test node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund --loglevel=error; }

# TDSITE_BROWSER=pflicht: Tests, die Chromium brauchen (CSP, Druck als PDF),
# dürfen hier nicht übersprungen werden.
test-go: test-setup
	TDSITE_BROWSER=pflicht $(GO) test -count=1 ./...

# Ohne Chromium, große Builds und Kill-Tests (testing.Short); gedacht für jede
# Änderung zwischendurch. Vor dem Push: make test.
test-quick:
	$(GO) test -short ./...

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
	./internal/publish:FuzzMinifyFast \
	./internal/markdown:FuzzMarkdown \
	./internal/chart:FuzzIndikator \
	./internal/model:FuzzFortschritt \
	./internal/linkcheck:FuzzLinks

fuzz-short:
	FUZZTIME=$(FUZZTIME) GO=$(GO) test/fuzz.sh $(FUZZ_TARGETS)

# Browserprüfung (Barrierefreiheit): baut die mitgelieferte Website und prüft jede Seite in
# echtem Chromium mit axe-core, html-validate, Tastatur, 320 px, 200 % Text und Druckansicht.
# Vorher beweist der Selbsttest, dass die Prüfung eingebaute Fehler findet. Danach die
# Vorschau (tdsite serve) im Browser: Neuladen, CSS-Tausch, Fehlerhinweis.
BROWSER_SITE ?= $(CURDIR)/tmp/browserpruefung/public

test-browser: test-setup
	mkdir -p $(dir $(BROWSER_SITE))
	$(GO) build -o $(dir $(BROWSER_SITE))tdsite ./cmd/tdsite
	$(dir $(BROWSER_SITE))tdsite build --quiet --no-cache --dest $(BROWSER_SITE)
	cd test/browser && node selbsttest.mjs
	cd test/browser && node pruefen.mjs --site $(BROWSER_SITE)
	cd test/browser && node vorschau.mjs --tdsite $(dir $(BROWSER_SITE))tdsite --quelle $(CURDIR)
	cd test/browser && node redaktion.mjs --tdsite $(dir $(BROWSER_SITE))tdsite --quelle $(CURDIR)

build:
	$(GO) run ./cmd/tdsite build

serve:
	$(GO) run ./cmd/tdsite serve

bench:
	$(GO) test -run '^$$' -bench . -benchmem $$($(GO) list ./... | grep -v /internal/serve)
	$(MAKE) bench-serve
	$(MAKE) bench-vergleich

# tdsite gegen Hugo (Debian-Paket, wird bei Bedarf installiert; zwei Hugo-Korpora:
# Spiegel und idiomatisch) und gegen den Boden (nur goldmark und Schreiben): ganze
# Builds derselben Inhalte, Median aus RUNS Runden, dazu Ausgabe-MB, Build ohne
# Änderung und nach Änderung einer Datei (docs/leistung.md).
# Mehr Größen: make bench-vergleich NS="1000 10000 50000" RUNS=3
NS ?= 1000 10000
RUNS ?= 5
bench-vergleich:
	NS="$(NS)" RUNS="$(RUNS)" test/bench/vergleich.sh

# Vorschau: Zeit vom Speichern bis zum Neuladen (mitgelieferte Website und
# 5.000 Seiten), Speicher über 1.000 Änderungen.
bench-serve:
	$(GO) test -run '^$$' -bench '^BenchmarkEdit' -benchtime=20x -timeout 30m ./internal/serve/
	$(GO) test -run '^$$' -bench '^BenchmarkMemoryOverEdits' -benchtime=1x -timeout 30m ./internal/serve/
