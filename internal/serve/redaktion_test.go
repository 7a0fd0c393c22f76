package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/testkit"
)

// The editorial area writes files; a published site must not contain it,
// nor the preview's links to it.
func TestBuildHasNoRedaktion(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: testkit.Root(), Dest: dest, BuildDate: testkit.Date}); err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	if _, err := os.Stat(filepath.Join(dest, "redaktion")); err == nil {
		t.Error("build wrote /redaktion/")
	}
	filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "/redaktion/") || strings.Contains(string(data), "Diese Seite bearbeiten") {
			t.Errorf("%s links to the editorial area", p)
		}
		return nil
	})
}

// A status reported in the form reaches the preview like a save in an
// editor: the page reloads and shows it.
func TestRedaktionSavesAndPreviewReloads(t *testing.T) {
	pv := start(t, testkit.Bundled(t))
	_, page := pv.get("/massnahmen/bsp-02/")
	if !strings.Contains(page, `href="/redaktion/seite?pfad=%2Fmassnahmen%2Fbsp-02%2F"`) {
		t.Fatal("no edit link on the measure page")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(pv.base + "/redaktion/seite?pfad=/massnahmen/bsp-02/") // follows to the status form
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Request.URL.Path != "/redaktion/status" {
		t.Fatalf("edit link leads to %s", resp.Request.URL)
	}
	v := url.Values{"strategie": {"beispiel-kommunen"}, "massnahme": {"BSP-02"}, "datum": {"20.11.2026"}, "status": {"umgesetzt"},
		"quelle": {"Abschlussbericht (Test)"}, "sicherheit": {"belegt"}}
	for _, k := range []string{"csrf", "version"} {
		m := regexp.MustCompile(`name="` + k + `" value="([0-9a-f]+)"`).FindSubmatch(form)
		if m == nil {
			t.Fatalf("form has no %s", k)
		}
		v.Set(k, string(m[1]))
	}
	for _, ms := range []string{"ms0", "ms1", "ms2", "ms3"} {
		v.Set(ms, "erreicht")
	}
	v.Set("ms4", "offen")
	req, _ := http.NewRequest("POST", pv.base+"/redaktion/status", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", pv.base)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Gespeichert") {
		t.Fatalf("status %d:\n%s", resp.StatusCode, body)
	}
	pv.expect("reload")
	if _, page := pv.get("/massnahmen/bsp-02/"); !strings.Contains(page, "Abschlussbericht (Test)") {
		t.Error("the preview does not show the reported status")
	}
	// Another site's page cannot post, even with a valid token.
	req, _ = http.NewRequest("POST", pv.base+"/redaktion/status", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://angreifer.example")
	if resp, err = c.Do(req); err != nil || resp.StatusCode != 403 {
		t.Errorf("foreign origin: %v %v", resp.StatusCode, err)
	}
}
