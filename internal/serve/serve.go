// Package serve is the editors' preview: it builds the site into a
// temporary directory, serves it over HTTP, watches the sources and
// rebuilds what a change affects, and tells open browser tabs to reload
// (Server-Sent Events). While the content has errors it keeps serving the
// last good site and shows the findings on every page.
package serve

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"tdsite/internal/diag"
	"tdsite/internal/redaktion"
	"tdsite/internal/serve/vorschau"
)

// Options of the preview server.
type Options struct {
	Root string // site root
	Addr string // host:port, e.g. 127.0.0.1:1313
	Log  io.Writer
	// Date fixes the build date (tests); zero: as tdsite build.
	Date time.Time
	// Ready is called with the listening address once requests are served.
	Ready func(addr string)
	// Debounce is the quiet time after the last file event before a
	// rebuild starts; editors write a file in several steps.
	Debounce time.Duration
	// Git offers committing the content changes in the editorial area.
	Git bool
}

// Server is a running preview.
type Server struct {
	opts Options
	dir  string
	sess *vorschau.Session
	hub  *hub
	red  *redaktion.Handler // the editorial area /redaktion/, never part of a build
	// hosts is set before the first request is served.
	hosts hosts

	mu     sync.RWMutex
	failed *diag.List // findings of the last failed rebuild; nil when fine
	good   bool       // at least one build succeeded
}

// DefaultBind keeps the preview on this machine: the drafts it shows are
// not published yet.
const DefaultBind = "127.0.0.1"

// Run serves until ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	return run(ctx, opts, nil)
}

// run is Run that hands the server to tests once it is set up.
func run(ctx context.Context, opts Options, started chan<- *Server) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	opts.Log = diag.NewWriter(opts.Log) // file names in the log are the editors' text
	if opts.Debounce == 0 {
		opts.Debounce = 15 * time.Millisecond
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return err
	}
	opts.Root = root
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		return fmt.Errorf("Im Ordner %s gibt es keinen Unterordner content/. Wechseln Sie in den Ordner der Website oder geben Sie ihn mit --source an", root)
	}
	dir, err := os.MkdirTemp("", "tdsite-vorschau-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s := &Server{opts: opts, dir: dir, sess: vorschau.NewSession(root, dir), hub: newHub()}
	s.sess.Date = opts.Date
	s.sess.Viewed = s.hub.viewed
	s.red = redaktion.New(root, opts.Git)

	w, err := newWatcher(root)
	if err != nil {
		return fmt.Errorf("Die Dateien können nicht beobachtet werden: %w", err)
	}
	defer w.close()

	s.rebuild(nil)

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("Der Vorschau-Server kann %s nicht öffnen: %w. Wählen Sie mit --port einen anderen Port oder beenden Sie die andere Vorschau", opts.Addr, err)
	}
	s.hosts = newHosts(opts.Addr, ln.Addr())
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(opts.Log, "Vorschau: http://%s/  (Beenden mit Strg+C)\n", ln.Addr())
	if started != nil {
		started <- s
	}
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}

	pending := map[string]bool{}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			s.hub.closeAll()
			shut, cancel := context.WithTimeout(context.Background(), time.Second)
			srv.Shutdown(shut)
			cancel()
			return nil
		case p, ok := <-w.changes:
			if !ok {
				return errors.New("Die Beobachtung der Dateien wurde beendet")
			}
			pending[p] = true
			timer = time.After(opts.Debounce)
		case err := <-w.errors:
			fmt.Fprintf(opts.Log, "Hinweis: Beobachtung der Dateien: %s\n", diag.Explain(err))
		case <-timer:
			timer = nil
			var changed []string
			for p := range pending {
				changed = append(changed, p)
			}
			clear(pending)
			s.rebuild(changed)
		}
	}
}

// rebuild applies changed files (nil: everything), reports in the
// terminal and notifies the browsers.
func (s *Server) rebuild(changed []string) {
	s.mu.RLock()
	wasFailed := s.failed != nil
	s.mu.RUnlock()
	sent := map[string]bool{}
	early := func(paths []string) {
		if !wasFailed {
			for _, p := range paths {
				sent[p] = true
			}
			s.hub.send("seiten", list(paths))
		}
	}
	up, diags, err := s.sess.Apply(changed, early)
	log := s.opts.Log
	what := s.describe(changed)
	if err != nil {
		s.mu.Lock()
		if diags == nil || !diags.HasErrors() {
			diags = &diag.List{}
			diags.Errorf(diag.Pos{}, "vorschau", "Prüfen Sie die Meldung; nach dem nächsten Speichern versucht die Vorschau es erneut.", "%v", err)
		}
		s.failed = diags
		s.mu.Unlock()
		fmt.Fprintf(log, "Fehler nach Änderung %s:\n", what)
		diags.Print(log, false)
		if s.good {
			fmt.Fprintln(log, "Die Vorschau zeigt weiter den letzten fehlerfreien Stand.")
		}
		s.hub.send("fehler", "*")
		return
	}
	s.mu.Lock()
	s.failed, s.good = nil, true
	s.mu.Unlock()
	switch {
	case changed == nil:
		fmt.Fprintf(log, "Gebaut: %s in %s. %s.\n", seiten(len(up.Rendered)), ms(up.Duration), diags.Summary())
	case up.CSSOnly && !wasFailed:
		fmt.Fprintf(log, "Geändert: %s – Stylesheet ausgetauscht in %s.\n", what, ms(up.Duration))
		s.hub.send("css", "*")
		return
	default:
		fmt.Fprintf(log, "Geändert: %s – %s neu", what, seiten(len(up.Rendered)))
		if len(up.Removed) > 0 {
			fmt.Fprintf(log, ", %d entfernt", len(up.Removed))
		}
		fmt.Fprintf(log, " in %s", ms(up.Duration))
		if up.Early > 0 && !wasFailed {
			// The page an editor looks at reloads long before large sites finish.
			fmt.Fprintf(log, " (erste Seite nach %s)", ms(up.Early))
		}
		fmt.Fprintln(log, ".")
	}
	var later []string
	for _, p := range up.Rendered {
		if !sent[p] {
			later = append(later, p)
		}
	}
	which := list(later)
	if len(later) == 0 {
		which = "" // nothing left to reload; the event still ends the rebuild
	}
	if wasFailed {
		fmt.Fprintln(log, "Alle Fehler sind behoben.")
		which = "*" // every page showed the error panel
	}
	if up.Full || len(up.Removed) > 0 {
		which = "*" // a tab may show a page that is gone now
	}
	s.hub.send("reload", which)
}

// list is the data of an event: the site paths of the pages to reload,
// separated by spaces, or "*" for all (also when the list would be long).
func list(paths []string) string {
	if len(paths) > 500 {
		return "*"
	}
	return strings.Join(paths, " ")
}

// describe names the changed files for the terminal, existing files
// first (an editor's temporary file is gone by now).
func (s *Server) describe(changed []string) string {
	if len(changed) == 0 {
		return "alle Dateien"
	}
	sort.SliceStable(changed, func(i, j int) bool {
		return s.exists(changed[i]) && !s.exists(changed[j])
	})
	// The Writer keeps line breaks; a file name must not start a line.
	if len(changed) == 1 {
		return diag.Escape(changed[0])
	}
	return fmt.Sprintf("%s und %d weitere", diag.Escape(changed[0]), len(changed)-1)
}

func (s *Server) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(s.opts.Root, filepath.FromSlash(rel)))
	return err == nil
}

func seiten(n int) string {
	if n == 1 {
		return "1 Seite"
	}
	return fmt.Sprintf("%d Seiten", n)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// overlay returns the error panel for pages, or "" when all is well.
func (s *Server) overlay() string {
	s.mu.RLock()
	failed, good := s.failed, s.good
	s.mu.RUnlock()
	if failed == nil {
		return ""
	}
	var b strings.Builder
	errs, _ := failed.Count()
	b.WriteString(`<div id="tdsite-fehler" class="tdsite-fehler" role="alert" aria-labelledby="tdsite-fehler-titel">`)
	if good {
		fmt.Fprintf(&b, `<p id="tdsite-fehler-titel" class="tdsite-fehler-titel">Die Inhalte enthalten %d Fehler. Die Vorschau zeigt den letzten fehlerfreien Stand.</p>`, errs)
	} else {
		fmt.Fprintf(&b, `<p id="tdsite-fehler-titel" class="tdsite-fehler-titel">Die Inhalte enthalten %d Fehler. Die Website konnte noch nicht gebaut werden.</p>`, errs)
	}
	b.WriteString(`<p>Korrigieren Sie die Stellen und speichern Sie; die Seite lädt dann von selbst neu.</p><ul>`)
	for _, d := range failed.Items() {
		if d.Severity != diag.Error {
			continue
		}
		b.WriteString(`<li>`)
		if !d.Pos.IsZero() {
			fmt.Fprintf(&b, `<code>%s</code>: `, html.EscapeString(diag.Escape(d.Pos.String())))
		}
		b.WriteString(html.EscapeString(diag.EscapeText(d.Message)))
		if d.Hint != "" {
			fmt.Fprintf(&b, `<br><span class="tdsite-hinweis">Hinweis: %s</span>`, html.EscapeString(diag.EscapeText(d.Hint)))
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul><button type="button" class="tdsite-schliessen" hidden>Hinweis ausblenden</button></div>`)
	return b.String()
}
