package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tdsite/internal/gencontent"
	"tdsite/internal/linkcheck"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
	"tdsite/internal/validate"
)

// BenchmarkLinkCheck measures the link check of the bundled site's output
// as a build runs it: every file scanned as it is written, then all
// references resolved.
func BenchmarkLinkCheck(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	res := mustBuild(b, repoRoot(b), dest)
	type written struct {
		name string
		data []byte
	}
	var files []written
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		files = append(files, written{filepath.ToSlash(rel), data})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		sc := linkcheck.NewScanned()
		for _, f := range files {
			sc.Add(f.name, f.data)
		}
		if _, err := linkcheck.Check(linkcheck.Options{Dir: dest, BaseURL: "https://digital.thueringen.de/", Scanned: sc}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, not only wall time: on a shared machine the wall time
	// mostly measures the neighbours.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/float64(res.Pages), "cpu-ns/page")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(res.Pages), "ns/page")
	b.ReportMetric(float64(res.Links.Links), "links")
}

// BenchmarkMarkdownChecks measures the link, raw-HTML and structure checks
// of all Markdown texts (each parsed once with a time budget).
func BenchmarkMarkdownChecks(b *testing.B) {
	p, diags := Prepare(repoRoot(b), testDate, nil)
	if p == nil {
		b.Fatal(printDiags(diags))
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		validate.Markdown(p.Content, false, nil)
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

// BenchmarkHotPaths measures the steps every page goes through, on a
// measure page of the bundled site: Markdown to HTML, template to page,
// minifying, writing to disk. SetBytes makes MB/s comparable.
func BenchmarkHotPaths(b *testing.B) {
	p, diags := Prepare(repoRoot(b), testDate, nil)
	if p == nil {
		b.Fatal(printDiags(diags))
	}
	var pg *pages.Page
	for _, c := range p.Pages {
		if c.Template == "massnahme.html" && (pg == nil || len(c.Path) > len(pg.Path)) {
			pg = c
		}
	}
	if pg == nil {
		b.Fatal("no measure page")
	}
	dir := b.TempDir()
	out := &publish.Output{Dir: dir}
	if err := CopyStatic(p, out); err != nil {
		b.Fatal(err)
	}
	if _, err := WriteAssets(p, p.Pages, out); err != nil {
		b.Fatal(err)
	}
	var page bytes.Buffer
	if err := p.Templates.Execute(&page, pg.Template, pg); err != nil {
		b.Fatal(err)
	}
	b.Run("markdown", func(b *testing.B) {
		md := markdown.New(false)
		src := []byte(gencontent.Body)
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			// A different text each time: the renderer caches by content.
			md.Render(append(src, fmt.Sprintf("\n\nNr. %d\n", i)...), markdown.Options{})
		}
	})
	b.Run("template", func(b *testing.B) {
		var buf bytes.Buffer
		b.SetBytes(int64(page.Len()))
		for i := 0; i < b.N; i++ {
			buf.Reset()
			if err := p.Templates.Execute(&buf, pg.Template, pg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("minify", func(b *testing.B) {
		b.SetBytes(int64(page.Len()))
		for i := 0; i < b.N; i++ {
			publish.MinifyPage(page.Bytes())
		}
	})
	b.Run("write", func(b *testing.B) {
		small := publish.MinifyPage(page.Bytes())
		b.SetBytes(int64(len(small)))
		for i := 0; i < b.N; i++ {
			if err := out.WriteFile(fmt.Sprintf("seiten/%d/index.html", i%1000), small); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// built10k generates a site of 10,000 pages, builds it with the cache and
// returns the options and the result of that build.
func built10k(b *testing.B) (Options, *Result) {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(repoRoot(b), src, 10000); err != nil {
		b.Fatal(err)
	}
	opts := Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), BuildDate: testDate, Cache: true}
	res, diags, err := Run(context.Background(), opts)
	if err != nil {
		b.Fatal(err, printDiags(diags))
	}
	return opts, res
}

// BenchmarkNoopBuild10k: `tdsite build` of a generated site of 10,000
// pages when nothing changed since the last build (target: under 300 ms).
func BenchmarkNoopBuild10k(b *testing.B) {
	opts, _ := built10k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, _, err := Run(context.Background(), opts)
		if err != nil || !res.Unchanged {
			b.Fatalf("not skipped: %v", err)
		}
	}
	b.ReportMetric(float64(gencontent.Pages(10000)), "pages")
}

// BenchmarkBuildEigeneTexte is a whole build of a generated site of about
// 3,000 pages in which every generated measure has its own Markdown text
// (about 4 KB, a third of them with links to other servers), so the
// renderer's cache cannot hide the parsing; cpu/wall shows how busy the
// cores are.
func BenchmarkBuildEigeneTexte(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(repoRoot(b), src, 3000); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(src, "content/strategien/beispiel-k*/massnahmen/K*-1[0-9][0-9].md"))
	if len(files) < 1000 {
		b.Fatalf("only %d generated measures", len(files))
	}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		front, _, _ := strings.Cut(string(data), "\n+++\n")
		if err := os.WriteFile(f, []byte(front+"\n+++\n"+eigenerText(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	dest := filepath.Join(b.TempDir(), "public")
	// prepare is where the Markdown is parsed: load, check, model.
	b.Run("prepare", func(b *testing.B) {
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			if p, diags := Prepare(src, testDate, nil); p == nil {
				b.Fatal(printDiags(diags))
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("build", func(b *testing.B) {
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			mustBuild(b, src, dest)
		}
		reportCPU(b, cpu)
	})
}

// reportCPU reports the CPU time per operation since cpu and how many
// cores were busy on average.
func reportCPU(b *testing.B, cpu time.Duration) {
	used := float64(cpuTime() - cpu)
	b.ReportMetric(used/float64(b.N), "cpu-ns/op")
	b.ReportMetric(used/float64(b.Elapsed().Nanoseconds()), "cpu/wall")
}

// eigenerText is the i-th measure's own text: varied paragraphs, a list,
// a table, a footnote and, in every third, links to other servers.
func eigenerText(i int) string {
	var t strings.Builder
	fmt.Fprintf(&t, "Die Maßnahme Nr. %d bündelt Vorhaben für Bürgerinnen und Bürger in Thüringen.[^%d]\n\n", i, i)
	for p := 0; p < 10+i%14; p++ {
		fmt.Fprintf(&t, "Absatz %d der Maßnahme %d: Kommunen erproben **gemeinsam** digitale Verfahren, "+
			"etwa Anträge, Bescheide und Auskünfte. Mehr in der [Digitalen Agenda](/agenda/) und unter "+
			"„Häufige Fragen“ – Stand %d.\n\n", p+1, i, 2020+p)
	}
	fmt.Fprintf(&t, "## Schritte %d\n\n- Bedarf erheben (%d)\n- Lösung *auswählen*\n- Einführung begleiten\n\n", i, i)
	fmt.Fprintf(&t, "| Jahr | Kommunen |\n|---|---|\n| 2026 | %d |\n| 2027 | %d |\n\n", i%40, i%70)
	if i%3 == 0 {
		fmt.Fprintf(&t, "Quellen: [Bericht](https://beispiel.example/berichte/%d.pdf), www.example.org/massnahme-%d "+
			"und <https://beispiel.example/daten/%d>.\n\n", i, i, i%50)
	}
	fmt.Fprintf(&t, "[^%d]: Angabe des Ressorts, Stand %d.\n", i, 2026)
	return t.String()
}

// BenchmarkIncremental10k: `tdsite build` of a generated site of 10,000
// pages after one measure's text changed (target: under 1 s). It reports
// the median of each phase, "vorbereiten" being load, validate, model
// and templates.
func BenchmarkIncremental10k(b *testing.B) {
	opts, first := built10k(b)
	measure := filepath.Join(opts.Source, "content/strategien/beispiel-k001/massnahmen/K001-101.md")
	phases := map[string][]time.Duration{}
	var order []string
	rendered := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f, err := os.OpenFile(measure, os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			_, err = fmt.Fprintf(f, "\nErgänzt in Runde %d.\n", i)
			f.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		res, diags, err := Run(context.Background(), opts)
		if err != nil {
			b.Fatal(err, printDiags(diags))
		}
		if !res.Incremental {
			b.Fatal("full build instead of an incremental one")
		}
		rendered = res.Rendered
		total := []Phase{{Name: "gesamt", Took: time.Since(start)}, {Name: "cpu", Took: cpuTime() - cpu}}
		for _, ph := range append(res.Phases, total...) {
			if phases[ph.Name] == nil {
				order = append(order, ph.Name)
			}
			phases[ph.Name] = append(phases[ph.Name], ph.Took)
		}
	}
	b.StopTimer()
	for _, name := range order {
		d := phases[name]
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2].Milliseconds()), name+"-ms")
	}
	// On a shared machine the ratio to a full build under the same load
	// says more than the time alone.
	b.ReportMetric(float64(first.Duration.Milliseconds()), "voll-ms")
	b.ReportMetric(float64(rendered), "rendered")
	b.ReportMetric(float64(gencontent.Pages(10000)), "pages")
}

// prepared10k generates a site of 10,000 pages and prepares its build.
func prepared10k(b *testing.B) *Prepared {
	src := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(repoRoot(b), src, 10000); err != nil {
		b.Fatal(err)
	}
	p, diags := Prepare(src, testDate, nil)
	if p == nil {
		b.Fatal(printDiags(diags))
	}
	return p
}

// BenchmarkModellSeiten10k measures building the model and the page list
// of a generated site of 10,000 pages from loaded content, as every build
// does after loading; the Markdown is rendered before, as the checks do.
func BenchmarkModellSeiten10k(b *testing.B) {
	p := prepared10k(b)
	md := p.Caches.Markdown(p.Config.Markdown.UnsafeHTML)
	b.Run("modell", func(b *testing.B) {
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			model.Build(p.Content, p.Config, md, p.Model.BuildDate)
		}
		reportCPU(b, cpu)
	})
	b.Run("seitenliste", func(b *testing.B) {
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			pages.List(p.Model)
		}
		reportCPU(b, cpu)
	})
}

// BenchmarkVorlagen10k executes each page template for all its pages of a
// generated site of 10,000 pages, on one core and without writing: the
// time a template costs per page (us/page) and in all (ms/build), which
// the CPU profile of a build cannot tell apart, with the CPU time of the
// process (cpu-ms/build) and allocations. Markdown is rendered
// before, as in a build; the first round fills the caches a build fills
// once (maps, fragments), so -benchtime 3x or more.
//
//	go test ./internal/build -run '^$' -bench 'Vorlagen10k/massnahme' -benchtime 3x
func BenchmarkVorlagen10k(b *testing.B) {
	p := prepared10k(b)
	out := &publish.Output{Dir: b.TempDir()}
	if err := CopyStatic(p, out); err != nil {
		b.Fatal(err)
	}
	if _, err := WriteAssets(p, p.Pages, out); err != nil {
		b.Fatal(err)
	}
	byTemplate := map[string][]*pages.Page{}
	for _, pg := range p.Pages {
		if pg.Raw == nil {
			byTemplate[pg.Template] = append(byTemplate[pg.Template], pg)
		}
	}
	names := slices.Sorted(maps.Keys(byTemplate))
	for _, name := range names {
		list := byTemplate[name]
		b.Run(strings.TrimSuffix(name, ".html"), func(b *testing.B) {
			var buf bytes.Buffer
			size := 0
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				size = 0
				for _, pg := range list {
					buf.Reset()
					if err := p.Templates.Execute(&buf, pg.Template, pg); err != nil {
						b.Fatal(err)
					}
					size += buf.Len()
				}
			}
			// CPU time counts the garbage collector's work on the other
			// core too; on a shared machine it also varies less than wall time.
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/build")
			perBuild := float64(b.Elapsed().Microseconds()) / float64(b.N)
			b.ReportMetric(perBuild/float64(len(list)), "us/page")
			b.ReportMetric(perBuild/1000, "ms/build")
			b.ReportMetric(float64(size)/float64(len(list))/1024, "KB/page")
			b.ReportMetric(float64(len(list)), "pages")
		})
	}
}
