package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// A finding whose message carries ESC and CR (from a key written with TOML
// escapes) reaches the terminal log and the error panel escaped.
func TestFindingsEscapedInLogAndPanel(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	good := pv.read(massnahme)
	pv.write(massnahme, strings.Replace(good, "+++\n", "+++\n\"x\\u001b[2K\\rgefälscht\\u0007\" = 1\n", 1))
	pv.expect("fehler")
	_, page := pv.get("/massnahmen/bsp-01/")
	panel := page[strings.Index(page, `id="tdsite-fehler"`):]
	if strings.ContainsAny(panel, "\x1b\r\x07") || !strings.Contains(panel, `x\u001b[2K\rgefälscht\u0007`) {
		t.Errorf("error panel:\n%q", panel[:min(len(panel), 2000)])
	}
	log := pv.log.String()
	if strings.ContainsAny(log, "\x1b\r\x07") || !strings.Contains(log, `x\u001b[2K\rgefälscht\u0007`) {
		t.Errorf("terminal log:\n%q", log)
	}

	// A file name with control characters and a line break: the log line
	// that names the change and the panel show it escaped, on one line.
	pv.write(massnahme, good)
	pv.expect("reload")
	name := "content/strategien/beispiel-kommunen/meldungen/2025-01-21-x\x1b[2K\rgefälscht\n.md"
	pv.write(name, pv.read("content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md"))
	pv.expect("fehler")
	escaped := `content/strategien/beispiel-kommunen/meldungen/2025-01-21-x\u001b[2K\rgefälscht\n.md`
	_, page = pv.get("/massnahmen/bsp-01/")
	if !strings.Contains(page, "<code>"+escaped) {
		t.Errorf("error panel does not name the file escaped:\n%q", page[strings.Index(page, `id="tdsite-fehler"`):])
	}
	log = pv.log.String()
	if strings.ContainsAny(log, "\x1b\r\x07") || !strings.Contains(log, "Fehler nach Änderung "+escaped+":\n") {
		t.Errorf("terminal log:\n%q", log)
	}
}

// startAt runs the preview on addr without an event stream and returns
// its address.
func startAt(t *testing.T, root, addr string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: root, Addr: addr, Date: testkit.Date, Ready: func(a string) { ready <- a }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("preview ended with %v", err)
		}
	})
	select {
	case a := <-ready:
		return a
	case err := <-done:
		done <- nil
		t.Skipf("preview cannot listen on %s: %v", addr, err)
	case <-time.After(10 * wait):
		t.Fatal("preview did not start in time")
	}
	return ""
}

// rawGet sends a request with exactly the given Host header ("" sends
// none, as HTTP/1.0 allows) and returns the response with its body read.
func rawGet(t *testing.T, addr, method, host, path string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if host == "" {
		fmt.Fprintf(conn, "%s %s HTTP/1.0\r\n\r\n", method, path)
	} else {
		fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, path, host)
	}
	conn.SetReadDeadline(time.Now().Add(wait))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s Host %q: %v", path, host, err)
	}
	if path == eventsPath && resp.StatusCode == http.StatusOK {
		return resp, "" // the stream never ends: closing the connection ends it
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// A page the editor visits may make its own domain resolve to 127.0.0.1
// (DNS rebinding); the preview answers only names of this computer.
func TestHostHeaderChecked(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	addr := strings.TrimPrefix(pv.base, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{
		"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port, "[0:0:0:0:0:0:0:1]:" + port,
	} {
		if resp, body := rawGet(t, addr, "GET", host, "/massnahmen/bsp-01/"); resp.StatusCode != 200 || !strings.Contains(body, "Schulungsprogramm") {
			t.Errorf("Host %q: status %d, want 200", host, resp.StatusCode)
		}
	}
	for _, host := range []string{
		"evil.example:" + port, "evil.example", "127.0.0.1.nip.io:" + port, "localhost.:" + port, "sub.localhost:" + port,
		"127.0.0.1", "localhost", "[::1]", "127.0.0.1:1", "localhost:" + port + "0", "0.0.0.0:" + port,
		"10.0.0.1:" + port, "[::2]:" + port, "[fe80::1%25lo]:" + port, "",
	} {
		for _, path := range []string{"/massnahmen/bsp-01/", "/", eventsPath, prefix + "live.js", "/gibt-es-nicht/"} {
			resp, body := rawGet(t, addr, "GET", host, path)
			if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "Schulungsprogramm") {
				t.Errorf("Host %q %s: status %d, want 403", host, path, resp.StatusCode)
				continue
			}
			if path == "/" && (!strings.Contains(body, "Adressen dieses Rechners") || !strings.Contains(body, "http://localhost:"+port+"/")) {
				t.Errorf("Host %q: 403 without German explanation: %q", host, body)
			}
		}
	}
}

func TestHostHeaderExplicitBind(t *testing.T) {
	ln := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 1313}
	h := newHosts("vorschau.intern:1313", ln)
	for host, want := range map[string]bool{
		"vorschau.intern:1313": true, "VORSCHAU.intern:1313": true, "localhost:1313": true, "127.0.0.1:1313": true,
		"vorschau.intern:80": false, "vorschau.intern": false, "anders.intern:1313": false,
	} {
		if got := h.allowed(host); got != want {
			t.Errorf("bind vorschau.intern: allowed(%q) = %v, want %v", host, got, want)
		}
	}
	h = newHosts("192.168.1.5:80", &net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 80})
	for host, want := range map[string]bool{
		"192.168.1.5": true, "192.168.1.5:80": true, "localhost": true, "[::1]": true, "192.168.1.6": false, "evil.example": false,
	} {
		if got := h.allowed(host); got != want {
			t.Errorf("bind 192.168.1.5:80: allowed(%q) = %v, want %v", host, got, want)
		}
	}
	// Bound to all addresses: only the names of this computer.
	h = newHosts("0.0.0.0:1313", &net.TCPAddr{IP: net.IPv4zero, Port: 1313})
	if h.allowed("0.0.0.0:1313") || !h.allowed("127.0.0.1:1313") || h.allowed("evil.example:1313") {
		t.Error("bind 0.0.0.0")
	}
}

// Bound to the IPv6 loopback address, the preview answers [::1] with its
// port and refuses foreign names there too.
func TestHostHeaderIPv6(t *testing.T) {
	testkit.Slow(t)
	addr := startAt(t, testkit.Bundled(t), "[::1]:0")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		"[::1]:" + port: 200, "localhost:" + port: 200, "127.0.0.1:" + port: 200,
		"[::1]": 403, "evil.example:" + port: 403, "[::1]:1": 403,
	} {
		if resp, _ := rawGet(t, addr, "GET", host, "/"); resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// Every kind of response carries nosniff and the pages' policy: pages,
// files, the preview's own files, the event stream, redirects, 400, 403,
// 404, 405 and the error page before the first successful build.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	pv := start(t, testkit.Bundled(t))
	addr := strings.TrimPrefix(pv.base, "http://")
	check := func(name string, resp *http.Response, status int) {
		t.Helper()
		if resp.StatusCode != status {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, status)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Content-Security-Policy") != csp {
			t.Errorf("%s: headers %v", name, resp.Header)
		}
	}
	for _, c := range []struct {
		method, host, path string
		status             int
	}{
		{"GET", addr, "/", 200},
		{"GET", addr, "/massnahmen/bsp-01/", 200},
		{"GET", addr, "/css/thueringendigital.css", 200},
		{"HEAD", addr, "/", 200},
		{"GET", addr, prefix + "live.js", 200},
		{"GET", addr, prefix + "live.css", 200},
		{"GET", addr, eventsPath, 200},
		{"GET", addr, "/massnahmen", 301},
		{"GET", addr, "/gibt-es-nicht/", 404},
		{"GET", addr, "/%2e%2e/x", 400},
		{"POST", addr, "/", 405},
		{"GET", "evil.example", "/", 403},
	} {
		resp, _ := rawGet(t, addr, c.method, c.host, c.path)
		check(c.method+" "+c.path+" Host "+c.host, resp, c.status)
	}

	// Before the first good build every page is the error page.
	root := testkit.Bundled(t)
	p := filepath.Join(root, filepath.FromSlash(massnahme))
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "\ntitel = ", "\ntitel = [\n", 1)), 0o644)
	broken := startAt(t, root, net.JoinHostPort(DefaultBind, "0"))
	resp, body := rawGet(t, broken, "GET", broken, "/")
	check("error page", resp, 500)
	if !strings.Contains(body, "tdsite-fehler") {
		t.Errorf("error page without the panel")
	}
}

// A line break in event data would start a field of its own (a fake
// event); the stream carries it escaped on the data line.
func TestEventDataEscaped(t *testing.T) {
	h := newHub()
	srv := httptest.NewServer(http.HandlerFunc(h.serve))
	defer srv.Close()
	defer h.closeAll()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for deadline := time.Now().Add(wait); h.clientCount() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("event stream not connected")
		}
	}
	h.send("reload", "/a/\nevent: css\r\ndata: *")
	sc := bufio.NewScanner(resp.Body)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.HasPrefix(sc.Text(), "data: ") {
			break
		}
	}
	got := lines[len(lines)-1]
	if got != `data: /a/\nevent: css\r\ndata: *` || lines[len(lines)-2] != "event: reload" {
		t.Errorf("stream: %q", lines)
	}
}
