package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"tdsite/internal/buildcache"
	"tdsite/internal/content"
	"tdsite/internal/linkcheck"
	"tdsite/internal/markdown"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// incremental is what a build needs to render only the pages a change of
// content files touches and to take all other files from the published
// output.
type incremental struct {
	prev    string          // the published output (symlinks resolved)
	content map[string]bool // the changed content files
	// before is the last build's record: its Pages and Names say on
	// which files each page depended, as indexes, which answer without
	// expanding half a million names into lists of strings.
	before  *buildcache.Detail
	koepfe  map[string]string // heads of measures and news, of the last build
	links   *linkcheck.Result // the last build's link check
	files   map[string]int64  // the previous output: file → size
	kept    *publish.Kept     // the site before it, parked; nil: none
	befunde *markdown.Befunde // the last build's findings in its Markdown; nil: none
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
	if len(content) == 0 {
		// Only texts changed, mostly: no need to look at every dependency
		// of 10,000 pages.
		return 0
	}
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
	return hit
}

// render lists the pages of list to render again (Changes.Affects).
// Pages that others link by a fingerprinted name are left out:
// WriteAssets writes them always. all is every page of the build, cs its
// content.
func (inc *incremental) render(list, all []*pages.Page, cs *content.Site) []*pages.Page {
	ch := SplitChanges(inc.content, inc.koepfe, Koepfe(cs), SamePages(inc.before.Pages, all))
	hit := touchedNames(inc.before.Names, ch.full)
	var out []*pages.Page
	for _, pg := range list {
		if pg.Asset {
			continue
		}
		prev, ok := inc.before.Pages[pg.Path]
		if !ok || ch.affectsNow(pg) || touchedBefore(prev, hit) {
			out = append(out, pg)
		}
	}
	return out
}

// touchedNames says for each name of a record whether a page depending on
// it is touched (Touches) by the changed files full; nil when none is.
// Each name is looked at once instead of once for every page naming it.
func touchedNames(names []string, full map[string]bool) []bool {
	if len(full) == 0 {
		return nil
	}
	hit := make([]bool, len(names))
	for i := range names {
		hit[i] = Touches(names[i:i+1], full) > 0
	}
	return hit
}

// touchedBefore reports whether the recorded dependencies ix of a page
// name a touched name (touchedNames). An index outside the record counts
// as touched: a damaged record may only cost rendering.
func touchedBefore(ix []int, hit []bool) bool {
	if hit == nil {
		return false
	}
	for _, n := range ix {
		if n < 0 || n >= len(hit) || hit[n] {
			return true
		}
	}
	return false
}

// Changes are the changed content files, divided for deciding which
// pages to render again.
type Changes struct {
	full  map[string]bool // may change anything
	texts map[string]bool // measures and news whose text alone changed
}

// SplitChanges divides the changed content files into those whose text
// alone changed – measures and news with the head they had (before and
// now: Koepfe of the content then and now) – and the others. A text alone
// can still decide whether a measure has a page of its own
// (model.Massnahme.HatSeite), and with it the address every list links:
// unless samePages (SamePages), all changes count as whole ones.
func SplitChanges(changed map[string]bool, before, now map[string]string, samePages bool) Changes {
	ch := Changes{full: map[string]bool{}, texts: map[string]bool{}}
	for f := range changed {
		if k, ok := now[f]; ok && samePages && k == before[f] && pages.EigenerText(f) {
			ch.texts[f] = true
		} else {
			ch.full[f] = true
		}
	}
	return ch
}

// SamePages reports whether the pages of list have the paths of before,
// whatever it knows of each.
func SamePages[V any](before map[string]V, list []*pages.Page) bool {
	if len(list) != len(before) {
		return false
	}
	for _, pg := range list {
		if _, ok := before[pg.Path]; !ok {
			return false
		}
	}
	return true
}

// Affects reports whether pg must be rendered again: it depends, now or
// with prev (its Deps in the last build), on a changed file, or it shows
// (pages.Page.Texte) a text that alone changed.
func (ch Changes) Affects(pg *pages.Page, prev []string) bool {
	return ch.affectsNow(pg) || Touches(prev, ch.full) > 0
}

// affectsNow is Affects without the dependencies of the last build.
func (ch Changes) affectsNow(pg *pages.Page) bool {
	return Touches(pg.Deps, ch.full) > 0 || showsText(pg, ch.texts)
}

// since prepares checking only the links of the pages in list, which are
// about to be rendered, all being every page of the build: it reads their
// previous versions before they are replaced. nil: check all.
func (inc *incremental) since(list, all []*pages.Page) *linkcheck.Since {
	if inc.links == nil {
		return nil
	}
	names := make([]string, len(list))
	for i, pg := range list {
		names[i] = pg.File()
	}
	earlier, err := linkcheck.ReadEarlier(inc.prev, names)
	if err != nil {
		return nil
	}
	now := make(map[string]bool, len(all))
	for _, pg := range all {
		now[pg.Path] = true
	}
	var gone []string
	for path := range inc.before.Pages {
		if !now[path] {
			gone = append(gone, (&pages.Page{Path: path}).File())
		}
	}
	return &linkcheck.Since{Before: inc.links, Earlier: earlier, Gone: gone}
}

// showsText reports whether pg shows, or derives anything from, the text
// of one of the files in texts.
func showsText(pg *pages.Page, texts map[string]bool) bool {
	if len(texts) == 0 {
		return false
	}
	if pg.Texte == nil {
		return Touches(pg.Deps, texts) > 0
	}
	for _, f := range pg.Texte {
		if texts[f] {
			return true
		}
	}
	return false
}

// Koepfe maps the files of the measures and news of cs to their heads'
// fingerprints, for SplitChanges.
func Koepfe(cs *content.Site) map[string]string {
	m := map[string]string{}
	if cs == nil {
		return m
	}
	for _, st := range cs.Strategien {
		for _, x := range st.Massnahmen {
			m[x.File] = x.Body.Kopf
		}
		for _, x := range st.Meldungen {
			m[x.File] = x.Body.Kopf
		}
	}
	return m
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
