package decode

import (
	"path/filepath"
	"testing"

	"tdsite/internal/testkit"
)

// BenchmarkFastParse parses every head and TOML file of the bundled site
// that takes the fast path, as loading does for each content file.
func BenchmarkFastParse(b *testing.B) {
	var heads [][]byte
	for _, src := range tomlTexts(b, filepath.Join(testkit.Root(), "content")) {
		if _, _, ok := fastParse(src, 2); ok {
			heads = append(heads, src)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range heads {
			fastParse(src, 2)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(heads)), "ns/kopf")
}
