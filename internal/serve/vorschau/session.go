// Package vorschau keeps the site of the preview server up to date: after
// an edit it renders only the pages that depend on what changed.
package vorschau

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
	"tdsite/internal/validate"
)

// Session keeps a site built into a directory up to date for the preview
// server: after a change it loads and checks everything again (with the
// caches of the last build carried over: only changed files are read
// again, only changed texts converted) but renders only the pages that
// depend on what changed. The directory is written in place; there is no staging and no link check,
// because only the editor looks at it. The page of an edited strategy
// file is rendered even before that, from its strategy alone
// (renderVorab).
type Session struct {
	Root string
	Dir  string
	Date time.Time // zero: config build_datum, else today
	// Viewed lists the site paths open in a browser (may be nil). Those of
	// them that need rendering are rendered first, with the pages of the
	// changed file, so that the page an editor looks at reloads early
	// also after a template or config change.
	Viewed func() []string

	caches *build.Caches   // of the last build, good or not
	last   *build.Prepared // last good state, nil before the first good build
	vorab  []vorabPage
	// changes of failed Applies, applied again with the next change
	unapplied []string
	redoAll   bool
}

// vorabPage is a page rendered ahead of the full pass (see renderVorab).
type vorabPage struct {
	path, file string
	before     []byte // nil: the file did not exist
	after      []byte
}

// Update describes what one rebuild did.
type Update struct {
	Rendered []string // site paths of re-rendered pages
	Removed  []string // site paths of pages that no longer exist
	Static   bool     // static files were copied again
	CSSOnly  bool     // only stylesheets changed: no page needs a reload
	Full     bool     // everything was rendered
	// Ahead lists the pages rendered from the changed strategy alone,
	// before the full pass (see renderVorab); Early is the time until the
	// first pages were handed to early.
	Ahead    []string
	Early    time.Duration
	Duration time.Duration
}

// NewSession prepares a session; call Build for the first full build.
func NewSession(root, dir string) *Session {
	return &Session{Root: root, Dir: dir, caches: build.NewCaches()}
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
	// After a failed Apply the last good state lacks its changes too: a
	// broken template must not be skipped because only content changed
	// since, nor broken content because only a template did.
	switch {
	case s.redoAll:
		changed = nil
	case changed != nil:
		changed = append(append([]string{}, changed...), s.unapplied...)
	}
	up, diags, err := s.apply(changed, early)
	s.unapplied, s.redoAll = nil, false
	if err != nil {
		s.unapplied, s.redoAll = changed, changed == nil
	}
	return up, diags, err
}

func (s *Session) apply(changed []string, early func(paths []string)) (*Update, *diag.List, error) {
	start := time.Now()
	up := &Update{}
	if early != nil {
		inner := early
		early = func(paths []string) {
			if up.Early == 0 {
				up.Early = time.Since(start)
			}
			inner(paths)
		}
	}
	c := s.classify(changed)
	if s.last != nil && c.onlyStatic() {
		if err := s.copyStatic(s.last); err != nil {
			return s.failed(nil, err)
		}
		up.Static, up.CSSOnly = true, c.onlyCSS
		up.Duration = time.Since(start)
		return up, s.last.Diags, nil
	}
	// Each rebuild has caches of its own, with what the last one read
	// and converted carried over; nothing of older builds stays.
	caches := s.caches.Next()
	s.caches = caches
	ctx := context.Background() // a rebuild is not interrupted; the next edit waits for it
	old := s.last
	full := old == nil || changed == nil || c.config
	// Only content changed: templates and static files are as they were.
	// Only templates changed: content, model and pages are.
	var keep *build.Prepared
	templatesOnly := false
	if !full && len(c.static) == 0 && !c.other {
		switch {
		case len(c.templates) == 0:
			keep = old
			if early != nil {
				up.Ahead = s.renderVorab(ctx, old, c, caches, early)
			}
		case len(c.content) == 0:
			templatesOnly = true
		}
	}
	defer func() { s.vorab = nil }()
	var p *build.Prepared
	var diags *diag.List
	switch {
	case templatesOnly:
		p, diags = build.Retemplate(old, caches)
	case keep != nil:
		p, diags = build.Remodel(keep, s.Date, caches)
	default:
		p, diags = build.Prepare(s.Root, s.Date, caches)
	}
	if p == nil {
		s.undoVorab()
		return nil, diags, build.ErrContent
	}
	if d := build.DuplicatePages(p); d.Len() > 0 {
		diags.Merge(d)
		s.undoVorab()
		return nil, diags, build.ErrContent
	}
	out := &publish.Output{Dir: s.Dir, Atomic: true}
	list := p.Pages
	if keep == nil && !templatesOnly {
		// Assets first: templates look up the names of CSS, JS and the index.
		p.Assets.Plain = true
		if err := s.copyStatic(p); err != nil {
			return s.failed(diags, err)
		}
		var err error
		if list, err = build.WriteAssets(p, list, out); err != nil {
			return nil, diags, err
		}
	}
	var first, rest []*pages.Page
	if full {
		rest = list
	} else {
		first, rest, up.Removed = affected(old, p, c)
		first, rest = withoutAssets(first), withoutAssets(rest)
	}
	if old != nil && s.Viewed != nil {
		first, rest = promote(first, rest, s.Viewed())
	}
	if len(first) > 0 {
		if err := build.RenderPages(ctx, p, first, out, nil); err != nil {
			return s.failed(diags, err)
		}
		if notify := s.needReload(first, true); early != nil && len(notify) > 0 {
			early(notify)
		}
	}
	if err := build.RenderPages(ctx, p, rest, out, nil); err != nil {
		return s.failed(diags, err)
	}
	if again := s.needReload(rest, false); early != nil && len(again) > 0 {
		early(again)
	}
	if keep != nil {
		// The index is published under its name of the first build
		// (Assets.Plain), which pages rendered before link already.
		if _, err := build.WriteAssets(p, p.Pages, out); err != nil {
			return nil, diags, err
		}
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

// failed ends an Apply that met an OutputError – a refused symlink in a
// static tree, a template that fails on a page – like one with content
// errors: the findings go to the editor, pages rendered ahead are put
// back. Other errors are failures to read or write.
func (s *Session) failed(diags *diag.List, err error) (*Update, *diag.List, error) {
	var oe *build.OutputError
	if !errors.As(err, &oe) {
		return nil, diags, err
	}
	all := &diag.List{} // not diags itself: it may be the last good state's
	all.Merge(diags)
	all.Merge(oe.Diags)
	s.undoVorab()
	return nil, all, build.ErrContent
}

// renderVorab renders the pages an editor most likely looks at (those
// made from the changed files, and viewed pages that depend on them) from
// the changed files' strategies alone, before the whole site is read,
// checked and modelled again – that takes about 100 ms at 5,000 pages,
// this a few. Only pages whose dependencies all lie in those strategies
// or in site-wide files qualify, so they come out as the full pass will
// render them. On any doubt (a site-wide file changed, a new or deleted
// file, a finding) nothing is rendered and the full pass does it all.
// The full pass renders these pages again: it reloads them once more if
// they came out differently after all, and puts them back as they were if
// the site has errors.
func (s *Session) renderVorab(ctx context.Context, old *build.Prepared, c *changes, caches *build.Caches, early func([]string)) []string {
	slugs := map[string]bool{}
	var files []string
	for f := range c.content {
		parts := strings.Split(f, "/")
		if len(parts) < 4 || parts[1] != "strategien" {
			return nil // a site-wide file: many pages depend on it
		}
		slugs[parts[2]] = true
		files = append(files, f)
	}
	withReferenced(slugs, old.Content)
	withNews(slugs, old.Content)
	keep := func(rel string) bool {
		parts := strings.SplitN(rel, "/", 4)
		return len(parts) < 4 || parts[1] != "strategien" || slugs[parts[2]]
	}
	sub, ld := caches.Loader().Subset(s.Root, files, keep)
	if sub == nil || ld.HasErrors() {
		return nil
	}
	checked := validate.Check(sub)
	if checked.HasErrors() {
		return nil
	}
	m := build.ModelChecked(sub, old.Config, caches.Markdown(old.Config.Markdown.UnsafeHTML), old.Model.BuildDate, checked)
	if m == nil {
		return nil
	}
	viewed := map[string]bool{}
	if s.Viewed != nil {
		for _, v := range s.Viewed() {
			viewed[v] = true
		}
	}
	if (len(m.Meldungen) == 0) != (len(old.Model.Meldungen) == 0) {
		return nil // the navigation of every page links the news only if there are any
	}
	before := map[string]*pages.Page{}
	for _, pg := range old.Pages {
		before[pg.Path] = pg
	}
	var list []*pages.Page
	for _, pg := range pages.List(m) {
		// What a page depends on in the whole site shows in its last full
		// build: the subset cannot know the strategies it leaves out.
		if pg.Raw != nil || !within(pg.Deps, keep) || before[pg.Path] != nil && !within(before[pg.Path].Deps, keep) {
			continue
		}
		if own(pg, c) || viewed[pg.Path] && touches(pg, c) > 0 {
			list = append(list, pg)
		}
	}
	if len(list) == 0 {
		return nil
	}
	for _, pg := range list {
		f := filepath.Join(s.Dir, filepath.FromSlash(pg.File()))
		shown, _ := os.ReadFile(f)
		s.vorab = append(s.vorab, vorabPage{path: pg.Path, file: f, before: shown})
	}
	sp := &build.Prepared{Root: s.Root, Config: old.Config, Content: sub, Model: m, Templates: old.Templates, Pages: list, Assets: old.Assets, Caches: caches}
	if err := build.RenderPages(ctx, sp, list, &publish.Output{Dir: s.Dir, Atomic: true}, nil); err != nil {
		s.undoVorab() // the full pass will report it
		return nil
	}
	for i := range s.vorab {
		s.vorab[i].after, _ = os.ReadFile(s.vorab[i].file)
	}
	early(paths(list))
	return paths(list)
}

// withReferenced adds the strategies that those in slugs name (framework
// strategy, successor, predecessors, related), and theirs in turn: their
// pages are linked and their names shown.
func withReferenced(slugs map[string]bool, cs *content.Site) {
	bySlug := map[string]*content.Strategie{}
	for _, st := range cs.Strategien {
		bySlug[st.Slug] = st
	}
	var todo []string
	for slug := range slugs {
		todo = append(todo, slug)
	}
	for len(todo) > 0 {
		st := bySlug[todo[0]]
		todo = todo[1:]
		if st == nil {
			continue
		}
		refs := append([]string{st.Rahmenstrategie, st.AbgeloestDurch}, st.Vorgaenger...)
		for _, r := range append(refs, st.Verwandt...) {
			if r != "" && !slugs[r] {
				slugs[r] = true
				todo = append(todo, r)
			}
		}
	}
}

// withNews adds a strategy with news if those in slugs have none: the
// navigation of every page links the news only if there are any.
func withNews(slugs map[string]bool, cs *content.Site) {
	for _, st := range cs.Strategien {
		if slugs[st.Slug] && len(st.Meldungen) > 0 {
			return
		}
	}
	for _, st := range cs.Strategien {
		if len(st.Meldungen) > 0 {
			slugs[st.Slug] = true
			withReferenced(slugs, cs)
			return
		}
	}
}

// within reports whether every dependency is a file keep accepts.
func within(deps []string, keep func(string) bool) bool {
	for _, d := range deps {
		if d == pages.All || !keep(d) {
			return false
		}
	}
	return true
}

// needReload returns the paths of the rendered pages a browser has not
// seen yet: pages rendered ahead that came out differently in the full
// pass, and – with others – the pages that were not rendered ahead.
func (s *Session) needReload(rendered []*pages.Page, others bool) []string {
	ahead := map[string][]byte{}
	for _, v := range s.vorab {
		ahead[v.path] = v.after
	}
	var out []string
	for _, pg := range rendered {
		after, ok := ahead[pg.Path]
		if !ok && !others {
			continue
		}
		if ok {
			now, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(pg.File())))
			if err == nil && bytes.Equal(now, after) {
				continue
			}
		}
		out = append(out, pg.Path)
	}
	return out
}

// undoVorab puts pages rendered ahead back as they were: the site has
// errors, and the preview keeps showing the last good state.
func (s *Session) undoVorab() {
	out := &publish.Output{Dir: s.Dir, Atomic: true}
	for _, v := range s.vorab {
		if v.before == nil {
			os.Remove(v.file)
			continue
		}
		rel, _ := filepath.Rel(s.Dir, v.file)
		out.WriteFile(filepath.ToSlash(rel), v.before)
	}
	s.vorab = nil
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

// withoutAssets leaves out the pages written with build.WriteAssets.
func withoutAssets(list []*pages.Page) []*pages.Page {
	return slices.DeleteFunc(list, func(pg *pages.Page) bool { return pg.Asset })
}

func paths(list []*pages.Page) []string {
	out := make([]string, len(list))
	for i, pg := range list {
		out[i] = pg.Path
	}
	return out
}

// Prepared returns the last good state (nil before the first good build).
func (s *Session) Prepared() *build.Prepared { return s.last }

// Caches are the caches of the last rebuild.
func (s *Session) Caches() *build.Caches { return s.caches }

func (s *Session) copyStatic(p *build.Prepared) error {
	return build.CopyStatic(p, &publish.Output{Dir: s.Dir, Atomic: true})
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
// (now or before) on a changed content file (build.Changes), or when its
// template uses a changed template file. first are the pages made from a changed file
// (a measure's own page) and new pages: the pages an editor most likely
// looks at.
func affected(old, p *build.Prepared, c *changes) (first, rest []*pages.Page, removed []string) {
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
	// A change of a measure's or news item's text alone spares the lists
	// that show none (as in `tdsite build`).
	ch := build.SplitChanges(c.content, build.Koepfe(old.Content), build.Koepfe(p.Content), build.SamePages(before, p.Pages))
	now := map[string]bool{}
	for _, pg := range p.Pages {
		now[pg.Path] = true
		prev := before[pg.Path]
		var prevDeps []string
		if prev != nil {
			prevDeps = prev.Deps
		}
		switch {
		case prev == nil && pg.Raw == nil, own(pg, c):
			first = append(first, pg)
		case prev == nil, ch.Affects(pg, prevDeps), pg.Raw == nil && templateHit(pg.Template):
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

// touches is build.Touches for pg (0 for no page).
func touches(pg *pages.Page, c *changes) int {
	if pg == nil {
		return 0
	}
	return build.Touches(pg.Deps, c.content)
}

// own reports whether pg is made from a changed file (its first dependency).
func own(pg *pages.Page, c *changes) bool {
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
