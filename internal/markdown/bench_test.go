package markdown

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"tdsite/internal/content"
	"tdsite/internal/gencontent"
)

// BenchmarkRender measures parsing and rendering generated measure texts
// (1–8 KB each, as in the 10.000-page corpus), each with a fresh renderer
// so that the cache does not hide the work.
func BenchmarkRender(b *testing.B) {
	var texts [][]byte
	size := 0
	for i := range 64 {
		t := []byte(gencontent.MeasureBody(fmt.Sprintf("K%03d-1%02d", 1+i%8, i), 1+i%8))
		texts = append(texts, t)
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		r := New(false)
		for _, t := range texts {
			if r.Render(t, Options{Prefix: "m-", Offset: 1}) == "" {
				b.Fatal("nothing rendered")
			}
		}
	}
}

// BenchmarkRender10k renders every distinct text of the generated site of
// 10,000 pages once, as a full build does, with a fresh renderer each
// round; B/op is what Markdown allocates in such a build. Goldmark renders
// the same texts with plain goldmark and the extensions of the floor
// (internal/gencontent/cmd/floor): what tdsite adds is the difference.
func BenchmarkRender10k(b *testing.B) {
	texts := texts10k(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.Run("tdsite", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			New(false).RenderAll(texts, Options{})
		}
	})
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(
			goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList,
				extension.Table, extension.Footnote, extension.Typographer),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		)
		var buf bytes.Buffer
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, t := range texts {
				buf.Reset()
				if err := md.Convert(t, &buf); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// texts10k returns the distinct Markdown texts of a generated site of
// 10,000 pages.
func texts10k(b *testing.B) [][]byte {
	dir := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(filepath.Join("..", ".."), dir, 10000); err != nil {
		b.Fatal(err)
	}
	site, diags := content.Load(dir)
	if site == nil {
		b.Fatal(diags)
	}
	seen := map[string]bool{}
	var texts [][]byte
	for _, t := range site.Texts() {
		if !seen[string(t.Src)] {
			seen[string(t.Src)] = true
			texts = append(texts, t.Src)
		}
	}
	return texts
}
