package build

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
	"tdsite/internal/pages"
)

// Session keeps a site built into a directory up to date for the preview
// server: after a change it loads and checks everything again (the loader
// re-reads only changed files, the Markdown renderer reuses unchanged
// texts) but renders only the pages that depend on what changed. The
// directory is written in place; there is no staging and no link check,
// because only the editor looks at it.
type Session struct {
	Root string
	Dir  string
	Date time.Time // zero: config build_datum, else today
	// Viewed lists the site paths open in a browser (may be nil). Those of
	// them that need rendering are rendered first, with the pages of the
	// changed file, so that the page an editor looks at reloads early
	// also after a template or config change.
	Viewed func() []string

	loader *content.Loader
	md     *markdown.Renderer
	unsafe bool
	last   *Prepared // last good state, nil before the first good build
}

// Update describes what one rebuild did.
type Update struct {
	Rendered []string // site paths of re-rendered pages
	Removed  []string // site paths of pages that no longer exist
	Static   bool     // static files were copied again
	CSSOnly  bool     // only stylesheets changed: no page needs a reload
	Full     bool     // everything was rendered
	Duration time.Duration
}

// NewSession prepares a session; call Build for the first full build.
func NewSession(root, dir string) *Session {
	return &Session{Root: root, Dir: dir, loader: content.NewLoader()}
}

// Build renders the whole site into Dir.
func (s *Session) Build() (*Update, *diag.List, error) {
	return s.Apply(nil, nil)
}

// Apply brings Dir up to date after the files in changed (paths relative
// to Root, slash-separated) changed, appeared or disappeared. With nil or
// before the first good build everything is rendered. On content errors
// Dir keeps the last good site and ErrContent is returned with the
// findings.
//
// Pages made from a changed file are rendered first; then
// early (if not nil) gets their paths, so the preview can reload the page
// an editor is looking at before the site-wide pages (agenda, lists) are
// done.
func (s *Session) Apply(changed []string, early func(paths []string)) (*Update, *diag.List, error) {
	start := time.Now()
	up := &Update{}
	c := s.classify(changed)
	if s.last != nil && c.onlyStatic() {
		if err := s.copyStatic(s.last); err != nil {
			return nil, nil, err
		}
		up.Static, up.CSSOnly = true, c.onlyCSS
		up.Duration = time.Since(start)
		return up, s.last.Diags, nil
	}
	if c.config {
		s.md = nil // config may switch raw HTML on or off
	}
	old := s.last
	full := old == nil || changed == nil || c.config
	// Only content changed: templates and static files are as they were.
	var keep *Prepared
	if !full && len(c.templates) == 0 && len(c.static) == 0 && !c.other {
		keep = old
	}
	p, diags := prepare(s.Root, s.loader, s.md, s.Date, keep)
	if p == nil {
		return nil, diags, ErrContent
	}
	if d := duplicatePages(p); d.Len() > 0 {
		diags.Merge(d)
		return nil, diags, ErrContent
	}
	if s.md == nil {
		s.md = markdown.New(p.Config.Markdown.UnsafeHTML)
	}
	out := &Output{Dir: s.Dir, Atomic: true}
	if keep == nil {
		// Assets first: templates look up the names of CSS, JS and the index.
		p.Assets.Plain = true
		if err := s.copyStatic(p); err != nil {
			return nil, diags, err
		}
		if err := WriteSearchIndex(p, out); err != nil {
			return nil, diags, err
		}
	}
	var first, rest []*pages.Page
	if full {
		rest = p.Pages
	} else {
		first, rest, up.Removed = affected(old, p, c)
	}
	if old != nil && s.Viewed != nil {
		first, rest = promote(first, rest, s.Viewed())
	}
	if len(first) > 0 {
		if err := RenderPages(p, first, out, nil); err != nil {
			return nil, diags, err
		}
		if early != nil {
			early(paths(first))
		}
	}
	if err := RenderPages(p, rest, out, nil); err != nil {
		return nil, diags, err
	}
	if keep != nil {
		if err := WriteSearchIndex(p, out); err != nil {
			return nil, diags, err
		}
	}
	if err := WriteExtras(p, out); err != nil {
		return nil, diags, err
	}
	for _, r := range up.Removed {
		pg := &pages.Page{Path: r}
		os.Remove(filepath.Join(s.Dir, filepath.FromSlash(pg.File())))
	}
	up.Rendered = append(paths(first), paths(rest)...)
	up.Full, up.Static = full, full || len(c.static) > 0
	s.last = p
	up.Duration = time.Since(start)
	return up, diags, nil
}

// promote moves the pages at the viewed paths from rest to first.
func promote(first, rest []*pages.Page, viewed []string) ([]*pages.Page, []*pages.Page) {
	if len(viewed) == 0 {
		return first, rest
	}
	want := map[string]bool{}
	for _, v := range viewed {
		want[v] = true
	}
	var keep []*pages.Page
	for _, pg := range rest {
		if want[pg.Path] {
			first = append(first, pg)
		} else {
			keep = append(keep, pg)
		}
	}
	return first, keep
}

func paths(list []*pages.Page) []string {
	out := make([]string, len(list))
	for i, pg := range list {
		out[i] = pg.Path
	}
	return out
}

// Prepared returns the last good state (nil before the first good build).
func (s *Session) Prepared() *Prepared { return s.last }

func (s *Session) copyStatic(p *Prepared) error {
	return CopyStatic(p, &Output{Dir: s.Dir, Atomic: true})
}

// changes sorts changed paths by what they can affect.
type changes struct {
	content   map[string]bool // content files ("content/…")
	templates map[string]bool // template files ("layouts/…", "themes/x/layouts/…")
	static    []string
	onlyCSS   bool
	config    bool
	other     bool
}

func (c *changes) onlyStatic() bool {
	return len(c.static) > 0 && len(c.content) == 0 && len(c.templates) == 0 && !c.config && !c.other
}

func (s *Session) classify(changed []string) *changes {
	c := &changes{content: map[string]bool{}, templates: map[string]bool{}, onlyCSS: true}
	for _, f := range changed {
		parts := strings.Split(f, "/")
		switch {
		case f == "config.toml":
			c.config = true
		case parts[0] == "content":
			c.content[f] = true
		case parts[0] == "layouts", len(parts) > 2 && parts[0] == "themes" && parts[2] == "layouts":
			c.templates[f] = true
		case parts[0] == "static", len(parts) > 2 && parts[0] == "themes" && parts[2] == "static":
			c.static = append(c.static, f)
			c.onlyCSS = c.onlyCSS && path.Ext(f) == ".css"
		default:
			c.other = true
		}
	}
	if len(c.static) == 0 {
		c.onlyCSS = false
	}
	return c
}

// affected lists the pages of p to render after c, and the paths of old
// pages that are gone. A page is rendered when it is new, when it depends
// (now or before) on a changed content file, or when its template uses a
// changed template file. first are the pages made from a changed file
// (a measure's own page) and new pages: the pages an editor most likely
// looks at.
func affected(old, p *Prepared, c *changes) (first, rest []*pages.Page, removed []string) {
	before := map[string]*pages.Page{}
	for _, pg := range old.Pages {
		before[pg.Path] = pg
	}
	uses := map[string]map[string]bool{} // page template → files
	templateHit := func(name string) bool {
		if len(c.templates) == 0 {
			return false
		}
		u, ok := uses[name]
		if !ok {
			u = p.Templates.Uses(name)
			uses[name] = u
		}
		for f := range c.templates {
			if u[f] {
				return true
			}
		}
		// A template that no page used before may now be used: a new or
		// renamed file shadows another (themes/ over layouts/).
		return !old.Templates.Has(name) || old.Templates.File(name) != p.Templates.File(name)
	}
	// names: 2 when pg names a changed file (or a removed directory above
	// one), 1 when it depends on everything, 0 otherwise.
	names := func(pg *pages.Page) int {
		if pg == nil {
			return 0
		}
		hit := 0
		for _, d := range pg.Deps {
			if d == pages.All {
				hit = 1
				continue
			}
			for f := range c.content {
				if d == f || strings.HasPrefix(d, f+"/") {
					return 2
				}
			}
		}
		if len(c.content) == 0 {
			return 0
		}
		return hit
	}
	// own: the page is made from a changed file (its first dependency).
	own := func(pg *pages.Page) bool {
		if len(pg.Deps) == 0 || pg.Deps[0] == pages.All {
			return false
		}
		for f := range c.content {
			if pg.Deps[0] == f || strings.HasPrefix(pg.Deps[0], f+"/") {
				return true
			}
		}
		return false
	}
	now := map[string]bool{}
	for _, pg := range p.Pages {
		now[pg.Path] = true
		prev := before[pg.Path]
		switch {
		case prev == nil && pg.Raw == nil, own(pg):
			first = append(first, pg)
		case prev == nil, names(pg) > 0, names(prev) > 0, pg.Raw == nil && templateHit(pg.Template):
			rest = append(rest, pg)
		}
	}
	for path := range before {
		if !now[path] {
			removed = append(removed, path)
		}
	}
	sort.Strings(removed)
	return first, rest, removed
}
