package build

import (
	"fmt"
	"slices"

	"tdsite/internal/buildcache"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// An incremental build after an incremental build reuses the site before
// the published one (see publish.Kept): the staging folder already holds
// every file, brought up to the published site, and this build only
// writes what it renders and removes what is gone.

// keptFolder describes the parked previous site for publish.BeginKept;
// nil for a full build, which starts from an empty folder.
func (inc *incremental) keptFolder() *publish.Kept {
	if inc == nil {
		return nil
	}
	return inc.kept
}

// keepRest completes a reused staging folder: the files a full build
// would write that this build did not are there already and are only
// counted; files of the previous output no longer wanted are removed.
func (inc *incremental) keepRest(static map[string]bool, list []*pages.Page, out *publish.Output) error {
	written := out.Written()
	want := rest(static, list, written)
	keep := make(map[string]bool, len(want))
	for _, f := range want {
		size, ok := inc.files[f]
		if !ok {
			return fmt.Errorf("%w: %s fehlt", errNotIncremental, f)
		}
		out.Kept(f, size)
		keep[f] = true
	}
	for f := range inc.files {
		if !keep[f] && !written[f] {
			if err := out.Remove(f); err != nil {
				return fmt.Errorf("%w: %v", errNotIncremental, err)
			}
		}
	}
	return nil
}

// generation is what the next build needs to know of this one's output.
type generation struct {
	files            map[string]int64 // every file of the output → size
	kept             string           // id of the parked previous site
	written, removed []string         // against the output before
}

// newGeneration describes the output of a build that wrote out and, if
// it was incremental, parked the previous site under the id kept.
func newGeneration(out *publish.Output, inc *incremental, kept string) generation {
	g := generation{files: out.Sizes(), kept: kept}
	if inc == nil {
		return g
	}
	for f := range out.Written() {
		g.written = append(g.written, f)
	}
	for f := range inc.files {
		if _, ok := g.files[f]; !ok {
			g.removed = append(g.removed, f)
		}
	}
	slices.Sort(g.written)
	slices.Sort(g.removed)
	return g
}

// record adds g to the detail the build cache keeps for the next build.
func (g generation) record(d *buildcache.Detail) *buildcache.Detail {
	d.Files, d.Kept, d.Written, d.Removed = g.files, g.kept, g.written, g.removed
	return d
}

// fromDetail fills in what inc needs of the last build's output; false
// if the record lacks it.
func (inc *incremental) fromDetail(d *buildcache.Detail) bool {
	if d.Files == nil {
		return false
	}
	inc.files = d.Files
	if d.Kept != "" {
		inc.kept = &publish.Kept{ID: d.Kept, Written: d.Written, Removed: d.Removed}
	}
	return true
}

// outputSum fingerprints the output after the build res. After an
// incremental build only the files it changed are looked at: every other
// file is the one listed before the build, shared by a hard link.
func outputSum(dest string, listing *buildcache.Listing, res *Result) (string, error) {
	if !res.Incremental && res.fresh != nil {
		return res.fresh.Sum, nil
	}
	if listing == nil || !res.Incremental {
		return buildcache.Output(dest)
	}
	changed := append([]string{publish.Marker}, res.output.written...)
	return listing.After(dest, append(changed, res.output.removed...)), nil
}
