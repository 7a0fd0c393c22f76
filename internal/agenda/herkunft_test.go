package agenda_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/model"
	"tdsite/internal/testkit"
)

// A small site whose build day is 23.11.2026: each measure stands for one
// rule of "Stand und Herkunft".
var herkunftSite = map[string]string{
	"config.toml": "titel = \"Test\"\nbaseURL = \"https://example.org/\"\nbuild_datum = \"23.11.2026\"\n",
	"content/akteure.toml": "[[ressort]]\nkuerzel = \"TMDI\"\nname = \"Digitalministerium\"\n" +
		"[[ressort]]\nkuerzel = \"TMBJS\"\nname = \"Bildungsministerium\"\n",
	"content/handlungsfelder/hf.md": "+++\nname = \"Handlungsfeld\"\n+++\n",
	"content/strategien/s/strategie.md": "+++\nname = \"Digitalstrategie für Tests\"\nmethode = \"vor-leitfaden\"\n" +
		"federfuehrung = \"TMDI\"\nstand = \"30.09.2026\"\nhandlungsfelder = [\"hf\"]\n+++\n",
	// Current, inferred: the latest entry is the status; its source defaults to the measure's.
	"content/strategien/s/massnahmen/A-1.md": `+++
id = "A-1"
titel = "Aktuell und abgeleitet"
handlungsfeld = "hf"
federfuehrung = ["TMDI"]
quelle = "Bericht der Projektleitung"

[[verlauf]]
datum = "01.01.2025"
status = "geplant"
quelle = "Kabinettsvorlage"

[[verlauf]]
datum = "Q2/2026"
status = "laufend"
sicherheit = "abgeleitet"
grund = "Aus den Meilensteinen abgeleitet: Ausschreibung läuft."

[[meilenstein]]
datum = "Q4/2021"
text = "Offen laut einer Quelle von 2020, Datum inzwischen vorbei"
status = "offen"
stand = "Oktober 2020"

[[meilenstein]]
datum = "2027"
text = "Offen, Datum noch nicht erreicht"
status = "offen"

[[meilenstein]]
datum = "Q1/2025"
text = "Ohne Angabe"

[[meilenstein]]
datum = "Q2/2025"
text = "Ältere Schreibweise"
erreicht = true
+++
`,
	// Legacy status without [[verlauf]]: one entry dated stand, stale.
	"content/strategien/s/massnahmen/B-1.md": "+++\nid = \"B-1\"\ntitel = \"Alter Stand\"\nhandlungsfeld = \"hf\"\n" +
		"federfuehrung = [\"TMBJS\"]\nstatus = \"laufend\"\nstand = \"31.12.2020\"\nquelle = \"Update 2020\"\n+++\n",
	// Completion never goes stale.
	"content/strategien/s/massnahmen/C-1.md": "+++\nid = \"C-1\"\ntitel = \"Längst fertig\"\nhandlungsfeld = \"hf\"\n" +
		"federfuehrung = [\"TMBJS\"]\nquelle = \"Update 2020\"\n\n[[verlauf]]\ndatum = \"2019\"\nstatus = \"umgesetzt\"\n+++\n",
	// 15.05.2026 + 180 days = 11.11.2026, before the build day: stale.
	"content/strategien/s/massnahmen/D-1.md": "+++\nid = \"D-1\"\ntitel = \"Knapp zu alt\"\nhandlungsfeld = \"hf\"\n" +
		"federfuehrung = [\"TMBJS\"]\nquelle = \"Meldung\"\n\n[[verlauf]]\ndatum = \"15.05.2026\"\nstatus = \"laufend\"\n+++\n",
	// 27.05.2026 + 180 days = 23.11.2026, the build day itself: still current.
	"content/strategien/s/massnahmen/D-2.md": "+++\nid = \"D-2\"\ntitel = \"Gerade noch aktuell\"\nhandlungsfeld = \"hf\"\n" +
		"federfuehrung = [\"TMBJS\"]\nquelle = \"Meldung\"\n\n[[verlauf]]\ndatum = \"27.05.2026\"\nstatus = \"laufend\"\n+++\n",
	"content/agenda/fortschrittsbericht-2025.md": "+++\nstand = \"31.12.2025\"\n+++\nEinleitung.\n",
	"content/agenda/fortschrittsbericht-2026.md": "+++\nstand = \"30.06.2026\"\n+++\nEinleitung.\n",
}

// schreibeSite writes files into a copy of the bundled templates and theme.
func schreibeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := testkit.Copy(t, testkit.Root(), "layouts", "themes")
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func prepare(t *testing.T, root string) (*build.Prepared, *diag.List) {
	t.Helper()
	p, d := build.Prepare(root, time.Time{}, nil)
	if p == nil {
		t.Fatalf("Prepare: %v", d.Items())
	}
	return p, d
}

func TestStatusAusVerlaufMitAlter(t *testing.T) {
	p, d := prepare(t, schreibeSite(t, herkunftSite))
	m := p.Model
	a := m.Massnahme("A-1")
	if a.Status != "laufend" || a.Veraltet {
		t.Errorf("A-1: Status %q, veraltet %v; erwartet laufend, aktuell (letzter Eintrag Q2/2026)", a.Status, a.Veraltet)
	}
	e := a.Aktuell()
	if !e.Abgeleitet() || e.Grund == "" || e.Quelle != "Bericht der Projektleitung" || e.Datum.Raw != "Q2/2026" {
		t.Errorf("A-1: aktueller Eintrag %+v; erwartet abgeleitet mit Grund, Quelle der Maßnahme, Datum Q2/2026", e)
	}
	if a.Verlauf[0].Quelle != "Kabinettsvorlage" || a.Verlauf[0].Sicherheit != content.Belegt {
		t.Errorf("A-1: erster Eintrag %+v; erwartet eigene Quelle, belegt", a.Verlauf[0])
	}
	b := m.Massnahme("B-1")
	if b.Status != "laufend" || !b.Veraltet || b.Zaehlstatus() != model.Veraltet || b.Aktuell().Datum.Raw != "31.12.2020" || b.Aktuell().Quelle != "Update 2020" {
		t.Errorf("B-1: %q veraltet=%v, Eintrag %+v; erwartet laufend mit Stand 31.12.2020, veraltet", b.Status, b.Veraltet, b.Aktuell())
	}
	if b.VeraltetText() != "Stand älter als 6 Monate" {
		t.Errorf("B-1: Hinweis %q", b.VeraltetText())
	}
	if c := m.Massnahme("C-1"); c.Veraltet {
		t.Error("C-1: „umgesetzt“ gilt als veraltet; ein Abschluss bleibt wahr")
	}
	if !m.Massnahme("D-1").Veraltet || m.Massnahme("D-2").Veraltet {
		t.Errorf("Grenze 180 Tage: D-1 veraltet=%v (erwartet true), D-2 veraltet=%v (erwartet false)",
			m.Massnahme("D-1").Veraltet, m.Massnahme("D-2").Veraltet)
	}
	z := m.Strategie("s").Status
	if z.Laufend != 2 || z.Umgesetzt != 1 || z.Veraltet != 2 || z.Aktuell() != 3 {
		t.Errorf("Summen %+v; erwartet laufend 2 (A-1, D-2), umgesetzt 1, veraltet 2 (B-1, D-1)", z)
	}
	// check names the stale measures by lead Ressort, in the strategy's file.
	var warn []string
	for _, x := range d.Items() {
		if x.Rule == "stand-veraltet" {
			warn = append(warn, x.Pos.File+": "+x.Message)
		}
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "content/strategien/s/strategie.md") ||
		!strings.Contains(warn[0], "TMBJS") || !strings.Contains(warn[0], "B-1 (31.12.2020)") || !strings.Contains(warn[0], "D-1 (15.05.2026)") {
		t.Errorf("Warnungen zu veralteten Ständen: %q", warn)
	}
}

func TestMeilensteinUnbekanntOhneQuelle(t *testing.T) {
	p, _ := prepare(t, schreibeSite(t, herkunftSite))
	want := []string{"unbekannt", "offen", "unbekannt", "erreicht"}
	for i, ms := range p.Model.Massnahme("A-1").Meilensteine {
		if ms.Zustand != want[i] {
			t.Errorf("Meilenstein %q: Zustand %q, erwartet %q", ms.Text, ms.Zustand, want[i])
		}
	}
	if l := p.Model.Massnahme("A-1").Meilensteine[0].ZustandLabel(); l != "Stand unbekannt" {
		t.Errorf("Beschriftung %q", l)
	}
}

func TestBerichtZumStichtag(t *testing.T) {
	p, _ := prepare(t, schreibeSite(t, herkunftSite))
	a := agenda.Build(p.Model)
	r := bericht(t, a, 2026)
	am := r.Land.Summe.StatusAm
	// On 30.06.2026: A-1 laufend (Q2/2026), D-1 and D-2 laufend (May 2026),
	// C-1 umgesetzt (final), B-1 last reported 2020: no report in the period.
	if am.Laufend != 3 || am.Umgesetzt != 1 || am.OhneMeldung != 1 || am.Offen != 0 {
		t.Errorf("2026 am Stichtag: %+v", am)
	}
	r25 := bericht(t, a, 2025)
	// On 31.12.2025: A-1 geplant (01.01.2025), B-1 without report in 2025,
	// C-1 umgesetzt, D-1/D-2 not yet in the plan.
	if s := r25.Land.Summe.StatusAm; s.Geplant != 1 || s.OhneMeldung != 1 || s.Umgesetzt != 1 || s.Offen != 2 {
		t.Errorf("2025 am Stichtag: %+v", s)
	}
	// The 2026 report compares with the 2025 report's cut-off.
	if !r.Vorjahr.Equal(r25.Bis) {
		t.Errorf("Vergleichstag %v, erwartet Stichtag des Vorberichts %v", r.Vorjahr, r25.Bis)
	}
}

func TestAbgeschlossenerBerichtIstEingefroren(t *testing.T) {
	files := map[string]string{}
	for k, v := range herkunftSite {
		files[k] = v
	}
	root := schreibeSite(t, files)
	p, _ := prepare(t, root)
	b := p.Model.Berichte[0]
	frozen := agenda.Abschluss(p.Model, b)
	if frozen["s/A-1"] != "geplant" || frozen["s/B-1"] != agenda.KeyOhneMeldung || frozen["s/C-1"] != "umgesetzt" {
		t.Fatalf("Abschluss 2025: %v", frozen)
	}
	if _, ok := frozen["s/D-1"]; ok {
		t.Fatal("D-1 war am Stichtag nicht im Aktionsplan und gehört nicht in den Abschluss")
	}
	var tbl strings.Builder
	tbl.WriteString("+++\nstand = \"31.12.2025\"\nabgeschlossen = \"15.01.2026\"\n[abschluss]\n")
	for k, v := range frozen {
		tbl.WriteString("\"" + k + "\" = \"" + v + "\"\n")
	}
	tbl.WriteString("+++\nEinleitung.\n")
	files["content/agenda/fortschrittsbericht-2025.md"] = tbl.String()
	root = schreibeSite(t, files)
	if _, d := prepare(t, root); d.HasErrors() {
		t.Fatalf("unveränderte Inhalte: %v", d.Items())
	}
	// A back-dated entry changes D-1 on the cut-off: an error at that entry.
	files["content/strategien/s/massnahmen/D-1.md"] = strings.Replace(files["content/strategien/s/massnahmen/D-1.md"],
		"[[verlauf]]", "[[verlauf]]\ndatum = \"01.06.2025\"\nstatus = \"geplant\"\n\n[[verlauf]]", 1)
	root = schreibeSite(t, files)
	p2, d := build.Prepare(root, time.Time{}, nil)
	if p2 != nil {
		t.Fatal("Prepare veröffentlicht trotz geänderter Zahlen eines abgeschlossenen Berichts")
	}
	var hits []diag.Diagnostic
	for _, x := range d.Items() {
		if x.Rule == "bericht-abgeschlossen" {
			hits = append(hits, x)
		}
	}
	if len(hits) != 1 || hits[0].Severity != diag.Error || hits[0].Pos.String() != "content/strategien/s/massnahmen/D-1.md:8" ||
		!strings.Contains(hits[0].Message, "2025") || !strings.Contains(hits[0].Message, "„nicht im Aktionsplan“") ||
		!strings.Contains(hits[0].Message, "„geplant“") || !strings.Contains(hits[0].Hint, "fortschrittsbericht-2025.md") {
		t.Errorf("Befunde: %+v", hits)
	}
}
