package agenda_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

var rePage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestBerichtDrucken prints both progress reports with headless Chromium
// from a real HTTP server and checks that they come out as multi-page A4
// documents.
func TestBerichtDrucken(t *testing.T) {
	testkit.Chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(gebaut(t))))
	defer srv.Close()
	for _, jahr := range []string{"2025", "2026"} {
		out := filepath.Join(t.TempDir(), "bericht.pdf")
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := testkit.Headless(ctx, t, "--no-pdf-header-footer", "--print-to-pdf="+out,
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
