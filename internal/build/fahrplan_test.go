package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	reFpSVG   = regexp.MustCompile(`(?s)<svg[^>]*id="?([a-z0-9-]+)-svg"?[^>]*class="?fp-svg.*?</svg>`)
	reFpBar   = regexp.MustCompile(`id="([^"]+)-balken"`)
	reFpRow   = regexp.MustCompile(`<tr id="?([^" >]+)"? class="?fp-zeile(?: fiktiv)?"?>`)
	reFpOhne  = regexp.MustCompile(`class="?fp-zeile fp-ohne-termin`)
	reFpTitle = regexp.MustCompile(`<a [^>]*><title>[^<]+</title>`)
)

// The roadmap pages exist; each drawing has a named link per bar, and the
// table lists the same measures in the same order.
func TestFahrplanPages(t *testing.T) {
	dest, _ := buildBundled(t)
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	pages := []string{
		"strategien/beispiel-kommunen/fahrplan/index.html",
		"strategien/digitale-gesellschaft/fahrplan/index.html",
		"strategien/e-government-it-2014/fahrplan/index.html",
		"agenda/fahrplan/index.html",
		"agenda/fahrplan/handlungsfelder/kompetenzen-kinder-jugendliche/index.html",
		"agenda/fahrplan/ressorts/tmbjs/index.html",
	}
	// A filter where only the example has measures draws nothing and links
	// the example's own roadmap.
	for _, p := range []string{"agenda/fahrplan/handlungsfelder/kommunale-digitalstrategien/index.html", "agenda/fahrplan/ressorts/tmdi/index.html"} {
		html := read(p)
		if reFpSVG.MatchString(html) || strings.Contains(html, "BSP-") || !strings.Contains(html, `href="/strategien/beispiel-kommunen/fahrplan/"`) {
			t.Errorf("%s: draws the example or does not link its roadmap", p)
		}
	}
	for _, p := range pages {
		html := read(p)
		svgs := reFpSVG.FindAllStringSubmatch(html, -1)
		if len(svgs) == 0 {
			t.Errorf("%s: no roadmap drawing", p)
		}
		for _, svg := range svgs {
			id := svg[1]
			var bars, rows []string
			for _, m := range reFpBar.FindAllStringSubmatch(svg[0], -1) {
				bars = append(bars, m[1])
			}
			// The table of this drawing: from its caption to its end.
			table := html[strings.Index(html, `id="`+id+`-tabelle"`)+1:]
			if i := strings.Index(table, "</table>"); i >= 0 {
				table = table[:i]
			}
			for _, m := range reFpRow.FindAllStringSubmatch(table, -1) {
				rows = append(rows, m[1])
			}
			if len(bars) == 0 || strings.Join(bars, " ") != strings.Join(rows, " ") {
				t.Errorf("%s (%s): bars %v, table rows %v", p, id, bars, rows)
			}
			if named := len(reFpTitle.FindAllString(svg[0], -1)); named != strings.Count(svg[0], "<a ") {
				t.Errorf("%s (%s): %d of %d links named", p, id, named, strings.Count(svg[0], "<a "))
			}
		}
		for _, want := range []string{"Heute: " + testDate.Format("02.01.2006"), "<caption", "Zur Tabelle"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
	}
	// The agenda draws only the state's measures; the example is linked
	// to its own roadmap, labelled.
	agenda := read("agenda/fahrplan/index.html")
	land := reFpSVG.FindAllStringSubmatch(agenda, -1)
	if len(land) != 1 || land[0][1] != "fahrplan-agenda" {
		t.Fatalf("agenda roadmap drawings: %d", len(land))
	}
	if strings.Contains(agenda, "BSP-") {
		t.Error("fictional measures on the agenda's roadmap")
	}
	if !strings.Contains(agenda, "Fiktives Beispiel, nicht in den Summen des Landes.") ||
		!strings.Contains(agenda, `href="/strategien/beispiel-kommunen/fahrplan/"`) {
		t.Error("example not labelled or not linked to its own roadmap")
	}
	for _, want := range []string{"/agenda/fahrplan/handlungsfelder/kommunale-digitalstrategien/", "/agenda/fahrplan/ressorts/tmdi/"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("agenda roadmap does not link %s", want)
		}
	}
	// The agenda and its filtered views lead to their roadmaps.
	for file, want := range map[string]string{
		"agenda/index.html":                                          "/agenda/fahrplan/",
		"agenda/ressorts/tmdi/index.html":                            "/agenda/fahrplan/ressorts/tmdi/",
		"agenda/handlungsfelder/digitaler-staat/index.html":          "/agenda/fahrplan/handlungsfelder/digitaler-staat/",
		"agenda/fahrplan/ressorts/tmdi/index.html":                   "/agenda/fahrplan/handlungsfelder/",
		"agenda/fahrplan/handlungsfelder/breitbandausbau/index.html": "/agenda/fahrplan/ressorts/",
	} {
		if !strings.Contains(read(file), want) {
			t.Errorf("%s does not link %s", file, want)
		}
	}
	// Landing pages with measures present their roadmap.
	landing := read("strategien/digitale-gesellschaft/index.html")
	for _, want := range []string{`id="umsetzungsfahrplan"`, "/strategien/digitale-gesellschaft/fahrplan/", "Umsetzungsfahrplan der Strategie"} {
		if !strings.Contains(landing, want) {
			t.Errorf("landing page lacks %q", want)
		}
	}
	if strings.Contains(read("strategien/kultur/index.html"), `id="umsetzungsfahrplan"`) {
		t.Error("roadmap section on a strategy without measures")
	}
	// Measures without dates are in the table only, and said so.
	if ohne := read("strategien/e-government-it-2014/fahrplan/index.html"); reFpOhne.MatchString(ohne) && !strings.Contains(ohne, "Ohne Termine: nicht in der Zeitleiste") {
		t.Error("undated measures not explained")
	}
}
