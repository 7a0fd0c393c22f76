// Package build runs the build of a whole site: Prepare (load → validate
// → model → pages), render, check the links, publish. The preview
// (internal/serve) uses its steps for its own incremental rebuilds.
package build

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"tdsite/internal/buildcache"
	"tdsite/internal/config"
	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
	"tdsite/internal/markdown"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// Options of a build.
type Options struct {
	Source    string    // site root (contains content/, layouts/, config.toml)
	Dest      string    // output directory, default Source/public
	BuildDate time.Time // zero: config build_datum, else today
	NoMinify  bool
	Progress  func(done, total int) // called while rendering; may be nil
	// Cache skips the build when inputs and output are exactly as after the
	// last successful one (see package buildcache). The command line
	// turns it on; library callers and tests get a real build.
	Cache bool

	// folders is how publishing changes folders; tests make it fail the
	// way other systems and users do.
	folders publish.Folders
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
	// Rendered is the number of pages rendered: fewer than Pages after an
	// incremental build, which took the others from the previous output.
	Rendered    int
	Incremental bool
	// LinksSince: the link check resolved the references of the rendered
	// pages only (see linkcheck.CheckSince).
	LinksSince bool
	Phases     []Phase // where the time went, in order

	staging *publish.Staging    // removing the previous output
	output  generation          // for the next build
	fresh   *buildcache.Listing // the output of a full build as written, for the record
	reused  bool                // built in the parked site before the last
}

// finish waits until the previous output is removed (see
// publish.Staging.Background) and takes over what could not be.
func (res *Result) finish() {
	w := startWatch()
	res.staging.Wait()
	res.Notes = res.staging.Notes
	res.Phases = append(res.Phases, w.lap("aufräumen"))
}

// ErrAbgebrochen means the build was interrupted (Ctrl+C, SIGTERM) before
// publishing; the previous output is unchanged.
var ErrAbgebrochen = errors.New("Der Build wurde abgebrochen; der bisherige Ausgabeordner bleibt unverändert.")

// ErrContent means the content has errors; nothing was published.
var ErrContent = errors.New("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.")

// Run builds the site at opts.Source into opts.Dest: Prepare, render,
// check links, publish. On any error, and when ctx is cancelled, the
// previous output stays untouched.
func Run(ctx context.Context, opts Options) (*Result, *diag.List, error) {
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
	var cacheFile string
	var last *previous
	var checked Phase // the look at the last build
	if opts.Cache {
		cacheFile = buildcache.File(dest)
		// Leftovers of an earlier run beside the output need a real build:
		// only it removes them (under the lock) or says why it cannot.
		left := publish.HasLeftovers(dest)
		w := startWatch()
		res, diags, pv := unchanged(root, dest, cacheFile, opts)
		checked = w.lap("baustand")
		if res != nil && !left {
			res.Duration = time.Since(start)
			return res, diags, nil
		}
		last = pv
		if left && pv != nil {
			pv.awaitOutput()
			pv.output, pv.listing = false, nil
		}
	}
	// Whether the build can be incremental is read from the records
	// while the content loads.
	var inc *incremental
	var vorrat *vorratDatei // the HTML of the texts for a full build
	known := make(chan struct{})
	go func() {
		defer close(known)
		inc = last.incremental(dest)
		if inc == nil && last != nil && last.inputs != nil {
			vorrat = loadVorrat(buildcache.HTMLFile(cacheFile), last.inputs.Program)
		}
	}()
	c := NewCaches()
	c.einmal = true
	if last != nil && last.inputs != nil {
		c.loader.UseStats(last.inputs.TakeStats())
	}
	inhalte := seedContent(c, cacheFile, root, last)
	defer inhalte.wait()
	if inhalte != nil {
		inhalte.plan = func() ([]string, []string, bool) {
			<-known
			if inc == nil {
				return nil, nil, false
			}
			return slices.Sorted(maps.Keys(inc.content)), inc.before.Unseen, true
		}
	}
	c.loaded = inhalte.write
	c.seed = func() *markdown.Befunde {
		<-known
		if inc != nil {
			// Only a few pages are rendered: the other texts need their
			// findings, not their HTML.
			return inc.befunde
		}
		if last == nil || last.inputs == nil {
			return nil
		}
		// A full build takes the HTML of unchanged texts and their
		// findings from the last full build, and keeps what it renders
		// for the next (vorratSchreiber).
		var html map[[32]byte]string
		var befunde *markdown.Befunde
		if vorrat != nil {
			html, befunde = vorrat.HTML, vorrat.Befunde
		}
		out := &vorratSchreiber{file: buildcache.HTMLFile(cacheFile), program: last.inputs.Program}
		c.vorrat = func(md *markdown.Renderer) {
			c.vorratOut = out
			md.UseVorrat(html, out.add)
		}
		return befunde
	}
	// A build that ends before saving leaves the HTML file as it was.
	defer func() { c.vorratOut.abandon() }()
	p, diags := Prepare(root, opts.BuildDate, c)
	<-known
	if p == nil {
		return nil, diags, ErrContent
	}
	minify := !opts.NoMinify && p.Config.MinifyEnabled()
	var record func() *buildcache.Detail
	if last != nil && last.inputs != nil {
		record = startDetail(last.inputs, p, inc)
	}
	res, err := write(ctx, p, dest, minify, opts, inc)
	var le *OutputError
	if inc != nil && (errors.Is(err, errNotIncremental) || errors.As(err, &le)) {
		// The previous output lacks a file, or the site has an error that
		// a full build must confirm: never publish on the strength of the
		// page dependencies alone.
		inc = nil
		res, err = write(ctx, p, dest, minify, opts, nil)
	}
	if errors.As(err, &le) {
		diags.Merge(le.Diags)
		return nil, diags, ErrContent
	}
	if err != nil {
		return nil, diags, err
	}
	before := p.Phases
	if checked.Name != "" {
		before = append([]Phase{checked}, before...)
	}
	res.Phases = append(before, res.Phases...)
	if last != nil && last.inputs != nil {
		w := startWatch()
		d := record()
		inhalte.record(d)
		saveState(cacheFile, dest, last, res, diags, p, d)
		res.Phases = append(res.Phases, w.lap("sichern"))
	}
	res.finish()
	res.Duration = time.Since(start)
	return res, diags, nil
}

// previous is what the cache knows of the last build.
type previous struct {
	file   string               // the record
	state  *buildcache.State    // nil: no record
	inputs *buildcache.Snapshot // the inputs now; nil: unreadable, no cache
	output bool                 // the published output is the one recorded
	// listing is the published output as walked, if it is the one recorded.
	listing *buildcache.Listing
	// walk brings the walk of the published output, which a build of
	// changed inputs does not wait for before loading; awaitOutput takes
	// it into output and listing.
	walk <-chan outputWalk
}

type outputWalk struct {
	list *buildcache.Listing
	err  error
}

// awaitOutput waits for the walk of the published output, if it is still
// on its way, and records whether the output is the one recorded.
func (pv *previous) awaitOutput() {
	if pv.walk == nil {
		return
	}
	out := <-pv.walk
	pv.walk = nil
	pv.output = out.err == nil && buildcache.Same(out.list.Sum, pv.state.Output)
	if pv.output {
		pv.listing = out.list
	}
}

// incremental returns how to build incrementally after the last build,
// or nil for a full build: when there is no record of it, its output was
// changed since, or anything but content files changed.
func (pv *previous) incremental(dest string) *incremental {
	if pv == nil {
		return nil
	}
	pv.awaitOutput()
	if pv.state == nil || pv.inputs == nil || !pv.output {
		return nil
	}
	detail := buildcache.LoadDetail(buildcache.DetailFile(pv.file), pv.state)
	if detail == nil {
		return nil
	}
	changed, ok := detail.Changed(pv.inputs)
	if !ok || len(changed) == 0 {
		return nil
	}
	content, ok := contentOnly(changed)
	if !ok {
		return nil
	}
	real, err := filepath.EvalSymlinks(dest)
	if err != nil {
		return nil
	}
	inc := &incremental{prev: real, content: content, before: detail, koepfe: detail.Koepfe, links: detail.Links}
	if !inc.fromDetail(detail) {
		return nil
	}
	// Megabytes at 10,000 pages: read only for a build that is incremental.
	inc.befunde = loadBefunde(buildcache.MarkdownFile(pv.file), pv.state)
	return inc
}

// unchanged returns the result of the last build when neither the inputs
// nor the published output changed since; it also returns what it found
// for an incremental build and for saving after a real one.
func unchanged(root, dest, cacheFile string, opts Options) (*Result, *diag.List, *previous) {
	day := opts.BuildDate
	if day.IsZero() {
		day = time.Now() // "Stand" on every page; build_datum is in config.toml
	}
	pv := &previous{file: cacheFile, state: buildcache.Load(cacheFile)}
	// Both folders are walked at the same time: on a large site the walks
	// are most of the time a build without changes takes.
	if pv.state != nil {
		walk := make(chan outputWalk, 1)
		go func() {
			l, err := buildcache.ListOutput(dest)
			walk <- outputWalk{l, err}
		}()
		pv.walk = walk
	}
	in, err := buildcache.Scan(root, []string{config.File, "content", "layouts", "themes", "static"},
		"dest="+dest, fmt.Sprint("nominify=", opts.NoMinify), "datum="+day.Format("2006-01-02"))
	if err != nil {
		return nil, nil, nil
	}
	pv.inputs = in
	st := pv.state
	if st == nil || !buildcache.Same(st.Inputs, in.Sum) {
		// A real build: the content loads while the output is walked
		// (awaitOutput), which only decides between incremental and full.
		return nil, nil, pv
	}
	pv.awaitOutput()
	if !pv.output {
		return nil, nil, pv
	}
	return &Result{Unchanged: true, Built: st.Built, Pages: st.Pages, Files: st.Files, Bytes: st.Bytes,
		Links: &linkcheck.Result{Files: st.LinkFiles, Internal: st.LinksInternal}}, st.DiagList(), pv
}

// startDetail returns the record of the inputs and the page dependencies
// of the build of p, for saveState to complete. They are known before
// the pages are rendered: an incremental build (early) makes the record
// meanwhile on another core, as it renders on one for most of its time. A
// full build renders on all cores and makes it at the end, so as not to
// hold it in memory while rendering. An incremental build starts from
// the last build's record (buildcache.NextDetail); should it turn into a
// full one, the record is the same.
func startDetail(inputs *buildcache.Snapshot, p *Prepared, inc *incremental) func() *buildcache.Detail {
	var before *buildcache.Detail
	if inc != nil {
		before = inc.before
	}
	detail := func() *buildcache.Detail {
		d := buildcache.NextDetail(before, "", inputs, depsOf(p.Pages))
		d.Koepfe = Koepfe(p.Content)
		return d
	}
	if inc == nil {
		return detail
	}
	done := make(chan *buildcache.Detail, 1)
	go func() { done <- detail() }()
	return func() *buildcache.Detail { return <-done }
}

// saveState records a successful build for the next run, with detail from
// startDetail. Failing to save only costs the next run a full build.
func saveState(cacheFile, dest string, last *previous, res *Result, diags *diag.List, p *Prepared, detail *buildcache.Detail) {
	inputs := last.inputs
	last.awaitOutput()
	out, err := outputSum(dest, last.listing, res)
	if err != nil {
		buildcache.Remove(cacheFile)
		return
	}
	st := &buildcache.State{Inputs: inputs.Sum, Output: out, Built: time.Now(), Pages: res.Pages, Files: res.Files, Bytes: res.Bytes, Diags: diags.Items()}
	if res.Links != nil {
		st.LinkFiles, st.LinksInternal = res.Links.Files, res.Links.Internal
	}
	detail.Output, detail.Links = out, res.Links
	res.output.record(detail)
	// The HTML of the texts, if a full build collected it, and the
	// findings in the Markdown are written on other cores, while the
	// Detail is encoded.
	html := make(chan struct{})
	go func() {
		defer close(html)
		if w := p.Caches.vorratOut; w != nil {
			w.commit(p.Caches.markdown)
		}
	}()
	befunde := make(chan error, 1)
	go func() {
		md := p.Caches.markdown
		if md == nil {
			befunde <- os.ErrNotExist
			return
		}
		befunde <- saveBefunde(buildcache.MarkdownFile(cacheFile), out, md.Befunde())
	}()
	if detail.Save(buildcache.DetailFile(cacheFile)) != nil || st.Save(cacheFile) != nil {
		<-befunde
		<-html
		buildcache.Remove(cacheFile)
		return
	}
	<-html
	if <-befunde != nil {
		os.Remove(buildcache.MarkdownFile(cacheFile))
	}
}

// write renders p into a fresh folder beside dest, checks its links and
// swaps it in only when everything succeeded. With inc it renders only the
// pages inc names and hard-links every other file from the published
// output into the fresh folder, or finds them there when it reuses the
// site before (vorig.go); written files are new files, so the published
// site is never changed in place.
func write(ctx context.Context, p *Prepared, dest string, minify bool, opts Options, inc *incremental) (*Result, error) {
	res := &Result{Pages: countPages(p.Pages), Incremental: inc != nil}
	// A full build has nothing to do beside making the search index until
	// the pages render on all cores: it makes it where it writes it.
	var made <-chan []madeAsset
	if inc != nil {
		made = startAssets(p.Pages)
	}
	w := startWatch()
	phase := func(name string) { res.Phases = append(res.Phases, w.lap(name)) }
	st, err := opts.folders.BeginKept(p.Root, dest, inc.keptFolder())
	if err != nil {
		return nil, err
	}
	published := false
	defer func() {
		if !published {
			st.Abort()
		}
	}()
	if st.Reused {
		phase("übernehmen") // the parked output brought up to the published
	}
	if d := DuplicatePages(p); d.Len() > 0 {
		return nil, &OutputError{Diags: d}
	}
	out := &publish.Output{Dir: st.Dir, Minify: minify, Links: linkcheck.NewScanned(), Track: true, Stat: inc == nil && opts.Cache}
	// Static files and the search index (in an incremental build made
	// since the start of write, see startAssets) before the pages: pages
	// link them by their fingerprinted names. An incremental build only learns those names;
	// static files did not change, they are linked below.
	p.Assets.Reset()
	static := out
	if inc != nil {
		static = &publish.Output{Dir: st.Dir, Minify: minify, Discard: true}
	}
	if err := CopyStatic(p, static); err != nil {
		return nil, err
	}
	list := notAssets(p.Pages)
	if inc != nil {
		list = inc.render(list, p.Pages, p.Content)
	}
	res.Rendered = len(list)
	var since *linkcheck.Since
	if inc != nil {
		since = inc.since(list, p.Pages)
	}
	if made == nil {
		made = startAssets(p.Pages)
	}
	if err := writeAssets(p, made, out); err != nil {
		return nil, err
	}
	// Where external links were written comes from what rendering the
	// Markdown collected; it is indexed while the pages render.
	written := make(chan *origins, 1)
	go func() { written <- newOrigins(p, mayLinkOut) }()
	if err := RenderPages(ctx, p, list, out, opts.Progress); err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrAbgebrochen
	}
	phase("rendern")
	if inc != nil {
		complete := inc.linkRest
		if st.Reused {
			complete = inc.keepRest
		}
		if err := complete(static.Written(), p.Pages, out); err != nil {
			return nil, err
		}
		phase("verknüpfen")
	}
	links, only, err := checkLinks(p, st.Dir, out.Links, since)
	if err != nil && st.Reused {
		// A file of the reused folder missing or unreadable, or a broken
		// link in it: a full build confirms or corrects it.
		err = fmt.Errorf("%w: %v", errNotIncremental, err)
	}
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrAbgebrochen
	}
	phase("linkprüfung")
	res.Files, res.Bytes, res.Links = out.Files(), out.Bytes(), links
	res.LinksSince = only
	external := externalReport(p, <-written, links)
	published = true // Publish cleans up itself, also on failure
	st.Background = true
	st.Keep = inc != nil
	if err := st.Publish(); err != nil {
		return nil, err
	}
	res.staging, res.reused = st, st.Reused
	res.output = newGeneration(out, inc, st.KeptID)
	if infos := out.Infos(); out.Stat && len(infos) == out.Files() {
		res.fresh = buildcache.ListingOf(dest, infos, publish.Marker)
	}
	phase("veröffentlichen")
	report := st.Beside("-externe-links.txt")
	if writeReport(report, external) == nil {
		res.ExternalReport = report
	}
	phase("linkliste")
	return res, nil
}

// countPages counts the pages of list without the files for machines.
func countPages(list []*pages.Page) int {
	n := 0
	for _, pg := range list {
		if !pg.Machine {
			n++
		}
	}
	return n
}
