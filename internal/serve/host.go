package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"tdsite/internal/diag"
)

// csp is the policy of the pages' <meta http-equiv> (layouts/partials/
// sicherheit.html) plus frame-ancestors, which only works as a header: no
// other site may frame the drafts.
const csp = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders go on every response, also errors, 404s and the event
// stream: a response without them is the one an attack would aim at.
func securityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "same-origin")
}

// hosts is what a request's Host header may name. A web page the editor
// visits can make its own domain resolve to 127.0.0.1 (DNS rebinding) and
// then read the unpublished drafts as same-origin; its requests still carry
// that domain in Host, so only names of this computer are answered.
type hosts struct {
	port  string
	names map[string]bool // lower case, without brackets
	ips   map[netip.Addr]bool
}

// newHosts allows localhost, the loopback addresses, the address the
// server listens on and the host given with --bind, each with the port.
func newHosts(bind string, ln net.Addr) hosts {
	h := hosts{names: map[string]bool{"localhost": true}, ips: map[netip.Addr]bool{
		netip.MustParseAddr("127.0.0.1"): true, netip.IPv6Loopback(): true}}
	if ap, err := netip.ParseAddrPort(ln.String()); err == nil {
		h.port = fmt.Sprint(ap.Port())
		if !ap.Addr().IsUnspecified() {
			h.ips[ap.Addr().Unmap()] = true
		}
	}
	if host, _, err := net.SplitHostPort(bind); err == nil && host != "" {
		if ip, err := netip.ParseAddr(host); err == nil {
			if !ip.IsUnspecified() {
				h.ips[ip.Unmap()] = true
			}
		} else {
			h.names[strings.ToLower(host)] = true
		}
	}
	return h
}

// allowed reports whether the Host header names this server. Without a
// port it means port 80, as in a browser's address bar.
func (h hosts) allowed(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		host, port = hostHeader, "80"
		if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
			host = host[1 : len(host)-1]
		}
	}
	if host == "" || port != h.port {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Zone() == "" && h.ips[ip.Unmap()]
	}
	return h.names[strings.ToLower(host)]
}

// refuse explains the 403 in German: the editor may have typed another
// name of the computer, and should learn which address works.
func (h hosts) refuse(w http.ResponseWriter, r *http.Request) {
	http.Error(w, fmt.Sprintf("Die Vorschau antwortet nur unter den Adressen dieses Rechners, nicht unter „%s“.\n"+
		"Hinweis: Öffnen Sie http://localhost:%s/ oder http://127.0.0.1:%s/. "+
		"Anfragen unter anderen Namen lehnt die Vorschau ab, damit fremde Webseiten die noch nicht veröffentlichten Entwürfe nicht auslesen können. "+
		"Soll ein anderes Gerät im Netz die Vorschau zeigen, starten Sie sie mit --bind und der Adresse dieses Rechners.",
		diag.Escape(r.Host), h.port, h.port), http.StatusForbidden)
}
