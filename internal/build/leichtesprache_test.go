package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/testkit"
)

// Limits for the texts in Leichte Sprache. The rules of the Netzwerk Leichte
// Sprache ask for short sentences with one statement each; these numbers make
// "short" checkable, so that a later edit cannot quietly slip back into
// office German.
const (
	lsSchnittHoechstens = 12.0 // average words per sentence
	lsSatzHoechstens    = 18   // words in the longest sentence
)

// Abbreviations that are not all capitals, so the capital-letter rule below
// would miss them.
var lsAbkuerzungen = []string{"ThAVEL", "eID", "ePayment", "eVergabe", "ThürBarrWebG", "ThürBITVO", "bzw", "ggf", "usw", "z. B.", "d. h."}

// TestLeichteSpracheEchteStrategien: every real strategy has a summary in
// Leichte Sprache, its landing page links it (and back), the text keeps to
// the limits above, and what it says about progress follows the data of the
// site – the date of the last known status, the counts, a replacement, or
// that nothing is published yet.
func TestLeichteSpracheEchteStrategien(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Root()
	cfg, diags := config.Load(root)
	cs, ld := content.Load(root)
	diags.Merge(ld)
	if cfg == nil || diags.HasErrors() {
		t.Fatalf("Inhalte fehlerhaft:\n%s", printDiags(diags))
	}
	m := model.Build(cs, cfg, markdown.New(false), datum.FromTime(testDate))
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatalf("%s fehlt: %v", p, err)
		}
		return string(b)
	}

	var alleSaetze, alleWoerter, echte int
	for _, s := range m.Strategien {
		if s.Beispiel {
			continue
		}
		echte++
		if s.LeichteSprache == nil {
			t.Errorf("%s: keine Zusammenfassung in Leichter Sprache (strategien/%s/leichte-sprache.md)", s.Slug, s.Slug)
			continue
		}
		ls := s.LeichteSprache
		landing := read(strings.TrimPrefix(s.URL, "/") + "index.html")
		link := regexp.MustCompile(`<a href="` + regexp.QuoteMeta(ls.URL) + `" hreflang="de" lang="de"><svg aria-hidden="true"[^>]*><use href="/icons/symbole.svg#leichte-sprache"/></svg>Diese Strategie in Leichter Sprache</a>`)
		if !link.MatchString(landing) {
			t.Errorf("%s: Die Landingpage verlinkt die Leichte Sprache nicht mit Symbol, Text und lang=\"de\"", s.Slug)
		}
		seite := read(strings.TrimPrefix(ls.URL, "/") + "index.html")
		if !strings.Contains(seite, `<a href="`+s.URL+`">`) {
			t.Errorf("%s: Die Seite in Leichter Sprache verlinkt nicht zurück auf %s", s.Slug, s.URL)
		}
		if !strings.Contains(seite, `<p class="satz">`) {
			t.Errorf("%s: Die Seite steht nicht Satz für Satz in eigenen Zeilen", s.Slug)
		}

		datei := ls.File
		if !filepath.IsAbs(datei) {
			datei = filepath.Join(root, datei)
		}
		src, err := os.ReadFile(datei)
		if err != nil {
			t.Fatal(err)
		}
		text := lsText(string(src))
		saetze := lsSaetze(text)
		woerter, laengster, lang := 0, 0, ""
		for _, satz := range saetze {
			n := len(strings.Fields(satz))
			woerter += n
			if n > laengster {
				laengster, lang = n, satz
			}
		}
		schnitt := float64(woerter) / float64(len(saetze))
		alleSaetze += len(saetze)
		alleWoerter += woerter
		t.Logf("%-32s %3d Sätze, im Schnitt %4.1f Wörter, längster Satz %2d Wörter", s.Slug, len(saetze), schnitt, laengster)
		if schnitt > lsSchnittHoechstens {
			t.Errorf("%s: Sätze im Schnitt %.1f Wörter lang, höchstens %.0f", s.Slug, schnitt, lsSchnittHoechstens)
		}
		if laengster > lsSatzHoechstens {
			t.Errorf("%s: Satz mit %d Wörtern (höchstens %d): %q", s.Slug, laengster, lsSatzHoechstens, lang)
		}
		for _, a := range lsUnerklaert(text) {
			t.Errorf("%s: Abkürzung „%s“ ist beim ersten Vorkommen nicht erklärt (schreiben Sie z. B. „Die Abkürzung dafür ist: %s.“)", s.Slug, a, a)
		}

		// What the text says about progress must match the data.
		var soll []string
		switch {
		case s.Abgeloest:
			soll = append(soll, "gibt es so nicht mehr")
		case len(s.Massnahmen) == 0:
			soll = append(soll, "noch nichts über den Fortschritt")
		}
		if len(s.Massnahmen) > 0 {
			var letzter datum.Datum
			z := map[string]int{}
			for _, mn := range s.Massnahmen {
				v := mn.Verlauf[len(mn.Verlauf)-1]
				if v.Datum.End().After(letzter.End()) || letzter.IsZero() {
					letzter = v.Datum
				}
				z[mn.Status]++
			}
			soll = append(soll, langesDatum(letzter))
			if s.Abgeloest {
				// A replaced plan reports its last tasks as "Aufgaben".
				soll = append(soll, fmt.Sprintf("%d Aufgaben liefen gerade", z["laufend"]))
			} else {
				soll = append(soll,
					fmt.Sprintf("%d Maßnahmen waren fertig", z["umgesetzt"]),
					fmt.Sprintf("%d Maßnahmen liefen gerade", z["laufend"]),
					fmt.Sprintf("%d Maßnahmen waren geplant", z["geplant"]))
			}
		}
		if s.Federfuehrung == nil {
			soll = append(soll, "In den Texten steht dazu nichts.")
		}
		for _, w := range soll {
			if !strings.Contains(text, w) {
				t.Errorf("%s: Der Text sagt nicht „%s“ (so stehen die Daten der Website)", s.Slug, w)
			}
		}
	}
	if echte < 8 {
		t.Errorf("nur %d echte Strategien gefunden", echte)
	}
	if alleSaetze > 0 {
		t.Logf("alle echten Strategien: %d Sätze, im Schnitt %.1f Wörter", alleSaetze, float64(alleWoerter)/float64(alleSaetze))
	}
}

// lsText is the body of a Leichte-Sprache file as plain text, one source
// line per line: front matter, Markdown marks and language marks removed.
func lsText(src string) string {
	if i := strings.Index(src[3:], "+++"); strings.HasPrefix(src, "+++") && i >= 0 {
		src = src[3+i+3:]
	}
	ersetzen := []struct {
		re  *regexp.Regexp
		neu string
	}{
		{regexp.MustCompile(`\[([^\]]*)\]\{lang=[^}]*\}`), "$1"},
		{regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`), "$1"},
		{regexp.MustCompile(`(?m)^\s*(#+|-|\d+\.)\s+`), ""},
		{regexp.MustCompile(`\*\*|__`), ""},
	}
	for _, e := range ersetzen {
		src = e.re.ReplaceAllString(src, e.neu)
	}
	return strings.TrimSpace(src)
}

// lsSaetze splits the text into sentences: at the end of every line (one
// sentence per line is the rule; a line ending in a colon counts as one)
// and after ".", "!" or "?" inside a line. A dot after a bare number inside
// a line is an ordinal ("am 8. November"), not the end of a sentence.
func lsSaetze(text string) []string {
	var out []string
	for _, zeile := range strings.Split(text, "\n") {
		w := strings.Fields(zeile)
		start := 0
		for i, wort := range w {
			ende := strings.ContainsAny(wort[len(wort)-1:], ".!?") || strings.HasSuffix(wort, ".“") || strings.HasSuffix(wort, "?“")
			if ende && i < len(w)-1 && isOrdinal(wort) {
				ende = false
			}
			if ende || i == len(w)-1 {
				out = append(out, strings.Join(w[start:i+1], " "))
				start = i + 1
			}
		}
	}
	return out
}

func isOrdinal(w string) bool {
	w = strings.TrimSuffix(w, ".")
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// lsUnerklaert lists the abbreviations that are not explained where they
// first appear. An abbreviation is a word of capitals (and digits) like
// "TMDI", "IT" or "D21", or one from lsAbkuerzungen; it counts as explained
// when the paragraph of its first appearance says "Abkürzung" (Leichte
// Sprache explains a hard word right where it comes up).
func lsUnerklaert(text string) []string {
	gesehen := map[string]bool{}
	var out []string
	for _, absatz := range strings.Split(text, "\n\n") {
		var kandidaten []string
		for _, wort := range strings.FieldsFunc(absatz, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if istAbkuerzung(wort) {
				kandidaten = append(kandidaten, wort)
			}
		}
		for _, a := range lsAbkuerzungen {
			if strings.Contains(absatz, a) {
				kandidaten = append(kandidaten, a)
			}
		}
		for _, a := range kandidaten {
			if gesehen[a] {
				continue
			}
			gesehen[a] = true
			if !strings.Contains(absatz, "Abkürzung") {
				out = append(out, a)
			}
		}
	}
	return out
}

func istAbkuerzung(w string) bool {
	r := []rune(w)
	if len(r) < 2 || !unicode.IsUpper(r[0]) {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsUpper(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

var lsMonate = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// langesDatum writes a date the way Leichte Sprache does: "11. Januar 2016"
// for a day, "Oktober 2020" for a month, the year otherwise.
func langesDatum(d datum.Datum) string {
	s := d.Start()
	switch d.From.Prec {
	case datum.Tag:
		return fmt.Sprintf("%d. %s %d", s.Day(), lsMonate[s.Month()-time.January], s.Year())
	case datum.Monat:
		return fmt.Sprintf("%s %d", lsMonate[s.Month()-time.January], s.Year())
	}
	return fmt.Sprint(s.Year())
}

// TestLeichteSpracheMessung: the measurement finds long sentences and
// unexplained abbreviations (so a pass above means something).
func TestLeichteSpracheMessung(t *testing.T) {
	text := lsText("+++\ntitel = \"x\"\n+++\n## Wer macht das?\n\nDas TMDI leitet die Arbeit am 8. November 2022.\n\nDie Abkürzung für Informations-Technik ist: IT.\nDie IT ist **wichtig**. Das [Smart State]{lang=en} auch!\n- Ein Punkt.\n")
	got := lsSaetze(text)
	want := []string{"Wer macht das?", "Das TMDI leitet die Arbeit am 8. November 2022.", "Die Abkürzung für Informations-Technik ist: IT.", "Die IT ist wichtig.", "Das Smart State auch!", "Ein Punkt."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Sätze:\n got %q\nwant %q", got, want)
	}
	if u := lsUnerklaert(text); len(u) != 1 || u[0] != "TMDI" {
		t.Errorf("unerklärte Abkürzungen: %q, erwartet nur TMDI", u)
	}
	if got := langesDatum(mustDatum(t, "11.01.2016")) + "|" + langesDatum(mustDatum(t, "Oktober 2020")); got != "11. Januar 2016|Oktober 2020" {
		t.Errorf("langesDatum: %s", got)
	}
}

func mustDatum(t *testing.T, s string) datum.Datum {
	t.Helper()
	d, err := datum.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
