package publish_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"tdsite/internal/linkcheck"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// bundledPages are the pages of the bundled site as the templates render
// them, before minifying, sorted by name; b counts their bytes.
func bundledPages(b *testing.B) (names []string, pages [][]byte) {
	snap := testkit.RenderedPages(b, renderOnly)
	for name := range snap {
		names = append(names, name)
	}
	sort.Strings(names)
	size := 0
	for _, name := range names {
		pages = append(pages, []byte(snap[name]))
		size += len(snap[name])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	return names, pages
}

// BenchmarkWriteHTML measures what the build does with each rendered page
// of the bundled site: minify it, create its folder, write it and scan it
// for the link check – each round into a new folder, as a full build.
func BenchmarkWriteHTML(b *testing.B) {
	names, pages := bundledPages(b)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		o := &publish.Output{Dir: filepath.Join(dir, fmt.Sprint(i)), Minify: true, Links: linkcheck.NewScanned()}
		for k, name := range names {
			if err := o.WriteHTML(name, pages[k]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMinifyPages measures minifying the pages of the bundled site
// alone.
func BenchmarkMinifyPages(b *testing.B) {
	_, pages := bundledPages(b)
	for b.Loop() {
		for _, p := range pages {
			publish.MinifyPage(p)
		}
	}
}

// BenchmarkMinifyScan measures minifying the pages of the bundled site
// with the link check taking their tags from the minifier, without the
// system calls of BenchmarkWriteHTML.
func BenchmarkMinifyScan(b *testing.B) {
	names, pages := bundledPages(b)
	var buf []byte
	for b.Loop() {
		s := linkcheck.NewScanned()
		for k, name := range names {
			p := s.Page(name)
			out, handed, err := publish.MinifyPageTags(buf[:0], pages[k], p)
			if err != nil {
				b.Fatal(err)
			}
			buf = out
			if handed {
				s.AddPage(name, p)
			} else {
				p.Drop()
				s.Add(name, out)
			}
		}
	}
}
