package serve

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// The preview's speed: time from a file write to the reload event on the
// event stream, with real files, a real watcher and a real HTTP client.
// Run with `make bench-serve`; the medians go into the README.

func BenchmarkEditContentBundled(b *testing.B) {
	benchEdits(b, testkit.Bundled(b), massnahme, "seiten", "reload")
}

func BenchmarkEditTemplateBundled(b *testing.B) {
	benchEdits(b, testkit.Bundled(b), "layouts/massnahme.html", "seiten", "reload")
}

func BenchmarkEditCSSBundled(b *testing.B) {
	benchEdits(b, testkit.Bundled(b), "themes/thueringendigital/static/css/thueringendigital.css", "css")
}

func BenchmarkEditContent5000(b *testing.B) {
	benchEdits(b, syntheticSite(b, 5000), massnahme, "seiten", "reload")
}

func BenchmarkEditTemplate5000(b *testing.B) {
	benchEdits(b, syntheticSite(b, 5000), "layouts/massnahme.html", "seiten", "reload")
}

// benchEdits changes rel b.N times (every write a real change) and
// reports the median and 90th percentile of write → each of events, in
// the order they arrive. The event stream says it shows the edited
// measure's page, as a browser tab does: "seiten" is the reload of that
// tab, "reload" the end of the rebuild.
func benchEdits(b *testing.B, root, rel string, events ...string) {
	pv := startViewing(b, root, "/massnahmen/bsp-01/")
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
	pv := start(b, testkit.Bundled(b))
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

// syntheticSite is the bundled site grown to about n pages by
// internal/gencontent (copies of the fictional strategy with more measures).
func syntheticSite(b *testing.B, n int) string {
	root := filepath.Join(b.TempDir(), "site")
	if err := gencontent.Site(testkit.Root(), root, n); err != nil {
		b.Fatal(err)
	}
	return root
}
