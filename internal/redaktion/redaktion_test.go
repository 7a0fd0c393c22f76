package redaktion

import (
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"tdsite/internal/testkit"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "Golden-Dateien in testdata/ neu schreiben")

var heute = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// redakteurin is a browser session against the editorial area.
type redakteurin struct {
	t    *testing.T
	srv  *httptest.Server
	jar  http.CookieJar
	c    *http.Client
	root string
}

func starte(t *testing.T, git bool) *redakteurin {
	t.Helper()
	root := testkit.Bundled(t)
	return starteIn(t, root, git)
}

func starteIn(t *testing.T, root string, git bool) *redakteurin {
	h := New(root, git)
	h.Today = func() time.Time { return heute }
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	r := &redakteurin{t: t, srv: srv, root: root}
	r.c = &http.Client{Jar: &jar{}} // follows the redirect after a save, as browsers do
	return r
}

// jar keeps the session cookie (net/http/cookiejar would need a public suffix list).
type jar struct{ c []*http.Cookie }

func (j *jar) SetCookies(_ *url.URL, c []*http.Cookie) { j.c = append(j.c, c...) }
func (j *jar) Cookies(*url.URL) []*http.Cookie         { return j.c }

func (r *redakteurin) get(p string) (int, string) {
	r.t.Helper()
	resp, err := r.c.Get(r.srv.URL + p)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var reToken = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)
var reVersion = regexp.MustCompile(`name="version" value="([0-9a-f]*)"`)

// sende opens the form page, takes its token (and version) and posts v as
// the browser would.
func (r *redakteurin) sende(formPage, action string, v url.Values) (int, string) {
	r.t.Helper()
	_, page := r.get(formPage)
	m := reToken.FindStringSubmatch(page)
	if m == nil {
		r.t.Fatalf("%s: kein CSRF-Token:\n%s", formPage, page)
	}
	v.Set("csrf", m[1])
	if mv := reVersion.FindStringSubmatch(page); mv != nil && v.Get("version") == "" {
		v.Set("version", mv[1])
	}
	return r.post(action, v, r.srv.URL)
}

func (r *redakteurin) post(action string, v url.Values, origin string) (int, string) {
	r.t.Helper()
	req, _ := http.NewRequest("POST", r.srv.URL+action, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := r.c.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if p := testkit.HTMLProblems(b); len(p) > 0 {
		r.t.Errorf("%s: %v", action, p)
	}
	return resp.StatusCode, string(b)
}

func (r *redakteurin) lies(rel string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(rel)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// golden compares got with testdata/name; -update rewrites it (look at
// the diff before committing).
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(p, []byte(got), 0o644)
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s weicht ab:\n--- erwartet\n%s\n--- erhalten\n%s", name, want, got)
	}
}
