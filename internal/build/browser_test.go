package build

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// The browser tests load the generated pages in real headless Chromium.
// All of Chromium's traffic – loopback included – goes through a recording
// proxy, so the test sees every request the pages make and can assert that
// none leaves the local server.

// recordingProxy forwards requests for the site host and refuses and
// records everything else.
// browserService lists hosts that Chromium contacts on its own, whatever
// page it shows (component and model downloads); new Chromium versions add
// such services faster than switches turn them off. Only these exact hosts
// are set aside – a page asking for fonts.googleapis.com or any other
// server still fails the tests.
var browserService = map[string]bool{
	"update.googleapis.com":               true,
	"optimizationguide-pa.googleapis.com": true,
	"clientservices.googleapis.com":       true,
	"content-autofill.googleapis.com":     true,
	"safebrowsing.googleapis.com":         true,
	"redirector.gvt1.com":                 true,
	"edgedl.me.gvt1.com":                  true,
	"clients2.google.com":                 true,
	"accounts.google.com":                 true,
}

type recordingProxy struct {
	site    string // host:port of the local site server
	sink    string // host:port where Chromium's own account requests go
	forward http.Handler
	mu      sync.Mutex
	hosts   map[string]int
	browser map[string]int  // requests to browserService hosts, set aside
	paths   map[string]bool // paths requested from the site
}

// requested reports whether a path matching the regular expression was
// requested from the site (CSS and JS carry a checksum in their names).
func (p *recordingProxy) requested(pattern string) bool {
	re := regexp.MustCompile(pattern)
	p.mu.Lock()
	defer p.mu.Unlock()
	for path := range p.paths {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

func (p *recordingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if r.Method != http.MethodConnect && r.URL.Host != "" {
		host = r.URL.Host
	}
	p.mu.Lock()
	if browserService[strings.TrimSuffix(host, ":443")] {
		p.browser[host]++
	} else if host != p.sink {
		p.hosts[host]++
	}
	if host == p.site {
		p.paths[r.URL.Path] = true
	}
	p.mu.Unlock()
	if host == p.sink {
		http.NotFound(w, r)
		return
	}
	if host != p.site || r.Method == http.MethodConnect {
		http.Error(w, "tdsite-Test: kein Zugriff auf fremde Server", http.StatusForbidden)
		return
	}
	p.forward.ServeHTTP(w, r)
}

// listen serves h on a free loopback port until the test ends.
func listen(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// browse starts the site server and the proxy, loads url path in Chromium
// and returns the proxy's records and Chromium's console lines.
func browse(t *testing.T, dir string, extra map[string]string, page string) (*recordingProxy, []string) {
	t.Helper()
	mux := http.NewServeMux()
	for path, body := range extra {
		body := body
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		})
	}
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	siteAddr := listen(t, mux)
	target, _ := url.Parse("http://" + siteAddr)
	proxy := &recordingProxy{site: siteAddr, forward: httputil.NewSingleHostReverseProxy(target),
		hosts: map[string]int{}, browser: map[string]int{}, paths: map[string]bool{}}
	proxyAddr := listen(t, proxy)
	// Chromium itself asks Google for the signed-in accounts (ListAccounts)
	// and registers for push messages (GCM check-in) a few seconds after
	// startup, whatever page it shows; those endpoints are pointed at a
	// local sink so that every request left to see comes from the pages.
	proxy.sink = listen(t, http.NotFoundHandler())

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := testkit.Headless(ctx, t, "--disable-default-apps", "--disable-extensions",
		// Browser features that contact Google on their own, not because of a page:
		// network time, search engine preconnect, AI-mode eligibility, autofill
		// hints for forms, optimization hints and models.
		"--disable-features=OptimizationHints,OptimizationHintsFetching,OptimizationGuideModelDownloading,OptimizationTargetPrediction,NetworkTimeServiceQuerying,PreconnectToSearch,AimServerEligibilityEnabled,AimEnabled,AimEligibilityService,AutofillServerCommunication",
		"--gaia-url=http://"+proxy.sink+"/", "--gcm-checkin-url=http://"+proxy.sink+"/checkin",
		"--gcm-registration-url=http://"+proxy.sink+"/register",
		// On-demand component downloads (Chromium 156 asks for one at startup
		// even with --disable-component-update) go to the sink as well.
		"--component-updater=url-source=http://"+proxy.sink+"/service/update2/json",
		"--proxy-server=http://"+proxyAddr, "--proxy-bypass-list=<-loopback>",
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000",
		"--dump-dom", "http://"+siteAddr+page)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var console []string
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), ":CONSOLE") {
			console = append(console, sc.Text())
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return proxy, console
}

// Every generated page, loaded in Chromium: no request leaves the local
// server, and the Content-Security-Policy blocks nothing the pages need.
func TestBrowserNoExternalRequests(t *testing.T) {
	testkit.Chromium(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, repoRoot(t), dest)
	prep, _ := Prepare(repoRoot(t), testDate, nil)
	htmlPages := 0
	for _, p := range prep.Pages {
		if p.Raw == nil { // open data files are not pages to load
			htmlPages++
		}
	}
	var frames strings.Builder
	var want []string
	err := filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dest, p)
			path := "/" + filepath.ToSlash(rel)
			path = strings.TrimSuffix(path, "index.html")
			want = append(want, path)
			fmt.Fprintf(&frames, "<iframe src=\"%s\" width=\"1024\" height=\"400\"></iframe>\n", html.EscapeString(path))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < htmlPages {
		t.Fatalf("found %d pages, build made %d", len(want), htmlPages)
	}
	all := "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>alle Seiten</title></head><body>\n" + frames.String() + "</body></html>"
	proxy, console := browse(t, dest, map[string]string{"/__alle-seiten": all}, "/__alle-seiten")

	for host, n := range proxy.hosts {
		if host != proxy.site {
			t.Errorf("Chromium requested %s (%d times): generated pages must not contact other servers", host, n)
		}
	}
	var missing []string
	for _, p := range want {
		if !proxy.paths[p] {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d pages were not loaded through the proxy (the test would prove nothing): %v", len(missing), missing[:min(5, len(missing))])
	}
	for _, asset := range []string{`^/css/thueringendigital\.[0-9a-f]{8}\.css$`, `^/icons/symbole\.svg$`} {
		if !proxy.requested(asset) {
			t.Errorf("asset %s not requested; pages look different than expected", asset)
		}
	}
	for _, l := range console {
		if strings.Contains(l, "Content Security Policy") {
			t.Errorf("CSP blocks something the site needs: %s", l)
		}
	}
	t.Logf("%d pages loaded, %d requests to the site server %s; Chromium's own requests set aside: %v", len(want), proxy.hosts[proxy.site], proxy.site, proxy.browser)
}

// The Content-Security-Policy of the generated pages blocks what hostile or
// careless content could bring in: external images, scripts, styles,
// inline scripts and style attributes. The probe page uses the real <head>
// of the generated home page. Frames are not probed: Chromium opens a
// connection to a frame's server before it applies the CSP (a preconnect
// seen in its net log), so frames must never reach a page at all – the
// content checks reject <iframe> even where raw HTML is allowed.
func TestBrowserCSPBlocksThirdParties(t *testing.T) {
	testkit.Chromium(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, repoRoot(t), dest)
	home, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	head := regexp.MustCompile(`(?s)<head>.*?</head>`).Find(home)
	if head == nil || !strings.Contains(string(head), "Content-Security-Policy") {
		t.Fatalf("no CSP in the generated head: %s", head)
	}
	probe := "<!DOCTYPE html><html lang=\"de\">" + string(head) + `<body>
<img src="http://bilder.example/spion.png" alt="">
<img src="https://bilder.example/spion2.png" alt="">
<script src="https://cdn.example/bibliothek.js"></script>
<link rel="stylesheet" href="https://schriften.example/font.css">
<object data="https://plugin.example/x.swf"></object>
<script>fetch("https://api.example/zaehler"); new Image().src = "https://pixel.example/p.gif";</script>
<p style="background:url(https://hintergrund.example/b.png)">Text</p>
<p><a href="https://extern.example/">ein externer Link wird nicht geladen</a></p>
</body></html>`
	proxy, console := browse(t, dest, map[string]string{"/__probe": probe}, "/__probe")
	for host := range proxy.hosts {
		if host != proxy.site {
			t.Errorf("CSP let a request to %s through", host)
		}
	}
	blocked := 0
	for _, l := range console {
		if strings.Contains(l, "Content Security Policy") {
			blocked++
		}
	}
	if blocked < 5 {
		t.Errorf("expected Chromium to report CSP blocks, got %d:\n%s", blocked, strings.Join(console, "\n"))
	}
	if !proxy.requested(`^/css/thueringendigital\.[0-9a-f]{8}\.css$`) {
		t.Errorf("own stylesheet not loaded; CSP too strict?")
	}
	var hosts []string
	for h := range proxy.hosts {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	t.Logf("hosts: %v, CSP reports: %d", hosts, blocked)
}

// The harness itself: without the CSP, the proxy does see a page's request
// to another server (otherwise the tests above could not fail).
func TestBrowserHarnessSeesExternalRequests(t *testing.T) {
	testkit.Chromium(t)
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>ohne CSP</title></head>
<body><img src="http://bilder.example/spion.png" alt=""><img src="https://bilder2.example/spion.png" alt=""></body></html>`
	proxy, _ := browse(t, t.TempDir(), map[string]string{"/__ohne-csp": page}, "/__ohne-csp")
	for _, h := range []string{"bilder.example", "bilder2.example:443"} {
		if proxy.hosts[h] == 0 {
			t.Errorf("proxy did not see the request to %s: %v", h, proxy.hosts)
		}
	}
}
