package fahrplan_test

import (
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/fahrplan"
	"tdsite/internal/model"
	"tdsite/internal/testkit"
)

// modell is the model of the bundled content.
func modell(t testing.TB) *model.Site { return testkit.Prepare(t, testkit.Root(), build.Prepare).Model }

func ident(p string) string { return p }

var (
	reBar   = regexp.MustCompile(`<a href="[^"]*" id="([^"]+)-balken" class="[^"]*"><title>([^<]+)</title>`)
	reMs    = regexp.MustCompile(`<a href="#([^"]+)" class="fp-ms[^"]*"><title>([^<]+)</title>`)
	reLinks = regexp.MustCompile(`<a `)
)

// The roadmaps of the bundled strategies: same input gives the same bytes,
// every bar and every dated milestone is a link with a name, in table order.
func TestBundledRoadmaps(t *testing.T) {
	s := modell(t)
	n := 0
	for _, st := range s.Strategien {
		if len(st.Massnahmen) == 0 {
			continue
		}
		n++
		f := fahrplan.FuerStrategie(st, testkit.Date)
		svg := string(f.SVG(ident))
		if again := string(fahrplan.FuerStrategie(st, testkit.Date).SVG(ident)); again != svg {
			t.Errorf("%s: drawing differs between two runs", st.Slug)
		}
		if f.Anzahl() != len(st.Massnahmen) {
			t.Errorf("%s: %d measures in the roadmap, strategy has %d", st.Slug, f.Anzahl(), len(st.Massnahmen))
		}
		bars := reBar.FindAllStringSubmatch(svg, -1)
		rows := f.Zeilen()
		if len(bars) != len(rows) {
			t.Fatalf("%s: %d bars, %d rows", st.Slug, len(bars), len(rows))
		}
		dated := 0
		for i, z := range rows {
			if bars[i][1] != f.Anker(z) || !strings.HasPrefix(bars[i][2], z.ID+" ") {
				t.Errorf("%s: bar %d is %q (%q), row is %s", st.Slug, i, bars[i][1], bars[i][2], z.ID)
			}
			for _, ms := range z.Meilensteine {
				if !ms.Spanne.Von.IsZero() {
					dated++
				}
			}
		}
		ms := reMs.FindAllStringSubmatch(svg, -1)
		if len(ms) != dated {
			t.Errorf("%s: %d milestone links, %d dated milestones", st.Slug, len(ms), dated)
		}
		if links := len(reLinks.FindAllString(svg, -1)); links != len(bars)+len(ms) {
			t.Errorf("%s: %d links, %d of them named", st.Slug, links, len(bars)+len(ms))
		}
		if !strings.Contains(svg, "Heute: "+testkit.Date.Format("02.01.2006")) {
			t.Errorf("%s: no line for today", st.Slug)
		}
	}
	if n < 3 {
		t.Errorf("only %d strategies with measures", n)
	}
}

// Stale statuses and unknown milestones are visible in the drawing and
// named in words.
func TestBundledStaleAndUnknown(t *testing.T) {
	s := modell(t)
	svg := string(fahrplan.FuerStrategie(s.Strategie("digitale-gesellschaft"), testkit.Date).SVG(ident))
	for _, want := range []string{"fp-veraltet", "Stand älter als", "fp-ms-unbekannt", "Stand unbekannt.", "fp-schraffiert"} {
		if !strings.Contains(svg, want) {
			t.Errorf("digitale-gesellschaft: SVG lacks %q", want)
		}
	}
}
