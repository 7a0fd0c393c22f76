package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testsite"
	"tdsite/internal/testsite/bundled"
)

// The preview's speed: time from a file write to the reload event on the
// event stream, with real files, a real watcher and a real HTTP client.
// Run with `make bench-serve`; the medians go into the README.

func BenchmarkEditContentBundled(b *testing.B) {
	benchEdits(b, testsite.Bundled(b, bundled.Root()), massnahme, "seiten", "reload")
}

func BenchmarkEditTemplateBundled(b *testing.B) {
	benchEdits(b, testsite.Bundled(b, bundled.Root()), "layouts/massnahme.html", "reload")
}

func BenchmarkEditCSSBundled(b *testing.B) {
	benchEdits(b, testsite.Bundled(b, bundled.Root()), "themes/thueringendigital/static/css/thueringendigital.css", "css")
}

func BenchmarkEditContent5000(b *testing.B) {
	benchEdits(b, syntheticSite(b, 5000), massnahme, "seiten", "reload")
}

func BenchmarkEditTemplate5000(b *testing.B) {
	benchEdits(b, syntheticSite(b, 5000), "layouts/massnahme.html", "reload")
}

// benchEdits changes rel b.N times (every write a real change) and
// reports the median and 90th percentile of write → each of events, in
// the order they arrive.
func benchEdits(b *testing.B, root, rel string, events ...string) {
	pv := start(b, root)
	orig := pv.read(rel)
	comment := map[string][2]string{".html": {"{{/* ", " */}}"}, ".css": {"\n/* ", " */\n"}}[filepath.Ext(rel)]
	times := make([][]time.Duration, len(events))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := orig + comment[0] + fmt.Sprint("Bearbeitung ", i) + comment[1]
		if filepath.Ext(rel) == ".md" {
			text = strings.Replace(orig, "\ntitel = \"", fmt.Sprintf("\ntitel = \"%d ", i), 1)
		}
		t0 := time.Now()
		pv.write(rel, text)
		for k, ev := range events {
			pv.expect(ev)
			times[k] = append(times[k], time.Since(t0))
		}
	}
	b.StopTimer()
	for k, ev := range events {
		ts := times[k]
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		b.ReportMetric(float64(ts[len(ts)/2].Microseconds())/1000, "ms-median-"+ev)
		b.ReportMetric(float64(ts[len(ts)*9/10].Microseconds())/1000, "ms-p90-"+ev)
	}
	b.ReportMetric(float64(len(pv.srv.sess.Prepared().Pages)), "pages")
	b.Log(strings.SplitN(pv.log.String(), "\n", 2)[0])
}

// BenchmarkMemoryOverEdits makes 1,000 content edits per iteration and
// reports how much the live heap grew between edit 100 and edit 1,000.
// Run with -benchtime=1x.
func BenchmarkMemoryOverEdits(b *testing.B) {
	pv := start(b, testsite.Bundled(b, bundled.Root()))
	orig := pv.read(massnahme)
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var at100, at1000 uint64
	for n := 0; n < b.N; n++ {
		for i := 1; i <= 1000; i++ {
			pv.write(massnahme, strings.Replace(orig, "\ntitel = \"", fmt.Sprintf("\ntitel = \"%d ", i), 1))
			pv.expect("reload")
			switch i {
			case 100:
				at100 = heap()
			case 1000:
				at1000 = heap()
			}
		}
	}
	b.ReportMetric(float64(at100)/(1<<20), "MB-heap-at-100")
	b.ReportMetric(float64(at1000)/(1<<20), "MB-heap-at-1000")
	b.ReportMetric((float64(at1000)-float64(at100))/(1<<20), "MB-growth")
}

// syntheticSite copies the bundled site and adds copies of the fictional
// strategy (measure IDs and names made unique), each with 40 more measures
// of about 1.5 KB of Markdown, until the site has about n pages. Spread
// over many strategies like a real state's agenda, not one giant one.
func syntheticSite(b *testing.B, n int) string {
	root := testsite.Bundled(b, bundled.Root())
	strategien := filepath.Join(root, "content", "strategien")
	src := filepath.Join(strategien, "beispiel-kommunen")
	body := strings.Repeat("Die Kommunen in Thüringen erproben gemeinsam digitale Verfahren. "+
		"Dazu gehören Anträge, Bescheide und Auskünfte für Bürgerinnen und Bürger.\n\n", 8) +
		"## Schritte\n\n- Bedarf erheben\n- Lösung auswählen\n- Einführung begleiten\n\n" +
		"| Jahr | Kommunen |\n|---|---|\n| 2026 | 12 |\n| 2027 | 30 |\n"
	const extra, perCopy = 40, 58 // pages per copy: 18 of the original, 40 measures
	copies := (n - 211 + perCopy/2) / perCopy
	for k := 1; k <= copies; k++ {
		prefix := fmt.Sprintf("K%02d-", k)
		dst := filepath.Join(strategien, fmt.Sprintf("beispiel-k%02d", k))
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, strings.ReplaceAll(rel, "BSP-", prefix))
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text := strings.ReplaceAll(string(data), "BSP-", prefix)
			if rel == "strategie.md" {
				text = strings.Replace(text, "(Beispiel)\"", fmt.Sprintf("(Beispiel %d)\"", k), 2)
			}
			return os.WriteFile(target, []byte(text), 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
		for i := 1; i <= extra; i++ {
			id := fmt.Sprintf("%s%d", prefix, 100+i)
			text := fmt.Sprintf(`+++
id = "%s"
titel = "Synthetische Maßnahme %d der Kopie %d"
handlungsfeld = "kommunale-digitalstrategien"
status = "laufend"
federfuehrung = ["TMDI"]
ziele = ["E1.2"]
start = "2026"
zusammenfassung = "Eine erzeugte Maßnahme, damit die Vorschau an einer großen Website gemessen wird."
stand = "30.09.2026"

[kosten_nutzen]
aufwand = "Beispielwert"
nutzen = "Beispielwert"
+++
%s`, id, i, k, body)
			if err := os.WriteFile(filepath.Join(dst, "massnahmen", id+".md"), []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	return root
}
