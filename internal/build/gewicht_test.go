package build

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/gencontent"
	"tdsite/internal/model"
	"tdsite/internal/pages"
)

// TestSeitengewicht enforces the page-weight budget of internal/pages
// (gewicht.go) on the bundled site and on a generated site of 10,000 pages,
// where the lists of the overviews are long enough to be split.
func TestSeitengewicht(t *testing.T) {
	t.Run("mitgeliefert", func(t *testing.T) {
		dir, _ := buildBundled(t)
		pruefeGewicht(t, dir)
	})
	t.Run("10000", func(t *testing.T) {
		if testing.Short() {
			t.Skip("baut 10.000 Seiten")
		}
		src := filepath.Join(t.TempDir(), "site")
		if err := gencontent.Site(repoRoot(t), src, 10000); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		mustBuild(t, src, dest)
		pruefeGewicht(t, dest)

		// Only the newest news go into the feed (each has a category).
		if n := strings.Count(readOut(t, dest, "feed.xml"), "<category term="); n != pages.FeedEintraege {
			t.Errorf("feed.xml: %d Meldungen, erwartet die neuesten %d", n, pages.FeedEintraege)
		}

		// A landing page lists the first connections and points to the
		// Handlungsfeld pages for the rest, instead of all 160 copies.
		eg := readOut(t, dest, "strategien/e-government-it/index.html")
		if n := strings.Count(eg, "(fiktives Beispiel): gemeinsame Handlungsfelder"); n > model.MaxVerbindungen ||
			!strings.Contains(eg, "weitere Strategien teilen Handlungsfelder mit dieser Strategie. Alle stehen auf den Seiten der Handlungsfelder: <a href=\"/handlungsfelder/transparenz-teilhabe-daten/\">") {
			t.Errorf("e-government-it: %d Verbindungen zu Beispielen ohne Verweis auf die übrigen", n)
		}

		// The split list leads through its pages with and without script.
		html := readOut(t, dest, "agenda/massnahmen/seite/2/index.html")
		for _, want := range []string{
			`<link rel="prev" href="/agenda/massnahmen/">`,
			`<link rel="next" href="/agenda/massnahmen/seite/3/">`,
			`<nav class="blaetter" aria-label="Seiten der Tabelle">`,
			`href="/agenda/massnahmen/seite/2/" aria-current="page"`,
			`rel="prev">Vorige Seite</a>`,
			`rel="next">Nächste Seite</a>`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("agenda/massnahmen/seite/2/: %q fehlt", want)
			}
		}
	})
}

// pruefeGewicht fails for every HTML page over the budget and logs the
// figures the budget is about.
func pruefeGewicht(t *testing.T, dir string) {
	t.Helper()
	var total, largest int64
	var largestPage string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		limit := int64(pages.MaxSeite)
		if rel == "index.html" {
			limit = pages.MaxStartseite
		}
		if info.Size() > limit {
			t.Errorf("%s: %s, erlaubt sind %s", rel, kb(info.Size()), kb(limit))
		}
		if info.Size() > largest {
			largest, largestPage = info.Size(), rel
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Ausgabe %.1f MB, größte Seite %s (%s)", float64(total)/1e6, largestPage, kb(largest))
}

func kb(n int64) string { return fmt.Sprintf("%d KB", n/1024) }
