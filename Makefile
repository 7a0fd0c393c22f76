# tdsite – Befehle für Entwicklung und CI.
#   make test    richtet alles ein und führt alle Tests aus (Unit, Integration, Browser)
#   make bench   misst Geschwindigkeit und Speicher
#   make build   erzeugt die Website in public/
#   make serve   Vorschau mit automatischem Neuladen

GO ?= go

.PHONY: test test-go test-setup test-browser test-agenda-druck lint build serve bench

test: lint test-setup test-go test-agenda-druck test-browser

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

test-go:
	$(GO) test -count=1 ./...

# Der Fortschrittsbericht wird mit echtem Chromium als PDF gedruckt; ohne
# Browser wäre der Test übersprungen, hier muss er laufen.
test-agenda-druck: test-setup
	TDSITE_BROWSER=pflicht $(GO) test -count=1 -run 'TestBerichtDrucken' ./internal/agenda/

# Browserprüfung (Barrierefreiheit): baut die mitgelieferte Website und prüft jede Seite in
# echtem Chromium mit axe-core, html-validate, Tastatur, 320 px, 200 % Text und Druckansicht.
# Vorher beweist der Selbsttest, dass die Prüfung eingebaute Fehler findet.
BROWSER_SITE ?= $(CURDIR)/tmp/browserpruefung/public

test-browser: test-setup
	mkdir -p $(dir $(BROWSER_SITE))
	$(GO) run ./cmd/tdsite build --quiet --dest $(BROWSER_SITE)
	cd test/browser && node selbsttest.mjs
	cd test/browser && node pruefen.mjs --site $(BROWSER_SITE)

build:
	$(GO) run ./cmd/tdsite build

serve:
	$(GO) run ./cmd/tdsite serve

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
