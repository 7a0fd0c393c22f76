//go:build unix

package content

import (
	"path/filepath"
	"syscall"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// BenchmarkLoad10k reads the content of a generated site of 10,000 pages
// with an empty cache, as a full build and every `tdsite build` in a new
// process do (the step „laden“ of `build -v`). cpu-s/op counts both cores:
// on a shared machine it varies less than the time.
func BenchmarkLoad10k(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 10000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	var site *Site
	for i := 0; i < b.N; i++ {
		var diags *diag.List
		site, diags = Load(src)
		if diags.HasErrors() {
			b.Fatal("findings while loading")
		}
	}
	b.StopTimer()
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano()
	b.ReportMetric(float64(cpu)/1e9/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(site.Files)), "files")
}

// BenchmarkReadSnapshot10k reads the content snapshot of a generated site
// of 10,000 pages, as every incremental `tdsite build` does while it walks
// content/: its bytes allocated cost page faults besides malloc and GC.
func BenchmarkReadSnapshot10k(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), src, 10000); err != nil {
		b.Fatal(err)
	}
	ld, file := writtenSnapshot(b, src)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ReadSnapshot(file, src, "programm").Len() != len(ld.entries) {
			b.Fatal("snapshot not read whole")
		}
	}
}
