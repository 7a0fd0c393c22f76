package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"tdsite/internal/redaktion"
)

//go:embed live.js
var liveJS []byte

//go:embed live.css
var liveCSS []byte

// The preview's own files live under a prefix no site path uses. The
// script is a file, not inline code: the pages' Content-Security-Policy
// allows only scripts from the site itself.
const (
	prefix     = "/__tdsite/"
	eventsPath = prefix + "ereignisse"
	inject     = `<link rel="stylesheet" href="/__tdsite/live.css"><script src="/__tdsite/live.js" defer></script>`
)

var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".json": "application/json", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xml",
	".txt": "text/plain; charset=utf-8", ".vtt": "text/vtt; charset=utf-8", ".webmanifest": "application/manifest+json",
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header())
	if !s.hosts.allowed(r.Host) {
		s.hosts.refuse(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path+"/", redaktion.Prefix) && safePath(r.URL.Path) && safePath(r.URL.RawPath) {
		s.red.ServeHTTP(w, r) // writes files; the watcher rebuilds and reloads as after any save
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Die Vorschau kennt nur GET und HEAD.", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !safePath(p) || !safePath(r.URL.RawPath) {
		http.Error(w, "Ungültige Adresse.", http.StatusBadRequest)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch p {
	case eventsPath:
		s.hub.serve(w, r)
		return
	case prefix + "live.js":
		w.Header().Set("Content-Type", types[".js"])
		w.Write(liveJS)
		return
	case prefix + "live.css":
		w.Header().Set("Content-Type", types[".css"])
		w.Write(liveCSS)
		return
	}
	s.mu.RLock()
	good := s.good
	s.mu.RUnlock()
	if !good {
		s.page(w, []byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Vorschau: Fehler</title></head><body><main><h1>Vorschau</h1></main></body></html>`), http.StatusInternalServerError)
		return
	}
	full := filepath.Join(s.dir, filepath.FromSlash(path.Clean("/"+p)))
	if full != s.dir && !strings.HasPrefix(full, s.dir+string(filepath.Separator)) {
		http.Error(w, "Ungültige Adresse.", http.StatusBadRequest)
		return
	}
	info, err := os.Stat(full)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		full = filepath.Join(full, "index.html")
		info, err = os.Stat(full)
	}
	if err != nil || info.IsDir() {
		data, err := os.ReadFile(filepath.Join(s.dir, "404.html"))
		if err != nil {
			data = []byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden</title></head><body><h1>Seite nicht gefunden</h1></body></html>`)
		}
		s.page(w, data, http.StatusNotFound)
		return
	}
	data, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, "Die Datei kann nicht gelesen werden.", http.StatusInternalServerError)
		return
	}
	ext := filepath.Ext(full)
	if ext == ".html" {
		if link := redaktion.BearbeitenLink(p); link != "" {
			data = bytes.Replace(data, []byte("</body>"), []byte(link+"</body>"), 1)
		}
		s.page(w, data, http.StatusOK)
		return
	}
	ct := types[ext]
	if ct == "" {
		ct = mime.TypeByExtension(ext)
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}

// page serves an HTML page with the live-reload script and, while the
// content has errors, the error panel. Both are added here and never
// written to disk, so `tdsite build` output cannot contain them.
func (s *Server) page(w http.ResponseWriter, data []byte, status int) {
	doc := string(data)
	if i := strings.Index(doc, "</head>"); i >= 0 {
		doc = doc[:i] + inject + doc[i:]
	} else {
		doc = inject + doc
	}
	if ov := s.overlay(); ov != "" {
		if i := strings.Index(doc, "<body"); i >= 0 {
			if j := strings.IndexByte(doc[i:], '>'); j >= 0 {
				k := i + j + 1
				doc = doc[:k] + ov + doc[k:]
			}
		} else {
			doc += ov
		}
	}
	w.Header().Set("Content-Type", types[".html"])
	w.Header().Set("Content-Length", fmt.Sprint(len(doc)))
	w.WriteHeader(status)
	w.Write([]byte(doc))
}

// safePath rejects what could leave the site directory or confuse the
// mapping to files: ".." and "." segments (also when they were sent
// encoded, %2e%2e), backslashes and NUL bytes.
func safePath(p string) bool {
	if strings.ContainsAny(p, "\\\x00") {
		return false
	}
	lower := strings.ToLower(p)
	if strings.Contains(lower, "%2e") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return false
		}
	}
	return true
}
