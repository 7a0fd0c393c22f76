// Package render executes the html/template layouts. Templates are looked
// up by name in themes/<theme>/layouts first and then in layouts/, so a
// theme can replace any default template (like Hugo's lookup order). All
// templates are parsed once per build.
package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"tdsite/internal/diag"
	"tdsite/internal/inputguard"
)

// Templates holds one parsed template set per page template.
type Templates struct {
	pages map[string]*pageSet
	files map[string]string // template name → file it was read from (relative to root)
	// base holds the base layout and the partials; it is never executed
	// as a page, only to render fragments. pristine is the same, never
	// executed at all: html/template clones no set once it has run, and
	// the page sets are cloned from it when first needed.
	base, pristine *template.Template
	fragments      atomic.Pointer[Fragments] // of the build that renders with the templates
	url            func(string) string       // the template function url, for Frame
	// direct and escaped: a page set, and each partial of base, got the
	// wrapped escapers after its first execution (escaper.go).
	direct  map[string]*atomic.Bool
	escaped sync.Map // partial name → true
}

// Dirs returns the layout directories in lookup order.
func Dirs(root, theme string) []string {
	var dirs []string
	if theme != "" {
		dirs = append(dirs, filepath.Join(root, "themes", theme, "layouts"))
	}
	return append(dirs, filepath.Join(root, "layouts"))
}

// Load parses all templates. The base layout is "_base.html", partials live
// in "partials/", every other .html file is a page template. Besides funcs,
// templates can call fragment (see Templates.Fragment).
func Load(root, theme string, funcs template.FuncMap) (*Templates, *diag.List) {
	l := &diag.List{}
	sources := map[string]string{} // name → file, first directory wins
	relFile := func(p string) string {
		r, err := filepath.Rel(root, p)
		if err != nil {
			return p
		}
		return filepath.ToSlash(r)
	}
	// The guard keeps a linked partial from carrying a file of the build
	// machine into every page.
	guard := inputguard.New(root)
	for _, dir := range Dirs(root, theme) {
		err := guard.Walk(dir, nil, l, func(p string) error {
			if !strings.HasSuffix(p, ".html") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			name := filepath.ToSlash(rel)
			if _, ok := sources[name]; !ok {
				sources[name] = p
			}
			return nil
		})
		if err != nil {
			l.Errorf(diag.Pos{File: relFile(dir)}, "vorlage", "Prüfen Sie die Zugriffsrechte.", "Die Vorlagen können nicht gelesen werden: %v", err)
		}
	}
	if l.HasErrors() {
		return nil, l
	}
	t := &Templates{pages: map[string]*pageSet{}, files: map[string]string{}, direct: map[string]*atomic.Bool{}}
	t.Use(NewFragments())
	all := template.FuncMap{"fragment": t.Fragment, "fragmente": t.Fragmente, "rahmen": t.Frame}
	for k, f := range funcs {
		all[k] = f
	}
	t.url, _ = funcs["url"].(func(string) string)
	funcs = all
	for name, p := range sources {
		t.files[name] = relFile(p)
	}
	baseFile, ok := sources["_base.html"]
	if !ok {
		l.Errorf(diag.Pos{File: "layouts/_base.html"}, "vorlage", "Stellen Sie die Datei layouts/_base.html wieder her.",
			"Die Grundvorlage _base.html fehlt.")
		return nil, l
	}
	base := template.New("_base.html").Funcs(funcs)
	if !parseFile(base, "_base.html", baseFile, relFile, l) {
		return nil, l
	}
	var names []string
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if strings.HasPrefix(name, "partials/") && !parseFile(base.New(name), name, sources[name], relFile, l) {
			return nil, l
		}
	}
	// A page file is parsed on its own here, so that its mistakes are
	// found by every build and by check; it joins a copy of the base only
	// when a page first needs it. An incremental build renders a few
	// pages of one or two templates and so copies the partials' trees
	// once or twice instead of once per page template.
	for _, name := range names {
		if name == "_base.html" || strings.HasPrefix(name, "partials/") {
			continue
		}
		own := template.New(name).Funcs(funcs)
		if parseFile(own, name, sources[name], relFile, l) {
			t.pages[name] = &pageSet{own: own}
			t.direct[name] = new(atomic.Bool)
		}
	}
	pristine, err := base.Clone()
	if err != nil {
		l.Errorf(diag.Pos{File: relFile(baseFile)}, "vorlage", "", "Vorlage kann nicht vorbereitet werden: %v", err)
		return nil, l
	}
	t.base, t.pristine = base, pristine
	return t, l
}

// pageSet is the template set of one page template: the templates its
// file defines, and once a page needs it, those together with a copy of
// the base layout and the partials.
type pageSet struct {
	own  *template.Template // the page file alone, as parsed
	once sync.Once
	set  *template.Template
	err  error
}

// set returns the template set of the page template name, nil if there
// is none.
func (t *Templates) set(name string) (*template.Template, error) {
	ps := t.pages[name]
	if ps == nil {
		return nil, nil
	}
	ps.once.Do(func() {
		set, err := t.pristine.Clone()
		if err != nil {
			ps.err = fmt.Errorf("Vorlage „%s“ kann nicht vorbereitet werden: %v", name, err)
			return
		}
		// The page's definitions replace the base's blocks, as parsing
		// the file into the copy would; its trees belong to this set
		// alone, which the escaper rewrites on the first execution.
		for _, own := range ps.own.Templates() {
			if own.Tree == nil {
				continue
			}
			if _, err := set.AddParseTree(own.Name(), own.Tree); err != nil {
				ps.err = fmt.Errorf("Vorlage „%s“ kann nicht vorbereitet werden: %v", name, err)
				return
			}
		}
		ps.set = set
	})
	return ps.set, ps.err
}

func parseFile(t *template.Template, name, file string, rel func(string) string, l *diag.List) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		l.Errorf(diag.Pos{File: rel(file)}, "vorlage", "Prüfen Sie die Zugriffsrechte.", "Die Vorlage kann nicht gelesen werden: %v", err)
		return false
	}
	if _, err := t.Parse(string(data)); err != nil {
		l.Errorf(templatePos(rel(file), err), "vorlage",
			"Prüfen Sie die {{ … }}-Anweisungen in der genannten Zeile; jedes {{if}}, {{range}}, {{with}} und {{define}} braucht ein {{end}}.",
			"Die Vorlage enthält einen Fehler: %v", err)
		return false
	}
	return true
}

// reTplLine finds LINE in "template: name:LINE:" and "name:LINE:COL:".
var reTplLine = regexp.MustCompile(`:(\d+):`)

// templatePos extracts the line from template errors.
func templatePos(file string, err error) diag.Pos {
	var line int
	if m := reTplLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	return diag.Pos{File: file, Line: line}
}

// Uses returns the template files that rendering the page template name
// can execute: the base layout, the page file and every partial reachable
// from them. A change to any other file cannot change such a page.
func (t *Templates) Uses(name string) map[string]bool {
	set, _ := t.set(name)
	used := map[string]bool{}
	if set == nil {
		return used
	}
	seen := map[string]bool{}
	var visit func(tmpl string)
	visit = func(tmpl string) {
		if seen[tmpl] {
			return
		}
		seen[tmpl] = true
		tt := set.Lookup(tmpl)
		if tt == nil || tt.Tree == nil {
			return
		}
		used[t.files[tt.Tree.ParseName]] = true
		walkTemplates(tt.Tree.Root, visit)
	}
	visit("_base.html")
	visit(name)
	return used
}

// walkTemplates calls f with the name of every {{template}} call and every
// fragment call with a literal name below n.
func walkTemplates(n parse.Node, f func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTemplates(c, f)
			}
		}
	case *parse.TemplateNode:
		f(n.Name)
		walkTemplates(n.Pipe, f)
	case *parse.ActionNode:
		walkTemplates(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkTemplates(c, f)
			}
		}
	case *parse.CommandNode:
		if len(n.Args) > 1 {
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "fragment" || id.Ident == "fragmente" || id.Ident == "rahmen") {
				if name, ok := n.Args[1].(*parse.StringNode); ok {
					f(name.Text)
				}
			}
		}
		for _, a := range n.Args {
			walkTemplates(a, f)
		}
	case *parse.IfNode:
		walkTemplates(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.RangeNode:
		walkTemplates(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.WithNode:
		walkTemplates(n.Pipe, f)
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	}
}

// fragmentKey identifies a rendered fragment: the partial and the
// arguments it was given, which are all it can see.
type fragmentKey struct {
	name string
	n    int // number of arguments: a single value is the dot, not a name
	args [fragmentArgs]any
}

// fragmentArgs is the largest number of arguments of fragment: three pairs
// of name and value.
const fragmentArgs = 6

// Fragment renders the partial name with the arguments kv (names and
// values as for dict) once per build and returns the stored result on
// later calls with the same arguments. Aggregate pages repeat the same
// fragment many times – the row of a measure appears on its strategy, its
// field of action and a dozen agenda pages – and rendering it again costs
// as much as the first time. The partial gets the dict of kv and nothing
// else, so its output depends only on what is in the key; values must be
// comparable (pointers, strings, numbers). Objects of a model are keys by
// identity: a new model after an edit never meets fragments of the old
// one. The result is HTML, so the call must stand in element content, not
// in an attribute. Safe for concurrent use.
//
// With a single value instead of names and values ({{fragment
// "partials/status.html" .Status}}), the partial gets that value as its
// dot, like {{template}}: a small partial that a page calls with the same
// value again and again is then rendered once per value.
func (t *Templates) Fragment(name string, kv ...any) (template.HTML, error) {
	if len(kv) > fragmentArgs {
		return "", fmt.Errorf("fragment %s: höchstens %d Argumente", name, fragmentArgs)
	}
	k := fragmentKey{name: name, n: len(kv)}
	for i, v := range kv {
		if v != nil && !reflect.ValueOf(v).Comparable() {
			return "", fmt.Errorf("fragment %s: Argument %d (%T) taugt nicht als Schlüssel", name, i+1, v)
		}
		k.args[i] = v
	}
	cache := &t.fragments.Load().html
	if v, ok := cache.Load(k); ok {
		return v.(template.HTML), nil
	}
	var data any
	if len(kv) == 1 {
		data = kv[0]
	} else {
		m, err := dict(kv...)
		if err != nil {
			return "", err
		}
		data = m
	}
	if t.base == nil || t.base.Lookup(name) == nil {
		return "", fmt.Errorf("fragment: Vorlage „%s“ fehlt", name)
	}
	b := fragmentBuffers.Get().(*bytes.Buffer)
	defer fragmentBuffers.Put(b)
	b.Reset()
	err := t.base.ExecuteTemplate(b, name, data)
	if _, seen := t.escaped.LoadOrStore(name, true); !seen {
		useDirect(t.base)
	}
	if err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	cache.Store(k, h)
	return h, nil
}

// Fragmente renders the partial name for each element of the slice list
// as {{fragment name key . kv…}} would, in one call: the rows of a table
// with hundreds of measures, most of them rendered before, cost a call
// through reflect each (five arguments) and ten times more than taking the
// stored row (the agenda tables, 24,000 rows at 10,000 pages). The
// template writes the results with {{range}}: one string of all rows would
// cost more than it saves, as text/template prints every value through
// fmt, whose buffer grows anew for each result over 64 KB.
func (t *Templates) Fragmente(name string, list any, key string, kv ...any) ([]template.HTML, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("fragmente %s: %T ist keine Liste", name, list)
	}
	args := append([]any{key, nil}, kv...)
	out := make([]template.HTML, v.Len())
	for i := range out {
		args[1] = v.Index(i).Interface()
		h, err := t.Fragment(name, args...)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

// Frame renders a partial of the page frame – header, footer – like
// Fragment, with the page's own address as the argument "Path". The frame
// is the same on nearly every page; only a link to the page itself is
// marked (aria-current). So Path is left out of the key unless the frame,
// rendered without it, links to that address: 10,000 pages then share a
// few dozen renderings instead of taking a tenth of the build's time.
// The partial may use Path only to compare it with addresses it links to.
func (t *Templates) Frame(name string, kv ...any) (template.HTML, error) {
	at := -1
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == "Path" {
			at = i + 1
		}
	}
	p, ok := "", at >= 0
	if ok {
		p, ok = kv[at].(string)
	}
	if !ok {
		return "", fmt.Errorf("rahmen %s: das Argument Path (die Adresse der Seite) fehlt", name)
	}
	if t.url == nil {
		return "", fmt.Errorf("rahmen %s: die Vorlagenfunktion url fehlt", name)
	}
	blank := append([]any(nil), kv...)
	blank[at] = ""
	h, err := t.Fragment(name, blank...)
	if err != nil {
		return "", err
	}
	k := fragmentKey{name: name, n: len(blank)}
	copy(k.args[:], blank)
	cache := &t.fragments.Load().links
	links, ok := cache.Load(k)
	if !ok {
		set := map[string]bool{}
		for _, m := range reHref.FindAllStringSubmatch(string(h), -1) {
			set[html.UnescapeString(m[1]+m[2]+m[3])] = true
		}
		links, _ = cache.LoadOrStore(k, set)
	}
	if !links.(map[string]bool)[t.url(p)] {
		return h, nil
	}
	return t.Fragment(name, kv...)
}

// reHref finds link targets in any quoting a template may use.
var reHref = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// fragmentBuffers spare a fragment the growing of a fresh buffer; its
// result is copied out at its final size.
var fragmentBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Fragments are the fragments rendered in one build (see
// Templates.Fragment). They belong to that build's model: its objects are
// their keys.
type Fragments struct {
	html  sync.Map // fragmentKey → template.HTML
	links sync.Map // fragmentKey → addresses the fragment links to
}

// NewFragments returns an empty store of fragments.
func NewFragments() *Fragments { return &Fragments{} }

// Use makes the templates store the fragments they render in f: a build
// that renders a new model with templates parsed before passes its own,
// so that the fragments of the old model are dropped with it.
func (t *Templates) Use(f *Fragments) { t.fragments.Store(f) }

// Has reports whether a page template exists.
func (t *Templates) Has(name string) bool { return t.pages[name] != nil }

// File returns the file a template was read from.
func (t *Templates) File(name string) string { return t.files[name] }

// Files returns all template files that were read.
func (t *Templates) Files() []string {
	var out []string
	for _, f := range t.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Execute renders page template name into w, with the base layout.
func (t *Templates) Execute(w io.Writer, name string, data any) error {
	set, err := t.set(name)
	if err != nil {
		return err
	}
	if set == nil {
		return fmt.Errorf("Die Vorlage „%s“ fehlt in layouts/", name)
	}
	err = set.ExecuteTemplate(w, "_base.html", data)
	if !t.direct[name].Swap(true) {
		useDirect(set)
	}
	return err
}

// ExecuteString renders into a string; for tests and small fragments.
func (t *Templates) ExecuteString(name string, data any) (string, error) {
	var b bytes.Buffer
	err := t.Execute(&b, name, data)
	return b.String(), err
}

// Join is path.Join that keeps a trailing slash.
func Join(elem ...string) string {
	p := path.Join(elem...)
	if strings.HasSuffix(elem[len(elem)-1], "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// reErrPos finds "NAME:LINE" in the errors of text/template ("template:
// NAME:LINE:COL: executing …") and html/template ("html/template:NAME:LINE: …").
var reErrPos = regexp.MustCompile(`template: ?([^:\s]+):(\d+)`)

// ErrorPos returns the file and line of an error of Execute. A partial
// rendered by fragment fails inside the page template's call; the
// innermost place is the one to fix, so the last one that names a
// template of the set wins.
func (t *Templates) ErrorPos(err error) (diag.Pos, bool) {
	var pos diag.Pos
	found := false
	for _, m := range reErrPos.FindAllStringSubmatch(err.Error(), -1) {
		file, ok := t.files[m[1]]
		if !ok {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		pos, found = diag.Pos{File: file, Line: line}, true
	}
	return pos, found
}
