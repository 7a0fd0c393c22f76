# tdsite – Befehle für Entwicklung und CI.
#   make test    richtet alles ein und führt alle Tests aus (Unit, Integration, Browser)
#   make bench   misst Geschwindigkeit und Speicher
#   make build   erzeugt die Website in public/
#   make serve   Vorschau mit automatischem Neuladen

GO ?= go

.PHONY: test test-go test-browser browser-setup lint build serve bench

test: lint test-go test-browser

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt: bitte formatieren: $$unformatted"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 ./...

build:
	$(GO) run ./cmd/tdsite build

serve:
	$(GO) run ./cmd/tdsite serve

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Browserprüfung (Barrierefreiheit): baut die mitgelieferte Website und prüft jede Seite in
# echtem Chromium mit axe-core, html-validate, Tastatur, 320 px, 200 % Text und Druckansicht.
# Vorher beweist der Selbsttest, dass die Prüfung eingebaute Fehler findet.
BROWSER_SITE ?= $(CURDIR)/tmp/browserpruefung/public

test-browser: browser-setup
	mkdir -p $(dir $(BROWSER_SITE))
	$(GO) run ./cmd/tdsite build --dest $(BROWSER_SITE)
	cd test/browser && node selbsttest.mjs
	cd test/browser && node pruefen.mjs --site $(BROWSER_SITE)

# Installiert nur, was fehlt: Chromium und Node.js aus Debian, npm-Pakete laut package-lock.json.
browser-setup:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }
	@command -v node >/dev/null && command -v npm >/dev/null || { apt-get update && apt-get install -y nodejs npm; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || \
		{ echo "Die Browserprüfung braucht Node.js 20 oder neuer; installiert ist $$(node --version)."; exit 1; }
	@cd test/browser && { test node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund --loglevel=error; }
