package agenda_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium returns the browser for print tests. `make test` installs it;
// TDSITE_BROWSER=pflicht turns a missing browser into a failure there.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("TDSITE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("TDSITE_BROWSER") == "pflicht" {
		t.Fatal("Chromium fehlt (apt-get install -y chromium)")
	}
	t.Skip("Chromium ist nicht installiert")
	return ""
}

var rePage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBerichtDrucken prints both progress reports with headless Chromium
// from a real HTTP server and checks that they come out as multi-page A4
// documents.
func TestBerichtDrucken(t *testing.T) {
	browser := chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(gebaut(t))))
	defer srv.Close()
	for _, jahr := range []string{"2025", "2026"} {
		out := filepath.Join(t.TempDir(), "bericht.pdf")
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
			"--user-data-dir="+t.TempDir(), "--no-pdf-header-footer", "--print-to-pdf="+out,
			srv.URL+"/agenda/fortschrittsbericht/"+jahr+"/")
		msg, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("Chromium: %v\n%s", err, msg)
		}
		pdf, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Fatalf("%s: kein PDF (%v)", jahr, err)
		}
		pages := len(rePage.FindAll(pdf, -1))
		if pages < 4 {
			t.Errorf("Bericht %s: %d Seiten, erwartet mindestens 4", jahr, pages)
		}
		if !strings.Contains(string(pdf), "841.9") {
			t.Errorf("Bericht %s: nicht im Format A4 gedruckt", jahr)
		}
		t.Logf("Bericht %s: %d Seiten A4, %d KB", jahr, pages, len(pdf)/1024)
	}
}
