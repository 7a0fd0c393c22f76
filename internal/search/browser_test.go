package search_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/testkit"
)

// chromium runs the real browser on a page and returns the DOM after its
// scripts ran.
func chromium(t *testing.T, url string) string {
	t.Helper()
	cmd := testkit.Headless(context.Background(), t, "--virtual-time-budget=10000", "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// TestSearchInTheBrowser loads the search page with a query in real
// Chromium and reads the results the script wrote.
func TestSearchInTheBrowser(t *testing.T) {
	testkit.Chromium(t)
	root := testkit.Root()
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Run(context.Background(), build.Options{Source: root, Dest: dest, BuildDate: testkit.Date}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()

	dom := chromium(t, srv.URL+"/suche/?q=Breitbandausbau")
	status := regexp.MustCompile(`<p id="suche-status"[^>]*>([^<]*)</p>`).FindStringSubmatch(dom)
	if status == nil || !regexp.MustCompile(`^\d+ Treffer für „Breitbandausbau“\.$`).MatchString(status[1]) {
		t.Fatalf("status region: %v", status)
	}
	list := regexp.MustCompile(`(?s)<ol id="suche-treffer"[^>]*>(.*?)</ol>`).FindStringSubmatch(dom)
	if list == nil || strings.Contains(list[0], "hidden") {
		t.Fatal("result list missing or hidden")
	}
	first := regexp.MustCompile(`<li><span class="treffer-typ">([^<]+)</span> <a href="([^"]+)">([^<]+)</a>`).FindStringSubmatch(list[1])
	if first == nil || !strings.Contains(first[3], "Breitbandausbau") {
		t.Errorf("first result: %v", first)
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(strings.SplitN(first[2], "#", 2)[0]), "index.html")); err != nil {
		t.Errorf("first result links %s, which does not exist", first[2])
	}

	// Umlauts typed as ue find ü, IDs are found.
	dom = chromium(t, srv.URL+"/suche/?q=kompass%20thueringen%20m1-01")
	if !strings.Contains(dom, `href="/massnahmen/m1-01/"`) {
		t.Error("query „kompass thueringen m1-01“ does not find measure M1-01")
	}
	dom = chromium(t, srv.URL+"/suche/?q=xqzzyv")
	if !strings.Contains(dom, "Keine Treffer für „xqzzyv“") {
		t.Error("no German message for a query without results")
	}
}
