package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"tdsite/internal/linkcheck"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
	mxml "github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"

	"tdsite/internal/assets"
	"tdsite/internal/diag"
	"tdsite/internal/eingabe"
	"tdsite/internal/pages"
	"tdsite/internal/render"
	"tdsite/internal/suche"
)

// Output writes files into a directory, minifying where configured.
type Output struct {
	Dir    string
	Minify bool
	Ctx    context.Context // may be nil
	// Atomic replaces files by renaming a finished temporary file, for a
	// directory that a server reads while it is written (preview).
	Atomic bool
	// Links, if set, scans every file as it is written, so that the link
	// check need not read the output back.
	Links *linkcheck.Scanned
	files atomic.Int64
	bytes atomic.Int64
}

func (o *Output) cancelled() bool { return o.Ctx != nil && o.Ctx.Err() != nil }

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("text/xml", mxml.Minify)
	return m
}()

// pageMinifier minifies pages. It leaves inline SVG as it is: the maps come
// compact from internal/strategymap and the SVG in templates is written
// without line breaks (a test checks both), so the SVG minifier would only
// turn absolute path commands into relative ones, 0.5 % of the SVG bytes
// for 5 % of the CPU time of a build.
var pageMinifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}()

// Minify minifies data of the given media type; on failure the input is
// returned unchanged, since readable output beats no output.
func Minify(mediatype string, data []byte) []byte {
	out, err := minifier.Bytes(mediatype, data)
	if err != nil {
		return data
	}
	return out
}

// minified holds buffers for minified pages: a fresh one per page would
// allocate the size of the whole site again.
var minified = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteHTML writes a rendered page.
func (o *Output) WriteHTML(rel string, data []byte) error {
	if !o.Minify {
		return o.WriteFile(rel, data)
	}
	b := minified.Get().(*bytes.Buffer)
	defer minified.Put(b)
	b.Reset()
	if err := pageMinifier.Minify("text/html", b, buffer.NewReader(data)); err != nil {
		return o.WriteFile(rel, data) // readable output beats no output
	}
	return o.WriteFile(rel, b.Bytes())
}

// WriteFile writes a file relative to the output directory.
func (o *Output) WriteFile(rel string, data []byte) error {
	p := filepath.Join(o.Dir, filepath.FromSlash(rel))
	if err := mkdirs(filepath.Dir(p)); err != nil {
		return err
	}
	if err := o.write(p, data); err != nil {
		return err
	}
	if o.Links != nil {
		o.Links.Add(rel, data)
	}
	if n := o.files.Add(1); n == testHaltAfter {
		testHalt(o.Ctx)
	}
	o.bytes.Add(int64(len(data)))
	return nil
}

// mkdirs is os.MkdirAll for the common case of a build: nearly every page
// has a directory of its own whose parent exists. Trying Mkdir first takes
// one system call where MkdirAll takes three (two Stat and the Mkdir).
func mkdirs(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return nil // a file in the way makes the write fail
	}
	return os.MkdirAll(dir, 0o755)
}

func (o *Output) write(p string, data []byte) error {
	if !o.Atomic {
		return os.WriteFile(p, data, 0o644)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// WriteExtras writes sitemap.xml, robots.txt and the Atom feed.
func WriteExtras(p *Prepared, out *Output) error {
	for _, f := range []struct {
		name string
		gen  func(*Prepared) ([]byte, error)
	}{{"sitemap.xml", Sitemap}, {"robots.txt", Robots}, {"feed.xml", Feed}} {
		data, err := f.gen(p)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if err := out.WriteFile(f.name, data); err != nil {
			return err
		}
	}
	return nil
}

func absURL(p *Prepared, sitePath string) string {
	return render.Funcs(p.Config.BaseURL)["absurl"].(func(string) string)(sitePath)
}

// Sitemap lists every indexable page.
func Sitemap(p *Prepared) ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, pg := range p.Pages {
		if pg.NoIndex {
			continue
		}
		set.URLs = append(set.URLs, url{Loc: absURL(p, pg.Path), LastMod: lastMod(pg)})
	}
	return marshalXML(set)
}

// lastMod is the "Stand" of the page's main object, where it has one.
func lastMod(pg *pages.Page) string {
	type stander interface{ StandISO() string }
	if s, ok := pg.Data.(stander); ok {
		return s.StandISO()
	}
	return ""
}

// Robots allows everything and points to the sitemap.
func Robots(p *Prepared) ([]byte, error) {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + absURL(p, "/sitemap.xml") + "\n"), nil
}

// Feed is an Atom feed of all news posts.
func Feed(p *Prepared) ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	type text struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		Title    string `xml:"title"`
		ID       string `xml:"id"`
		Link     link   `xml:"link"`
		Updated  string `xml:"updated"`
		Summary  string `xml:"summary,omitempty"`
		Content  text   `xml:"content"`
		Category *struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"category,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		Sub     string   `xml:"subtitle,omitempty"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	m := p.Model
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: m.Config.Sprache, Title: m.Config.Titel + " – Meldungen",
		Sub: m.Config.Untertitel, ID: absURL(p, "/feed.xml"),
		Links: []link{{Href: absURL(p, "/feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: absURL(p, "/meldungen/"), Rel: "alternate", Type: "text/html"}}}
	f.Author.Name = orString(m.Config.Herausgeber, m.Config.Titel)
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	// The newest news only: feed readers fetch the whole file again and
	// again, and older news stay on the site (page-weight budget).
	for _, n := range m.Meldungen[:min(len(m.Meldungen), pages.FeedEintraege)] {
		t := n.Datum.Start()
		if t.After(updated) {
			updated = t
		}
		e := entry{Title: n.Titel, ID: absURL(p, n.URL), Link: link{Href: absURL(p, n.URL)},
			Updated: t.Format(time.RFC3339), Summary: n.Zusammenfassung,
			Content: text{Type: "html", Body: absolutize(string(n.Text), absURL(p, "/"))}}
		e.Category = &struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		}{n.Strategie.Slug, n.Strategie.Name}
		f.Entries = append(f.Entries, e)
	}
	for _, t := range termineFuerFeed(m) { // upcoming participation formats (termine.go)
		updated = maxTime(updated, t.Updated)
		f.Entries = append(f.Entries, entry{Title: t.Titel, ID: absURL(p, t.Pfad), Link: link{Href: absURL(p, t.Pfad)},
			Updated: t.Updated.Format(time.RFC3339), Summary: t.Zusammenfassung,
			Content: text{Type: "html", Body: absolutize(t.HTML, absURL(p, "/"))}})
	}
	f.Updated = updated.Format(time.RFC3339)
	return marshalXML(f)
}

var reRootLink = regexp.MustCompile(`(href|src)="/`)

// absolutize makes root-relative links absolute: feed readers show entries
// outside the site.
func absolutize(html, base string) string {
	return reRootLink.ReplaceAllString(html, `$1="`+base)
}

func orString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// staticDirs are the static trees in lookup order: static/ of the site
// overrides the theme's.
func staticDirs(root, theme string) []string {
	dirs := []string{filepath.Join(root, "static")}
	if theme != "" {
		dirs = append(dirs, filepath.Join(root, "themes", theme, "static"))
	}
	return dirs
}

// hiddenFile passes over .DS_Store, editor locks and the like; hidden
// folders (.well-known) are published.
func hiddenFile(d fs.DirEntry) bool { return !d.IsDir() && strings.HasPrefix(d.Name(), ".") }

// checkStatic reports the symlinks of the static trees that the guard
// refuses, with the other findings of a build, before anything is written.
func checkStatic(root, theme string) *diag.List {
	l := &diag.List{}
	guard := eingabe.New(root)
	for _, dir := range staticDirs(root, theme) {
		_ = guard.Walk(dir, hiddenFile, l, func(string) error { return nil })
	}
	return l
}

// CopyStatic copies themes/<theme>/static and static/ (site overrides win)
// into the output, minifying CSS, JS and SVG. CSS and JS are published
// under fingerprinted names and recorded in p.Assets. A symlink the guard
// refuses (see package eingabe) is an OutputError: the preview copies
// static files without a new check of the whole site.
func CopyStatic(p *Prepared, out *Output) error {
	guard := eingabe.New(p.Root)
	found := &diag.List{}
	seen := map[string]bool{}
	for _, dir := range staticDirs(p.Root, p.Config.Theme) {
		err := guard.Walk(dir, hiddenFile, found, func(src string) error {
			rel, _ := filepath.Rel(dir, src)
			rel = filepath.ToSlash(rel)
			if seen[rel] {
				return nil
			}
			seen[rel] = true
			mt := map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}[path.Ext(rel)]
			if !out.Atomic && (mt == "" || (!out.Minify && !assets.Fingerprinted(rel))) {
				p.Assets.Add(rel, nil)
				n, err := copyFile(src, filepath.Join(out.Dir, filepath.FromSlash(rel)))
				if out.Links != nil {
					out.Links.Copied(rel)
				}
				out.files.Add(1)
				out.bytes.Add(n)
				return err
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			if out.Minify && mt != "" {
				data = Minify(mt, data)
			}
			return out.WriteFile(p.Assets.Add(rel, data), data)
		})
		if err != nil {
			return fmt.Errorf("statische Dateien: %w", err)
		}
	}
	if found.HasErrors() {
		return &OutputError{Diags: found}
	}
	return nil
}

// WriteSearchIndex writes the index of the client-side search
// (suche/index.<hash>.json) and records it in p.Assets.
func WriteSearchIndex(p *Prepared, out *Output) error {
	url := render.Funcs(p.Config.BaseURL)["url"].(func(string) string)
	data, err := suche.Build(p.Pages, p.Model, url).JSON()
	if err != nil {
		return fmt.Errorf("Suchindex: %w", err)
	}
	return out.WriteFile(p.Assets.AddGenerated("suche/index.json", data), data)
}
