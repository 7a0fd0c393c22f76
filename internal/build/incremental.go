package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// incremental is what a build needs to render only the pages a change of
// content files touches and to take all other files from the published
// output.
type incremental struct {
	prev    string              // the published output (symlinks resolved)
	content map[string]bool     // the changed content files
	before  map[string][]string // page path → Deps, of the last build
	files   map[string]int64    // the previous output: file → size
	kept    *publish.Kept       // the site before it, parked; nil: none
}

// contentOnly returns the changed files as a set when all of them are
// content files ("content/…"); any other change (config, templates,
// static files, themes) can affect every page and needs a full build.
func contentOnly(changed []string) (map[string]bool, bool) {
	set := map[string]bool{}
	for _, f := range changed {
		if !strings.HasPrefix(f, "content/") {
			return nil, false
		}
		set[f] = true
	}
	return set, true
}

// Touches is 2 when deps name a changed content file (or a removed folder
// above one), 1 when they contain pages.All and some content changed, 0
// otherwise. The preview and the incremental build decide with it which
// pages to render again.
func Touches(deps []string, content map[string]bool) int {
	hit := 0
	for _, d := range deps {
		if d == pages.All {
			hit = 1
			continue
		}
		for f := range content {
			if d == f || strings.HasPrefix(d, f+"/") {
				return 2
			}
		}
	}
	if len(content) == 0 {
		return 0
	}
	return hit
}

// render lists the pages of list to render again: new ones and those
// that depend, now or in the last build, on a changed file. Pages that
// others link by a fingerprinted name are left out: WriteAssets writes
// them always.
func (inc *incremental) render(list []*pages.Page) []*pages.Page {
	var out []*pages.Page
	for _, pg := range list {
		if pg.Asset {
			continue
		}
		prev, ok := inc.before[pg.Path]
		if !ok || Touches(pg.Deps, inc.content) > 0 || Touches(prev, inc.content) > 0 {
			out = append(out, pg)
		}
	}
	return out
}

// linkRest completes the staging folder of an incremental build: every
// file a full build would write (static files in static, pages and assets
// in list) that this build did not write is linked from the previous
// output. Files of pages that are gone are thereby left out.
func (inc *incremental) linkRest(static map[string]bool, list []*pages.Page, out *publish.Output) error {
	want := rest(static, list, out.Written())
	err := publish.Each(len(want), func(i int) error { return out.Link(inc.prev, want[i]) })
	if err != nil {
		return fmt.Errorf("%w: %v", errNotIncremental, err)
	}
	return nil
}

// rest lists the files a full build would write (static files in static,
// pages and assets in list) that are not in written.
func rest(static map[string]bool, list []*pages.Page, written map[string]bool) []string {
	want := make([]string, 0, len(list)+len(static))
	for f := range static {
		want = append(want, f)
	}
	for _, pg := range list {
		if !pg.Asset {
			want = append(want, pg.File())
		}
	}
	return slices.DeleteFunc(want, func(f string) bool { return written[f] })
}

// errNotIncremental: the previous output does not have a file it should
// have; the build starts again in full.
var errNotIncremental = errors.New("die vorige Ausgabe ist unvollständig")

// depsOf records the dependencies of the pages of a build for the next.
func depsOf(list []*pages.Page) map[string][]string {
	m := make(map[string][]string, len(list))
	for _, pg := range list {
		m[pg.Path] = pg.Deps
	}
	return m
}
