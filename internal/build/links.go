package build

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
	"tdsite/internal/markdown"
)

// OutputError means the generated site itself is wrong – broken internal
// links, anchors or asset references, or two pages on one address –
// because of content or templates; nothing was published.
type OutputError struct {
	Diags *diag.List
}

func (e *OutputError) Error() string {
	n, _ := e.Diags.Count()
	return fmt.Sprintf("Die erzeugte Website enthält %d Fehler; es wurde nichts veröffentlicht.", n)
}

// checkLinks runs the link check on the staging directory and turns broken
// references into findings that name the file an editor has to change.
// With since (an incremental build) it checks the rendered pages only
// where that is as good as checking all (only is then true).
func checkLinks(p *Prepared, dir string, scanned *linkcheck.Scanned, since *linkcheck.Since) (res *linkcheck.Result, only bool, err error) {
	opts := linkcheck.Options{Dir: dir, BaseURL: p.Config.BaseURL, Scanned: scanned}
	if since != nil {
		res, only, err = linkcheck.CheckSince(opts, since)
	}
	if err == nil && !only {
		res, err = linkcheck.Check(opts)
	}
	if err != nil {
		return nil, false, fmt.Errorf("Linkprüfung: %w", err)
	}
	if len(res.Broken) == 0 {
		return res, only, nil
	}
	o := newOrigins(p, nil)
	// One finding per place to fix: a template line that produces the same
	// broken anchor on 90 measure pages is one mistake.
	type key struct {
		pos  diag.Pos
		what string
	}
	type group struct {
		first linkcheck.Broken
		pages []string
		hrefs map[string]bool
	}
	groups := map[key]*group{}
	var order []key
	for _, b := range res.Broken {
		pos := o.source(b)
		k := key{pos, b.Href}
		if isTemplate(pos.File) {
			if u, err := url.Parse(b.Href); err == nil && u.Fragment != "" {
				k.what = "#" + u.Fragment
			}
		}
		g := groups[k]
		if g == nil {
			g = &group{first: b, hrefs: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		g.pages = append(g.pages, linkcheck.PagePath(b.File))
		g.hrefs[b.Href] = true
	}
	l := &diag.List{}
	for _, k := range order {
		g := groups[k]
		on := g.pages[0]
		if n := len(g.pages); n > 1 {
			on = fmt.Sprintf("%s und %d weiteren Seiten", on, n-1)
		}
		similar := ""
		if len(g.hrefs) > 1 {
			similar = fmt.Sprintf(" (und %d ähnliche)", len(g.hrefs)-1)
		}
		hint := "Korrigieren Sie die Adresse. Seiten der Website beginnen mit / (z. B. /strategien/smart-state/); ein Anker (#…) muss auf eine Überschrift oder einen Abschnitt der Zielseite zeigen."
		if isTemplate(k.pos.File) {
			hint = "Die Vorlage (oder eines ihrer Teilstücke in partials/) erzeugt einen Link, den es nicht gibt; prüfen Sie, welche Seite oder welcher Anker gemeint ist."
		}
		l.Errorf(k.pos, "link-kaputt", hint, "Kaputter Link „%s“%s auf %s: %s", g.first.Href, similar, on, g.first.Reason)
	}
	return res, only, &OutputError{Diags: l}
}

func isTemplate(file string) bool {
	return strings.HasPrefix(file, "layouts/") || strings.HasPrefix(file, "themes/")
}

// origins finds where a link in the output was written.
type origins struct {
	p         *Prepared
	content   map[string][]diag.Pos // normalised address → where editors wrote it
	pages     map[string]string     // output file → template file
	templates map[string][]string   // template file → lines, read on demand
}

// mayLinkOut reports whether a text may hold an external address: one
// with "://", mailto: or tel:, or one that Linkify makes of "www." or an
// e-mail address. It may err towards true.
func mayLinkOut(src []byte) bool {
	if bytes.Contains(src, []byte("://")) || bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	// Without a lower-case copy of every text: look before each . and :.
	return endsFold(src, '.', "www") || endsFold(src, ':', "mailto") || endsFold(src, ':', "tel")
}

// endsFold reports whether some c in src follows word, ignoring case.
func endsFold(src []byte, c byte, word string) bool {
	for i := bytes.IndexByte(src, c); i >= 0; {
		if i >= len(word) && bytes.EqualFold(src[i-len(word):i], []byte(word)) {
			return true
		}
		j := bytes.IndexByte(src[i+1:], c)
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

// newOrigins indexes the addresses written in content, from what the
// Markdown renderer collected while rendering: nothing is parsed again. A
// caller that looks for some kinds of address only may pass worth, which
// picks the texts.
func newOrigins(p *Prepared, worth func(src []byte) bool) *origins {
	o := &origins{p: p, content: map[string][]diag.Pos{}, pages: map[string]string{}, templates: map[string][]string{}}
	scanned := func(src []byte) markdown.Scanned { return markdown.Scan(src) }
	if p.Caches != nil && p.Caches.markdown != nil {
		md := p.Caches.markdown
		scanned = func(src []byte) markdown.Scanned { s, _ := md.Scanned(src); return s }
	}
	for _, t := range p.Content.Texts() {
		if worth != nil && !worth(t.Src) {
			continue
		}
		for _, r := range scanned(t.Src).Refs {
			k := normURL(r.Dest)
			o.content[k] = append(o.content[k], t.LineAt(r.Line))
		}
	}
	for _, f := range p.Content.URLFields() {
		k := normURL(f.URL)
		o.content[k] = append(o.content[k], f.Pos)
	}
	for _, pg := range p.Pages {
		o.pages[pg.File()] = p.Templates.File(pg.Template)
	}
	return o
}

// normURL makes written and rendered addresses comparable: goldmark
// percent-encodes, templates entity-encode.
func normURL(u string) string {
	u = strings.TrimSpace(html.UnescapeString(u))
	if d, err := url.PathUnescape(u); err == nil {
		u = d
	}
	return u
}

// source is the position to blame for a broken reference: the content line
// that wrote the address, else a template line that contains it literally,
// else the page's template.
func (o *origins) source(b linkcheck.Broken) diag.Pos {
	if ps := o.content[normURL(b.Href)]; len(ps) > 0 {
		return ps[0]
	}
	if u, err := url.Parse(b.Href); err == nil {
		needles := []string{`"` + b.Href + `"`}
		if u.Fragment != "" {
			needles = append(needles, "#"+u.Fragment+`"`)
		}
		for _, f := range o.p.Templates.Files() {
			for _, needle := range needles {
				if line := o.find(f, needle); line > 0 {
					return diag.Pos{File: f, Line: line}
				}
			}
		}
	}
	if t := o.pages[b.File]; t != "" {
		return diag.Pos{File: t}
	}
	return diag.Pos{File: b.File}
}

func (o *origins) find(file, needle string) int {
	lines, ok := o.templates[file]
	if !ok {
		data, _ := os.ReadFile(filepath.Join(o.p.Root, filepath.FromSlash(file)))
		lines = strings.Split(string(data), "\n")
		o.templates[file] = lines
	}
	for i, l := range lines {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	return 0
}

// externalReport lists the external links of the site, with the content
// lines they come from (o, indexed with mayLinkOut).
func externalReport(p *Prepared, o *origins, res *linkcheck.Result) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Externe Links von %s – nicht abgerufen, nur aufgelistet.\n", p.Config.Titel)
	fmt.Fprintf(&b, "# Bitte regelmäßig prüfen, ob die Ziele noch stimmen. %d Adressen.\n", len(res.External))
	for _, e := range res.External {
		fmt.Fprintf(&b, "\n%s\n", e.URL)
		if ps := o.content[normURL(e.URL)]; len(ps) > 0 {
			var where []string
			for _, p := range ps {
				where = append(where, p.String())
			}
			sort.Strings(where)
			fmt.Fprintf(&b, "    geschrieben in: %s\n", strings.Join(where, ", "))
		}
		shown := e.Pages
		more := ""
		if len(shown) > 5 {
			more = fmt.Sprintf(" und %d weiteren Seiten", len(shown)-5)
			shown = shown[:5]
		}
		fmt.Fprintf(&b, "    auf: %s%s\n", strings.Join(shown, ", "), more)
	}
	return b.Bytes()
}

// writeReport puts a report beside the output, whole or not at all.
func writeReport(file string, data []byte) error {
	tmp := file + ".neu"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
