package markdown

import (
	"fmt"
	"testing"

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
