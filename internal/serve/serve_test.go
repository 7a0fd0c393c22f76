package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tdsite/internal/build"
	"tdsite/internal/testkit"
)

// wait is how long a test waits for an event. Generous: CI runs on two
// busy cores; the speed is measured in benchmarks, not here.
const wait = 30 * time.Second

// preview is a running server on a copy of the bundled site.
type preview struct {
	t      testing.TB
	root   string
	base   string // http://127.0.0.1:port
	srv    *Server
	events chan string
	data   atomic.Pointer[string] // data of the latest event
	log    *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the preview on root and connects one event stream.
func start(t testing.TB, root string) *preview { t.Helper(); return startViewing(t, root, "") }

// startViewing is start with an event stream that says it shows page, as
// live.js does.
func startViewing(t testing.TB, root, page string) *preview {
	t.Helper()
	pv := &preview{t: t, root: root, events: make(chan string, 64), log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	started := make(chan *Server, 1)
	go func() {
		done <- run(ctx, Options{Root: root, Addr: net.JoinHostPort(DefaultBind, "0"), Log: pv.log, Date: testkit.Date,
			Ready: func(a string) { ready <- a }}, started)
	}()
	select {
	case a := <-ready:
		pv.base = "http://" + a
	case err := <-done:
		t.Fatalf("preview did not start: %v", err)
	case <-time.After(10 * wait): // the first build of a large site
		t.Fatal("preview did not start in time")
	}
	pv.srv = <-started
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("preview ended with %v", err)
		}
	})
	resp, err := http.Get(pv.base + eventsPath + "?seite=" + url.QueryEscape(page))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				name = ev
			}
			// The data line follows the event line: deliver the event with it.
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				pv.data.Store(&data)
				pv.events <- name
			}
		}
	}()
	deadline := time.Now().Add(wait)
	for pv.srv.hub.clientCount() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("event stream not connected")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return pv
}

// expect waits for the next event and fails unless it is want. The early
// "seiten" event (pages that name the edited file) is skipped unless wanted.
func (pv *preview) expect(want string) {
	pv.t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev := <-pv.events:
			if ev == "seiten" && want != "seiten" {
				continue
			}
			if ev != want {
				pv.t.Fatalf("event %q, want %q; terminal:\n%s", ev, want, pv.log.String())
			}
			return
		case <-timeout:
			pv.t.Fatalf("no %q event; terminal:\n%s", want, pv.log.String())
		}
	}
}

func (pv *preview) get(path string) (int, string) {
	pv.t.Helper()
	resp, err := http.Get(pv.base + path)
	if err != nil {
		pv.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (pv *preview) write(rel, text string) {
	pv.t.Helper()
	p := filepath.Join(pv.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		pv.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		pv.t.Fatal(err)
	}
}

func (pv *preview) read(rel string) string {
	pv.t.Helper()
	data, err := os.ReadFile(filepath.Join(pv.root, filepath.FromSlash(rel)))
	if err != nil {
		pv.t.Fatal(err)
	}
	return string(data)
}

const massnahme = "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md"

func retitle(t testing.TB, text, title string) string {
	t.Helper()
	i := strings.Index(text, "\ntitel = ")
	if i < 0 {
		t.Fatal("no titel line")
	}
	j := strings.IndexByte(text[i+1:], '\n') + i + 1
	return text[:i] + "\ntitel = \"" + title + "\"" + text[j:]
}

func TestEditReloadsPage(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	code, page := pv.get("/massnahmen/bsp-01/")
	if code != 200 || !strings.Contains(page, `src="/__tdsite/live.js"`) {
		t.Fatalf("status %d, live script missing:\n%.300s", code, page)
	}
	pv.write(massnahme, retitle(t, pv.read(massnahme), "Lotsen für jede Gemeinde"))
	pv.expect("seiten") // first the pages that name the file …
	if d := *pv.data.Load(); !strings.Contains(" "+d+" ", " /massnahmen/bsp-01/ ") || strings.Contains(d, "/agenda/") {
		t.Errorf("early event lists %q", d)
	}
	pv.expect("reload") // … then the site-wide pages
	if _, page = pv.get("/massnahmen/bsp-01/"); !strings.Contains(page, "Lotsen für jede Gemeinde") {
		t.Errorf("edited title not served")
	}
	// The strategy's landing page lists the measure too.
	if _, page = pv.get("/strategien/beispiel-kommunen/"); !strings.Contains(page, "Lotsen für jede Gemeinde") {
		t.Errorf("landing page not re-rendered")
	}
	if !strings.Contains(pv.log.String(), "Geändert: "+massnahme) {
		t.Errorf("terminal does not name the file:\n%s", pv.log.String())
	}
	// The measure's page was rendered from its strategy alone, ahead of
	// the whole site; the terminal says when it was ready.
	if !strings.Contains(pv.log.String(), "(erste Seite nach ") {
		t.Errorf("terminal does not tell when the first page was ready:\n%s", pv.log.String())
	}
}

// Vim, many IDEs and sed -i save by writing a temporary file and renaming
// it over the original.
func TestRenameOverSave(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	tmp := filepath.Join(pv.root, filepath.FromSlash(massnahme)+".tmp~")
	if err := os.WriteFile(tmp, []byte(retitle(t, pv.read(massnahme), "Umbenannt gespeichert")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(pv.root, filepath.FromSlash(massnahme))); err != nil {
		t.Fatal(err)
	}
	pv.expect("reload")
	if _, page := pv.get("/massnahmen/bsp-01/"); !strings.Contains(page, "Umbenannt gespeichert") {
		t.Errorf("rename-over save not picked up")
	}
}

func TestCreateRenameDeleteNews(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	dir := "content/strategien/beispiel-kommunen/meldungen/"
	pv.write(dir+"2026-11-20-vorschau-test.md", "+++\ntitel = \"Vorschau im Test\"\ndatum = \"20.11.2026\"\nzusammenfassung = \"Eine Meldung aus dem Test.\"\n+++\nText der Meldung.\n")
	pv.expect("reload")
	code, page := pv.get("/strategien/beispiel-kommunen/meldungen/2026-11-20-vorschau-test/")
	if code != 200 || !strings.Contains(page, "Vorschau im Test") {
		t.Fatalf("new news page: status %d", code)
	}
	if _, list := pv.get("/meldungen/"); !strings.Contains(list, "Vorschau im Test") {
		t.Errorf("news list not updated")
	}
	if err := os.Rename(filepath.Join(pv.root, dir+"2026-11-20-vorschau-test.md"), filepath.Join(pv.root, dir+"2026-11-21-umbenannt.md")); err != nil {
		t.Fatal(err)
	}
	pv.expect("reload")
	if code, _ := pv.get("/strategien/beispiel-kommunen/meldungen/2026-11-20-vorschau-test/"); code != 404 {
		t.Errorf("old address after rename: status %d, want 404", code)
	}
	if code, _ := pv.get("/strategien/beispiel-kommunen/meldungen/2026-11-21-umbenannt/"); code != 200 {
		t.Errorf("new address after rename: status %d", code)
	}
	if err := os.Remove(filepath.Join(pv.root, dir+"2026-11-21-umbenannt.md")); err != nil {
		t.Fatal(err)
	}
	pv.expect("reload")
	if code, _ := pv.get("/strategien/beispiel-kommunen/meldungen/2026-11-21-umbenannt/"); code != 404 {
		t.Errorf("deleted news still served: status %d", code)
	}
	if _, list := pv.get("/meldungen/"); strings.Contains(list, "Vorschau im Test") {
		t.Errorf("deleted news still listed")
	}
}

// A directory moved out and back in (or created with files, as `tdsite
// new` does) is watched again and its files are read.
func TestDirectoryMovedOutAndIn(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	news := filepath.Join(pv.root, "content/strategien/beispiel-kommunen/meldungen")
	away := filepath.Join(t.TempDir(), "meldungen")
	page := "/strategien/beispiel-kommunen/meldungen/2025-07-15-erste-messung/"
	if err := os.Rename(news, away); err != nil {
		t.Fatal(err)
	}
	pv.expect("reload")
	if code, _ := pv.get(page); code != 404 {
		t.Errorf("news of a removed directory still served: %d", code)
	}
	if err := os.Rename(away, news); err != nil {
		t.Fatal(err)
	}
	pv.expect("reload")
	if code, _ := pv.get(page); code != 200 {
		t.Errorf("news of a directory moved back not served: %d", code)
	}
	// The directory that came back is watched itself.
	pv.write("content/strategien/beispiel-kommunen/meldungen/2026-11-22-danach.md",
		"+++\ntitel = \"Danach\"\ndatum = \"22.11.2026\"\n+++\nText.\n")
	pv.expect("reload")
	if code, _ := pv.get("/strategien/beispiel-kommunen/meldungen/2026-11-22-danach/"); code != 200 {
		t.Errorf("file in the returned directory not built: %d", code)
	}
}

func TestInvalidEditKeepsLastGoodSite(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	good := pv.read(massnahme)
	pv.write(massnahme, strings.Replace(good, "\ntitel = ", "\ntitel = [\n", 1))
	pv.expect("fehler")
	code, page := pv.get("/massnahmen/bsp-01/")
	if code != 200 || !strings.Contains(page, "Schulungsprogramm") {
		t.Fatalf("last good page not served: status %d", code)
	}
	if !strings.Contains(page, `id="tdsite-fehler"`) || !strings.Contains(page, `role="alert"`) ||
		!strings.Contains(page, "<code>"+massnahme+":") || !strings.Contains(page, "Hinweis:") {
		t.Fatalf("error panel with file:line and hint missing:\n%s", page[:min(len(page), 3000)])
	}
	if !strings.Contains(pv.log.String(), massnahme+":") || !strings.Contains(pv.log.String(), "letzten fehlerfreien Stand") {
		t.Errorf("terminal does not show the finding:\n%s", pv.log.String())
	}
	pv.write(massnahme, good)
	pv.expect("reload")
	if _, page = pv.get("/massnahmen/bsp-01/"); strings.Contains(page, "tdsite-fehler") {
		t.Errorf("error panel stays after the fix")
	}
	if !strings.Contains(pv.log.String(), "Alle Fehler sind behoben") {
		t.Errorf("terminal does not report the fix:\n%s", pv.log.String())
	}
}

func TestCSSChangeSwapsStylesheet(t *testing.T) {
	pv := start(t, testkit.Bundled(t))
	css := "themes/thueringendigital/static/css/thueringendigital.css"
	pv.write(css, pv.read(css)+"\n.vorschau-probe { color: #123456; }\n")
	pv.expect("css")
	if _, sheet := pv.get("/css/thueringendigital.css"); !strings.Contains(sheet, "vorschau-probe") {
		t.Errorf("changed stylesheet not served under its stable name")
	}
}

// markHeading adds " (Vorlagenprobe)" to the heading of the measure
// template and returns the template's path.
func (pv *preview) markHeading() string {
	pv.t.Helper()
	tpl := "layouts/massnahme.html"
	text := pv.read(tpl)
	i := strings.Index(text, "</h1>")
	if i < 0 {
		pv.t.Fatal("no </h1> in " + tpl)
	}
	pv.write(tpl, text[:i]+" (Vorlagenprobe)"+text[i:])
	return tpl
}

func TestTemplateEditRerendersUsers(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	tpl := pv.markHeading()
	pv.expect("reload")
	if _, page := pv.get("/massnahmen/bsp-01/"); !strings.Contains(page, "(Vorlagenprobe)") {
		t.Errorf("template change not rendered")
	}
	if !strings.Contains(pv.log.String(), "Geändert: "+tpl) {
		t.Errorf("terminal:\n%s", pv.log.String())
	}
	// Only measure pages use this template, not the whole site.
	var n int
	line := pv.log.String()[strings.Index(pv.log.String(), "Geändert: "+tpl):]
	fmt.Sscanf(line[strings.Index(line, "– ")+len("– "):], "%d", &n)
	if total := len(pv.srv.sess.Prepared().Pages); n == 0 || n >= total/2 {
		t.Errorf("template change re-rendered %d of %d pages:\n%s", n, total, line)
	}
}

// The server never serves files outside its directory, however the path
// is written.
func TestPathsOutsideTheSiteAreRefused(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	// A file beside the served directory that a traversal would reach.
	secret := filepath.Join(filepath.Dir(pv.srv.dir), "geheim.txt")
	os.WriteFile(secret, []byte("GEHEIM"), 0o644)
	defer os.Remove(secret)
	host := strings.TrimPrefix(pv.base, "http://")
	for _, target := range []string{
		"/../geheim.txt", "/../../../../etc/passwd", "/%2e%2e/geheim.txt", "/%2E%2E/%2e%2e/etc/passwd",
		"/..%2fgeheim.txt", "/css/..%2f..%2fgeheim.txt", "/..\\geheim.txt", "/%5c..%5cgeheim.txt", "/.%2e/geheim.txt",
		"/strategien/%00", "/./index.html",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			conn.Close()
			continue // the HTTP server itself refused the request line
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(body), "GEHEIM") || strings.Contains(string(body), "root:") {
			t.Errorf("%s: status %d, want 400", target, resp.StatusCode)
		}
	}
}

func TestBindsToLoopbackByDefault(t *testing.T) {
	pv := start(t, testkit.Bundled(t))
	if !strings.HasPrefix(pv.base, "http://127.0.0.1:") {
		t.Errorf("preview listens on %s", pv.base)
	}
}

// The live-reload script and the error panel exist only in the preview.
func TestBuildOutputHasNoPreviewCode(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Run(context.Background(), build.Options{Source: testkit.Root(), Dest: dest, BuildDate: testkit.Date}); err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	n := 0
	filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		n++
		if strings.Contains(string(data), "__tdsite") || strings.Contains(string(data), "tdsite-fehler") {
			t.Errorf("%s contains preview code", p)
		}
		return nil
	})
	if n < 100 {
		t.Fatalf("only %d files built", n)
	}
}

// A template change re-renders thousands of pages on a large site; the
// page open in the browser comes first and gets its own early event.
func TestViewedPageRenderedFirst(t *testing.T) {
	testkit.Slow(t)
	pv := startViewing(t, testkit.Bundled(t), "/massnahmen/bsp-02/")
	pv.markHeading()
	pv.expect("seiten")
	if d := *pv.data.Load(); d != "/massnahmen/bsp-02/" {
		t.Errorf("early event lists %q, want only the viewed page", d)
	}
	if _, page := pv.get("/massnahmen/bsp-02/"); !strings.Contains(page, "(Vorlagenprobe)") {
		t.Errorf("viewed page not rendered before the early event")
	}
	pv.expect("reload")
	if d := *pv.data.Load(); strings.Contains(" "+d+" ", " /massnahmen/bsp-02/ ") || !strings.Contains(d, "/massnahmen/bsp-01/") {
		t.Errorf("later event lists %q", d)
	}
}
