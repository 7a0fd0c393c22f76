// Package redaktion is the editorial interface of the preview
// (/redaktion/ in `tdsite serve`): forms in which communication staff
// publish a news item, report the status of a measure, enter a
// measurement, edit a text and commit their changes, without a terminal
// and without JavaScript. Every form writes exactly the text that
// `tdsite new …` or a careful hand edit would write, and only after the
// site with the change applied passed the rules of `tdsite check`.
//
// It is never part of `tdsite build`: the package is only mounted by
// internal/serve.
package redaktion

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Prefix is the address of the editorial area in the preview.
const Prefix = "/redaktion/"

// Limits of a request. Forms are text; only the news form carries an image.
const (
	maxForm   = 1 << 20
	maxUpload = 5 << 20
	maxBody   = maxUpload + maxForm
)

//go:embed vorlagen/*.html redaktion.css
var files embed.FS

// Handler serves /redaktion/. Create it with New.
type Handler struct {
	Root string // site root, with content/
	// Git offers the commit button on the "Änderungen" page.
	Git bool
	// Today is the default date of new entries; tests fix it.
	Today func() time.Time

	secret []byte // signs the per-session CSRF tokens
	tmpl   *template.Template
	css    []byte
}

// New returns the handler for the site at root.
func New(root string, git bool) *Handler {
	h := &Handler{Root: root, Git: git, Today: time.Now, secret: make([]byte, 32)}
	if _, err := rand.Read(h.secret); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	h.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
		"feld":  newFeld,
		"wahl":  func(v, w string) bool { return v == w },
		"query": url.QueryEscape,
		"dict":  dict,
		"sicherheit": func() []wahlOption {
			return []wahlOption{{"belegt", "belegt: die Quelle nennt den Status"}, {"abgeleitet", "abgeleitet: aus der Quelle geschlossen"}}
		},
	}).ParseFS(files, "vorlagen/*.html"))
	h.css, _ = files.ReadFile("redaktion.css")
	return h
}

const cookieName = "tdsite-redaktion"

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	// The forms write files: with --bind the preview may be shown to the
	// network, the editorial area still only to this computer.
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err != nil || !loopback(host) {
		h.fehlerseite(w, r, http.StatusForbidden, "Die Redaktion ist nur auf dem Rechner erreichbar, auf dem die Vorschau läuft (http://localhost:…/redaktion/). Andere Geräte im Netz sehen nur die Vorschau der Website.")
		return
	}
	if r.URL.Path == strings.TrimSuffix(Prefix, "/") {
		http.Redirect(w, r, Prefix, http.StatusMovedPermanently)
		return
	}
	p := strings.TrimPrefix(r.URL.Path, Prefix)
	if p == "redaktion.css" {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(h.css)
		return
	}
	var do func(*anfrage)
	switch p {
	case "":
		do = h.start
	case "seite":
		do = h.seite
	case "meldung":
		do = h.meldung
	case "status":
		do = h.status
	case "messwert":
		do = h.messwert
	case "text":
		do = h.text
	case "aenderungen":
		do = h.aenderungen
	default:
		h.fehlerseite(w, r, http.StatusNotFound, "Diese Seite gibt es in der Redaktion nicht.")
		return
	}
	sid := h.session(w, r)
	a := &anfrage{h: h, w: w, r: r, token: h.token(sid), f: &formular{Werte: url.Values{}}}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		a.f.Werte = r.URL.Query()
	case http.MethodPost:
		if msg := h.checkPost(r, sid); msg != "" {
			h.fehlerseite(w, r, http.StatusForbidden, msg)
			return
		}
		a.post = true
		a.f.Werte = r.PostForm
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "Die Redaktion kennt nur GET und POST.", http.StatusMethodNotAllowed)
		return
	}
	do(a)
}

// session returns the session id from the cookie, starting a session when
// there is none. The cookie is SameSite=Strict: a form on another site
// cannot send it along.
func (h *Handler) session(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(cookieName); err == nil && len(c.Value) == 64 {
		if _, err := hex.DecodeString(c.Value); err == nil {
			return c.Value
		}
	}
	b := make([]byte, 32)
	rand.Read(b)
	sid := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: sid, Path: Prefix, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	r.AddCookie(&http.Cookie{Name: cookieName, Value: sid})
	return sid
}

// token is the CSRF token of a session: only pages of this server, read
// with the session's cookie, know it.
func (h *Handler) token(sid string) string {
	m := hmac.New(sha256.New, h.secret)
	m.Write([]byte(sid))
	return hex.EncodeToString(m.Sum(nil))
}

// checkPost refuses requests that another web site may have sent: they
// must come from a page of this server (Origin, or Referer where a browser
// sends no Origin) and carry the session's token. It also parses the body
// within the size limits. The Host header was checked by the preview.
func (h *Handler) checkPost(r *http.Request, sid string) string {
	self := "http://" + r.Host
	if o := r.Header.Get("Origin"); o != "" {
		if o != self {
			return "Die Anfrage kam nicht von einer Seite der Vorschau und wurde abgelehnt."
		}
	} else if ref := r.Header.Get("Referer"); ref != "" {
		if ref != self && !strings.HasPrefix(ref, self+"/") {
			return "Die Anfrage kam nicht von einer Seite der Vorschau und wurde abgelehnt."
		}
	} else if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return "Die Anfrage kam nicht von einer Seite der Vorschau und wurde abgelehnt."
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxForm)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return "Das Formular ist zu groß oder beschädigt (höchstens 5 MB für ein Bild und 1 MB Text). Gehen Sie zurück und versuchen Sie es mit weniger Inhalt."
	}
	want := h.token(sid)
	if got := r.PostForm.Get("csrf"); !hmac.Equal([]byte(got), []byte(want)) {
		return "Das Formular ist abgelaufen (die Vorschau wurde neu gestartet oder das Formular stammt nicht von dieser Vorschau). Laden Sie die Seite neu und geben Sie die Angaben noch einmal ein."
	}
	return ""
}

// anfrage is one request to a form page.
type anfrage struct {
	h     *Handler
	w     http.ResponseWriter
	r     *http.Request
	post  bool
	token string
	f     *formular
}

// seite holds what every page template gets.
type seite struct {
	Titel   string // of the window; "Fehler: " in front when the form was refused
	H1      string
	Token   string
	Pfad    string // the form's address, for action
	F       *formular
	Erfolg  string   // set after a save
	Links   []string // site paths that show the change
	Daten   any      // the page's own data
	Zurueck string
}

// gespeichert ends a successful save with a redirect to the form (POST,
// redirect, GET): reloading the page then shows the form again instead of
// sending the data a second time. The GET shows the confirmation.
func (a *anfrage) gespeichert(form string, q url.Values) {
	q.Set("gespeichert", "1")
	http.Redirect(a.w, a.r, form+"?"+q.Encode(), http.StatusSeeOther)
}

// bestaetigt reports whether the page was reached by gespeichert.
func (a *anfrage) bestaetigt() bool { return !a.post && a.f.Wert("gespeichert") == "1" }

func (a *anfrage) zeige(name, titel string, daten any) {
	a.zeigeStatus(http.StatusOK, name, titel, daten)
}

func (a *anfrage) zeigeStatus(status int, name, titel string, daten any) {
	h1 := titel
	if a.f.HatFehler() {
		status = http.StatusUnprocessableEntity
		titel = "Fehler: " + titel
	}
	s := seite{Titel: titel, H1: h1, Token: a.token, Pfad: a.r.URL.Path, F: a.f, Daten: daten}
	if e, ok := daten.(interface{ erfolg() (string, []string) }); ok {
		s.Erfolg, s.Links = e.erfolg()
	}
	a.h.render(a.w, status, name, s)
}

func (h *Handler) render(w http.ResponseWriter, status int, name string, s seite) {
	var b strings.Builder
	if err := h.tmpl.ExecuteTemplate(&b, name, s); err != nil {
		http.Error(w, "Die Seite kann nicht angezeigt werden: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}

func (h *Handler) fehlerseite(w http.ResponseWriter, r *http.Request, status int, msg string) {
	h.render(w, status, "fehler.html", seite{Titel: "Redaktion: nicht möglich", H1: "Das geht nicht", F: &formular{}, Daten: msg})
}

func loopback(host string) bool {
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// dict builds the argument of a sub-template from key/value pairs.
func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}
