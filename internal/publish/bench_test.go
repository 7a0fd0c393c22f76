package publish_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/linkcheck"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// bundledPages are the pages of the bundled site as the templates render
// them, before minifying, sorted by name; b counts their bytes.
func bundledPages(b *testing.B) (names []string, pages [][]byte) {
	src := testkit.Bundled(b)
	dest := filepath.Join(b.TempDir(), "public")
	if _, _, err := build.Run(context.Background(), build.Options{Source: src, Dest: dest, NoMinify: true, BuildDate: testkit.Date}); err != nil {
		b.Fatal(err)
	}
	snap := testkit.Snapshot(b, dest)
	for name := range snap {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
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
