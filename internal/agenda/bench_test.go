package agenda_test

import (
	"testing"

	"tdsite/internal/agenda"
)

// BenchmarkBuild measures computing the whole agenda (totals, facets,
// indicators, reports) from the bundled model; it runs once per build.
func BenchmarkBuild(b *testing.B) {
	s := modell(b)
	b.ReportAllocs()
	for b.Loop() {
		agenda.Build(s)
	}
}
