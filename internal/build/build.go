// Package build runs the pipeline load → validate → model → render → write
// for a whole site and publishes the result atomically.
package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"tdsite/internal/agenda"
	"time"

	"tdsite/internal/assets"
	"tdsite/internal/buildcache"
	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/pages"
	"tdsite/internal/render"
	"tdsite/internal/validate"
)

// Options of a build.
type Options struct {
	Source    string    // site root (contains content/, layouts/, config.toml)
	Dest      string    // output directory, default Source/public
	BuildDate time.Time // zero: config build_datum, else today
	NoMinify  bool
	Progress  func(done, total int) // called while rendering; may be nil
	// Context cancels the build (Ctrl+C); nothing is published then. May be nil.
	Context context.Context
	// Cache skips the build when inputs and output are exactly as after the
	// last successful one (see package buildcache). The command line
	// turns it on; library callers and tests get a real build.
	Cache bool
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
	Links    *linkcheck.Result // internal links checked, external links found
	// ExternalReport is the file listing the external links (beside the
	// output folder, so it is not published); "" if it could not be written.
	ExternalReport string
	// Unchanged: the cache found nothing to do; the output is the one
	// built at Built. Pages, Files, Bytes are those of that build.
	Unchanged bool
	Built     time.Time
	// Notes are problems of cleaning up beside the output folder (a
	// previous output that cannot be deleted); the site was published.
	Notes []string
}

// ErrContent means the content has errors; nothing was published.
var ErrContent = errors.New("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.")

// Prepared is a loaded, checked and modelled site, ready to render.
type Prepared struct {
	Root      string
	Config    *config.Config
	Content   *content.Site
	Model     *model.Site
	Templates *render.Templates
	Pages     []*pages.Page
	Diags     *diag.List
	Assets    *assets.Set // static and generated files; filled by Write before rendering
}

// Prepare runs load → validate → model and parses the templates. The
// returned diagnostics contain everything found; Prepared is nil when there
// were errors.
func Prepare(root string, loader *content.Loader, md *markdown.Renderer, date time.Time) (*Prepared, *diag.List) {
	return prepare(root, loader, md, date, nil)
}

// prepare is Prepare that, with keep, reuses its parsed templates and
// asset names instead of parsing again: the preview does this when only
// content changed.
func prepare(root string, loader *content.Loader, md *markdown.Renderer, date time.Time, keep *Prepared) (*Prepared, *diag.List) {
	diags := &diag.List{}
	cfg, cd := config.Load(root)
	diags.Merge(cd)
	if loader == nil {
		loader = content.NewLoader()
	}
	cs, ld := loader.Load(root)
	diags.Merge(ld)
	diags.Merge(validate.Check(cs))
	if cfg != nil {
		diags.Merge(validate.Markdown(cs, cfg.Markdown.UnsafeHTML))
		if keep == nil {
			diags.Merge(checkStatic(root, cfg.Theme))
		}
		cfg.Quittieren(diags)
	}
	if cfg == nil || diags.HasErrors() {
		return nil, diags
	}
	if md == nil {
		md = markdown.New(cfg.Markdown.UnsafeHTML)
	}
	bd := datum.FromTime(date)
	if date.IsZero() {
		bd = cfg.BuildDatum
		if bd.IsZero() {
			bd = datum.FromTime(time.Now())
		}
	}
	m := model.Build(cs, cfg, md, bd)
	pd := ModelChecks(cs, m, bd, false)
	diags.Merge(pd)
	if pd.HasErrors() {
		return nil, diags
	}
	if keep != nil {
		// The fragments of the old model would only keep it in memory.
		keep.Templates.ForgetFragments()
		p := &Prepared{Root: root, Config: cfg, Content: cs, Model: m, Templates: keep.Templates, Pages: pages.List(m), Diags: diags, Assets: keep.Assets}
		return p, diags
	}
	set := assets.New()
	tpl, td := loadTemplates(root, cfg, set)
	mergeNew(diags, td)
	if tpl == nil || td.HasErrors() {
		return nil, diags
	}
	p := &Prepared{Root: root, Config: cfg, Content: cs, Model: m, Templates: tpl, Pages: pages.List(m), Diags: diags, Assets: set}
	return p, diags
}

// ModelChecks are the checks that need the linked model and the build day
// (stale statuses, closed reports, due dates), with the strategies'
// [ausnahmen] applied. build and check both run them; alle lists every
// stale measure instead of the first few.
func ModelChecks(cs *content.Site, m *model.Site, day datum.Datum, alle bool) *diag.List {
	l := agenda.Pruefen(m, alle)
	l.Merge(validate.Fristen(cs, day))
	validate.Quittieren(cs, l)
	return l
}

// loadTemplates parses the templates with the template functions, whose
// asset links a static file under its published name in set.
func loadTemplates(root string, cfg *config.Config, set *assets.Set) (*render.Templates, *diag.List) {
	funcs := render.Funcs(cfg.BaseURL)
	url := funcs["url"].(func(string) string)
	funcs["asset"] = func(sitePath string) (string, error) {
		pub, err := set.Path(sitePath)
		return url(pub), err
	}
	return render.Load(root, cfg.Theme, funcs)
}

// mergeNew adds the findings of o that l does not have yet: a linked
// themes/<theme> is found on the way to its layouts and to its static
// files, and is one mistake.
func mergeNew(l, o *diag.List) {
	have := map[diag.Diagnostic]bool{}
	for _, d := range l.Items() {
		have[d] = true
	}
	for _, d := range o.Items() {
		if !have[d] {
			l.Add(d)
		}
	}
}

// retemplate is prepare after a change to templates alone: content, model
// and page list stay as they were, with their findings; only the
// templates are parsed again.
func retemplate(old *Prepared) (*Prepared, *diag.List) {
	diags := &diag.List{}
	diags.Merge(old.Diags)
	tpl, td := loadTemplates(old.Root, old.Config, old.Assets)
	mergeNew(diags, td)
	if tpl == nil || td.HasErrors() {
		return nil, diags
	}
	p := *old
	p.Templates, p.Diags = tpl, diags
	return &p, diags
}

// Run builds the site at opts.Source into opts.Dest. On any error the
// previous output stays untouched.
func Run(opts Options) (*Result, *diag.List, error) {
	start := time.Now()
	root, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(root, "public")
	}
	dest, _ = filepath.Abs(dest)
	var cacheFile, inputs string
	if opts.Cache {
		cacheFile = buildcache.File(dest)
		// Leftovers of an earlier run beside the output need a real build:
		// only it removes them (under the lock) or says why it cannot.
		left := hasLeftovers(dest)
		if res, diags := unchanged(root, dest, cacheFile, &inputs, opts); res != nil && !left {
			res.Duration = time.Since(start)
			return res, diags, nil
		}
	}
	p, diags := Prepare(root, nil, nil, opts.BuildDate)
	if p == nil {
		return nil, diags, ErrContent
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := WriteContext(ctx, p, dest, !opts.NoMinify && p.Config.MinifyEnabled(), opts.Progress)
	var le *OutputError
	if errors.As(err, &le) {
		diags.Merge(le.Diags)
		return nil, diags, ErrContent
	}
	if err != nil {
		return nil, diags, err
	}
	if inputs != "" {
		saveState(cacheFile, dest, inputs, res, diags)
	}
	res.Duration = time.Since(start)
	return res, diags, nil
}

// unchanged returns the result of the last build when neither the inputs
// nor the published output changed since; it sets *inputs to the
// fingerprint of the inputs for saving after a real build ("" if they
// could not be read, which turns the cache off).
func unchanged(root, dest, cacheFile string, inputs *string, opts Options) (*Result, *diag.List) {
	day := opts.BuildDate
	if day.IsZero() {
		day = time.Now() // "Stand" on every page; build_datum is in config.toml
	}
	st := buildcache.Load(cacheFile)
	// Both folders are walked at the same time: on a large site the walks
	// are most of the time a build without changes takes.
	type fingerprint struct {
		sum string
		err error
	}
	output := make(chan fingerprint, 1)
	if st != nil {
		go func() {
			sum, err := buildcache.Output(dest)
			output <- fingerprint{sum, err}
		}()
	}
	in, err := buildcache.Inputs(root, []string{config.File, "content", "layouts", "themes", "static"},
		"dest="+dest, fmt.Sprint("nominify=", opts.NoMinify), "datum="+day.Format("2006-01-02"))
	if err != nil {
		return nil, nil
	}
	*inputs = in
	if st == nil || !buildcache.Same(st.Inputs, in) {
		return nil, nil
	}
	if out := <-output; out.err != nil || !buildcache.Same(out.sum, st.Output) {
		return nil, nil
	}
	return &Result{Unchanged: true, Built: st.Built, Pages: st.Pages, Files: st.Files, Bytes: st.Bytes,
		Links: &linkcheck.Result{Files: st.LinkFiles, Internal: st.LinksInternal}}, st.DiagList()
}

// saveState records a successful build for the next run. Failing to save
// only costs the next run a full build.
func saveState(cacheFile, dest, inputs string, res *Result, diags *diag.List) {
	out, err := buildcache.Output(dest)
	if err != nil {
		buildcache.Remove(cacheFile)
		return
	}
	st := &buildcache.State{Inputs: inputs, Output: out, Built: time.Now(), Pages: res.Pages, Files: res.Files, Bytes: res.Bytes, Diags: diags.Items()}
	if res.Links != nil {
		st.LinkFiles, st.LinksInternal = res.Links.Files, res.Links.Internal
	}
	if st.Save(cacheFile) != nil {
		buildcache.Remove(cacheFile)
	}
}

// Write renders all pages and assets into a fresh directory beside dest and
// swaps it in only when everything succeeded.
func Write(p *Prepared, dest string, minify bool, progress func(done, total int)) (*Result, error) {
	return WriteContext(context.Background(), p, dest, minify, progress)
}

// WriteContext is Write that stops early, publishing nothing, when ctx is
// cancelled.
func WriteContext(ctx context.Context, p *Prepared, dest string, minify bool, progress func(done, total int)) (*Result, error) {
	st, err := beginStaging(p.Root, dest)
	if err != nil {
		return nil, err
	}
	published := false
	defer func() {
		if !published {
			st.abort()
		}
	}()
	if d := duplicatePages(p); d.Len() > 0 {
		return nil, &OutputError{Diags: d}
	}
	out := &Output{Dir: st.dir, Minify: minify, Ctx: ctx, Links: linkcheck.NewScanned()}
	res := &Result{Pages: len(p.Pages)}
	// Static files and the search index first: pages link them by their
	// fingerprinted names.
	p.Assets.Reset()
	if err := CopyStatic(p, out); err != nil {
		return nil, err
	}
	if err := WriteSearchIndex(p, out); err != nil {
		return nil, err
	}
	// Sitemap and feed need only the page list. Written beside the pages,
	// they no longer wait for them on one core.
	extras := make(chan error, 1)
	go func() { extras <- WriteExtras(p, out) }()
	err = RenderPages(p, p.Pages, out, progress)
	if xerr := <-extras; err == nil {
		err = xerr
	}
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrAbgebrochen
	}
	links, err := checkLinks(p, st.dir, out.Links)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrAbgebrochen
	}
	res.Files, res.Bytes, res.Links = int(out.files.Load()), out.bytes.Load(), links
	published = true // publish cleans up itself, also on failure
	if err := st.publish(); err != nil {
		return nil, err
	}
	res.Notes = st.notes
	report := filepath.Join(st.parent, st.base+"-externe-links.txt")
	if writeExternalReport(p, links, report) == nil {
		res.ExternalReport = report
	}
	return res, nil
}

// RenderPages renders pages with a bounded worker pool (one per core). A
// template that fails on a page, or a missing one, is a fault of the
// templates, not of the disk: it comes back as an OutputError with one
// finding per place in the templates, whatever the number of pages.
func RenderPages(p *Prepared, list []*pages.Page, out *Output, progress func(done, total int)) error {
	var (
		wg       sync.WaitGroup
		firstErr error
		mu       sync.Mutex
		done     atomic.Int64
	)
	faults := &templateFaults{}
	jobs := make(chan *pages.Page)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for pg := range jobs {
				if out.cancelled() {
					mu.Lock()
					if firstErr == nil {
						firstErr = ErrAbgebrochen
					}
					mu.Unlock()
					continue
				}
				buf.Reset()
				var err error
				switch {
				case pg.Raw != nil:
					var data []byte
					if data, err = pg.Raw(); err == nil {
						err = out.WriteFile(pg.File(), data)
					}
				case !p.Templates.Has(pg.Template):
					faults.missing(pg)
				default:
					if terr := p.Templates.Execute(&buf, pg.Template, pg); terr != nil {
						faults.failed(p, pg, terr)
					} else {
						err = out.WriteHTML(pg.File(), buf.Bytes())
					}
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("%s: %w", pg.Path, err)
					}
					mu.Unlock()
				}
				if n := done.Add(1); progress != nil {
					progress(int(n), len(list))
				}
			}
		}()
	}
	for _, pg := range heavyFirst(list) {
		jobs <- pg
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr // interrupted, or the output cannot be written
	}
	return faults.err()
}

// templateFaults groups the pages whose template failed by the place to
// fix: a wrong line in massnahme.html fails on every measure page and is
// one mistake.
type templateFaults struct {
	mu     sync.Mutex
	groups map[diag.Pos]*templateFault
	order  []diag.Pos
}

type templateFault struct {
	page   *pages.Page // the first page it failed on
	detail string      // Go's error, "" for a missing template
	more   int         // further pages
}

func (f *templateFaults) add(pos diag.Pos, pg *pages.Page, detail string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.groups == nil {
		f.groups = map[diag.Pos]*templateFault{}
	}
	if g := f.groups[pos]; g != nil {
		g.more++
		return
	}
	f.groups[pos] = &templateFault{page: pg, detail: detail}
	f.order = append(f.order, pos)
}

// missing records a page whose template does not exist (deleted, renamed).
func (f *templateFaults) missing(pg *pages.Page) {
	f.add(diag.Pos{File: "layouts/" + pg.Template}, pg, "")
}

// failed records an error of executing a template. Without a place in
// the error the page template's file stands for it.
func (f *templateFaults) failed(p *Prepared, pg *pages.Page, err error) {
	pos, ok := p.Templates.ErrorPos(err)
	if !ok {
		pos = diag.Pos{File: p.Templates.File(pg.Template)}
	}
	f.add(pos, pg, err.Error())
}

func (f *templateFaults) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.order) == 0 {
		return nil
	}
	l := &diag.List{}
	for _, pos := range f.order {
		g := f.groups[pos]
		page := g.page.Path
		if g.detail == "" {
			more := ""
			if g.more > 0 {
				more = fmt.Sprintf(" (und für %d weitere Seiten)", g.more)
			}
			name := strings.TrimPrefix(pos.File, "layouts/")
			l.Errorf(pos, "vorlage", fmt.Sprintf("Stellen Sie die Datei %s wieder her (z. B. mit „git checkout -- %s“) oder legen Sie sie neu an.", pos.File, pos.File),
				"Die Vorlage %s fehlt; sie wird für die Seite %s gebraucht%s.", name, page, more)
			continue
		}
		more := ""
		if g.more > 0 {
			more = fmt.Sprintf(" (ebenso bei %d weiteren Seiten)", g.more)
		}
		hint := "Die Anweisung in dieser Zeile passt nicht zu den Daten der Seite (z. B. ein Index außerhalb der Liste, ein fehlendes Feld, ein leerer Wert). Sichern Sie sie mit {{ if }} oder {{ with }} ab oder korrigieren Sie sie."
		if strings.Contains(g.detail, "no such template") || strings.Contains(g.detail, "“ fehlt") {
			hint = "Die Zeile bindet eine Vorlage ein, die es nicht gibt. Stellen Sie die Datei wieder her (z. B. in layouts/partials/) oder korrigieren Sie den Namen."
		}
		l.Errorf(pos, "vorlage", hint, "Die Vorlage bricht bei der Seite %s ab%s: %s", page, more, g.detail)
	}
	return &OutputError{Diags: l}
}

// heavyFirst orders pages so that the expensive ones start first: an
// overview of the whole agenda takes a hundred times as long as a measure
// page, and started last it would leave one core idle at the end. The
// number of files a page depends on is a good enough estimate of its cost.
func heavyFirst(list []*pages.Page) []*pages.Page {
	cost := func(pg *pages.Page) int {
		if pg.Raw != nil || slices.Contains(pg.Deps, pages.All) {
			return math.MaxInt
		}
		return len(pg.Deps)
	}
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b *pages.Page) int { return cmp.Compare(cost(b), cost(a)) })
	return out
}

// Swap replaces dest by stage with renames, so that readers see either the
// old or the new site, never a half-written one. stage must be a directory
// beside dest.
func Swap(stage, dest string) error {
	st := &staging{dir: stage, dest: dest, parent: filepath.Dir(dest), base: filepath.Base(dest), unlock: func() {}}
	return st.publish()
}

// copyFile copies a file, creating directories.
func copyFile(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}
