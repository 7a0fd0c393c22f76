// Package build runs the build of a whole site: Prepare (load → validate
// → model → pages), render, check the links, publish. The preview
// (internal/serve) uses its steps for its own incremental rebuilds.
package build

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"tdsite/internal/buildcache"
	"tdsite/internal/config"
	"tdsite/internal/diag"
	"tdsite/internal/linkcheck"
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
	var cacheFile, inputs string
	if opts.Cache {
		cacheFile = buildcache.File(dest)
		// Leftovers of an earlier run beside the output need a real build:
		// only it removes them (under the lock) or says why it cannot.
		left := publish.HasLeftovers(dest)
		if res, diags := unchanged(root, dest, cacheFile, &inputs, opts); res != nil && !left {
			res.Duration = time.Since(start)
			return res, diags, nil
		}
	}
	p, diags := Prepare(root, opts.BuildDate, nil)
	if p == nil {
		return nil, diags, ErrContent
	}
	res, err := write(ctx, p, dest, !opts.NoMinify && p.Config.MinifyEnabled(), opts)
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

// write renders p into a fresh folder beside dest, checks its links and
// swaps it in only when everything succeeded.
func write(ctx context.Context, p *Prepared, dest string, minify bool, opts Options) (*Result, error) {
	st, err := opts.folders.Begin(p.Root, dest)
	if err != nil {
		return nil, err
	}
	published := false
	defer func() {
		if !published {
			st.Abort()
		}
	}()
	if d := DuplicatePages(p); d.Len() > 0 {
		return nil, &OutputError{Diags: d}
	}
	out := &publish.Output{Dir: st.Dir, Minify: minify, Links: linkcheck.NewScanned()}
	res := &Result{Pages: countPages(p.Pages)}
	// Static files and the search index first: pages link them by their
	// fingerprinted names.
	p.Assets.Reset()
	if err := CopyStatic(p, out); err != nil {
		return nil, err
	}
	list, err := WriteAssets(p, p.Pages, out)
	if err != nil {
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
	links, err := checkLinks(p, st.Dir, out.Links)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrAbgebrochen
	}
	res.Files, res.Bytes, res.Links = out.Files(), out.Bytes(), links
	external := externalReport(p, <-written, links)
	published = true // Publish cleans up itself, also on failure
	if err := st.Publish(); err != nil {
		return nil, err
	}
	res.Notes = st.Notes
	report := st.Beside("-externe-links.txt")
	if writeReport(report, external) == nil {
		res.ExternalReport = report
	}
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
