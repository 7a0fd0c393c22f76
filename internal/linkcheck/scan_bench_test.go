//go:build unix

package linkcheck_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"tdsite/internal/build"
	"tdsite/internal/linkcheck"
	"tdsite/internal/testkit"
)

// BenchmarkScan measures scanning written pages alone, as the build does
// for every file it writes: the bundled site's output, or the output in
// $TDSITE_SCAN_DIR (e.g. of the 10k corpus). After the first round, every
// value is known to intern; a build meets each for the first time once.
func BenchmarkScan(b *testing.B) {
	dest := os.Getenv("TDSITE_SCAN_DIR")
	if dest == "" {
		dest = filepath.Join(b.TempDir(), "public")
		if _, _, err := build.Run(context.Background(), build.Options{Source: testkit.Root(), Dest: dest, BuildDate: testkit.Date}); err != nil {
			b.Fatal(err)
		}
	}
	type written struct {
		name string
		data []byte
	}
	var files []written
	size := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".svg")) {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		files = append(files, written{filepath.ToSlash(rel), data})
		size += len(data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	// The last round's findings stay alive, as in a build all pages'
	// findings do until the check.
	var keep *linkcheck.Scanned
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		sc := linkcheck.NewScanned()
		for _, f := range files {
			sc.Add(f.name, f.data)
		}
		keep = sc
	}
	runtime.KeepAlive(keep)
	// CPU time, as the garbage collector works on other cores.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
