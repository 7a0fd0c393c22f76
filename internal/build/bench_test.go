package build

import (
	"path/filepath"
	"syscall"
	"testing"

	"tdsite/internal/linkcheck"
	"tdsite/internal/validate"
)

// BenchmarkLinkCheck measures the link check of the bundled site's output,
// the cost a build adds before publishing.
func BenchmarkLinkCheck(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	res := mustBuild(b, repoRoot(b), dest)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := linkcheck.Check(linkcheck.Options{Dir: dest, BaseURL: "https://digital.thueringen.de/"}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, not only wall time: on a shared machine the wall time
	// mostly measures the neighbours.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/float64(res.Pages), "cpu-ns/page")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(res.Pages), "ns/page")
	b.ReportMetric(float64(res.Links.Links), "links")
}

// cpuTime is the user and system CPU time of the process in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkMarkdownChecks measures the link, raw-HTML and structure checks
// of all Markdown texts (each parsed once with a time budget).
func BenchmarkMarkdownChecks(b *testing.B) {
	p, diags := Prepare(repoRoot(b), nil, nil, testDate)
	if p == nil {
		b.Fatal(printDiags(diags))
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		validate.Markdown(p.Content, false)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(p.Content.Texts())), "texts")
}

// BenchmarkBuild is a whole build of the bundled site into a fresh folder,
// including the link check and the atomic swap.
func BenchmarkBuild(b *testing.B) {
	root := repoRoot(b)
	dest := filepath.Join(b.TempDir(), "public")
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		mustBuild(b, root, dest)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
