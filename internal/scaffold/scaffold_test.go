package scaffold

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdsite/internal/build"
	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/testkit"
	"tdsite/internal/validate"
)

var today = time.Date(2027, 3, 15, 9, 30, 0, 0, time.UTC)

func open(t *testing.T, root string) *Site {
	t.Helper()
	s, err := Open(root, today)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// check runs the rules of `tdsite check` on the whole site and fails on errors.
func check(t *testing.T, root string) *diag.List {
	t.Helper()
	site, diags := content.Load(root)
	diags.Merge(validate.Check(site))
	if diags.HasErrors() {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("site has errors after scaffolding:\n%s", b.String())
	}
	return diags
}

// must fails the test when a command refused or produced an error finding.
func must(t *testing.T) func(*Result, error) *Result {
	return func(res *Result, err error) *Result {
		t.Helper()
		return mustCreate(t, res, err)
	}
}

func mustCreate(t *testing.T, res *Result, err error) *Result {
	t.Helper()
	if err != nil {
		var p *Problem
		if errors.As(err, &p) {
			t.Fatalf("%s (Hinweis: %s)", p.Msg, p.Hint)
		}
		t.Fatal(err)
	}
	for _, d := range res.Findings {
		if d.Severity == diag.Error {
			t.Errorf("generated content has an error: %s", d)
		}
	}
	return res
}

func rules(res *Result) string {
	var r []string
	for _, d := range res.Findings {
		r = append(r, d.Rule)
	}
	return strings.Join(r, " ")
}

// TestScaffoldWorkflow creates a strategy with everything an editor adds in
// the first months, in a copy of the bundled site, and builds it.
func TestScaffoldWorkflow(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)
	s := open(t, root)
	res := must(t)(s.NewStrategie(StrategieOptions{Name: "Digitalstrategie für den Thüringer Straßenbau",
		Federfuehrung: "TMDI", Handlungsfelder: []string{"digitaler-staat"}}))
	dir := "content/strategien/digitalstrategie-fuer-den-thueringer-strassenbau"
	for _, f := range []string{"strategie.md", "ziele.toml", "initiativen.toml", "messwerte.toml", "backlog.toml", "handlungsfelder/digitaler-staat.md"} {
		if _, err := os.Stat(filepath.Join(root, dir, f)); err != nil {
			t.Errorf("missing %s/%s", dir, f)
		}
	}
	if len(res.Created) != 6 {
		t.Errorf("created %v", res.Created)
	}
	if strings.Contains(rules(res), "namensschema") {
		t.Error("name follows the scheme but was warned about")
	}
	strategie := read(t, root, dir+"/strategie.md")
	for _, want := range []string{`name = "Digitalstrategie für den Thüringer Straßenbau"`, `kurzname = "Straßenbau"`,
		`rahmenstrategie = "smart-state"`, `federfuehrung = "TMDI"`, `stand = "15.03.2027"`, `handlungsfelder = ["digitaler-staat"]`} {
		if !strings.Contains(strategie, want) {
			t.Errorf("strategie.md lacks %s", want)
		}
	}
	check(t, root)

	slug := "digitalstrategie-fuer-den-thueringer-strassenbau"
	s = open(t, root)
	must(t)(s.NewHandlungsfeld(HandlungsfeldOptions{Name: "Digitale Baustellen", Strategie: slug}))
	s = open(t, root)
	res = must(t)(s.NewMassnahme(MassnahmeOptions{Titel: "Baustellen-Atlas", Strategie: slug, Handlungsfeld: "digitale-baustellen"}))
	if res.Created[0] != dir+"/massnahmen/STRASSENBAU-01.md" {
		t.Errorf("first measure: %v", res.Created)
	}
	s = open(t, root)
	res = must(t)(s.NewMassnahme(MassnahmeOptions{Titel: "Zweite", Strategie: slug, Handlungsfeld: "digitaler-staat", Status: "laufend"}))
	if res.Created[0] != dir+"/massnahmen/STRASSENBAU-02.md" {
		t.Errorf("second measure: %v", res.Created)
	}
	s = open(t, root)
	res = must(t)(s.NewMeldung(MeldungOptions{Titel: "Start: Kickoff im Ministerium!", Strategie: slug}))
	if res.Created[0] != dir+"/meldungen/2027-03-15-start-kickoff-im-ministerium.md" {
		t.Errorf("news post: %v", res.Created)
	}
	if !strings.Contains(read(t, root, res.Created[0]), `datum = "15.03.2027"`) {
		t.Error("news post without today's date")
	}
	check(t, root)

	// The new content renders.
	if _, diags, err := build.Run(context.Background(), build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: today}); err != nil {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("build: %v\n%s", err, b.String())
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestStrategieNames(t *testing.T) {
	root := testkit.Bundled(t)
	s := open(t, root)
	s.DryRun = true
	for name, slug := range map[string]string{
		"Strategie für Thüringens Straßen und Brücken": "strategie-fuer-thueringens-strassen-und-bruecken",
		"Digitalstrategie für Ärzte in Thüringen":      "digitalstrategie-fuer-aerzte-in-thueringen",
	} {
		res, err := s.NewStrategie(StrategieOptions{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if want := "content/strategien/" + slug + "/strategie.md"; res.Created[0] != want {
			t.Errorf("%s → %s, want %s", name, res.Created[0], want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content/strategien/strategie-fuer-thueringens-strassen-und-bruecken")); err == nil {
		t.Error("dry run wrote files")
	}
	if got := Kurzname("Digitalstrategie für die Thüringer Kultur"); got != "Kultur" {
		t.Errorf("Kurzname: %q", got)
	}

	// A name outside the scheme is created, with the check's warning.
	s = open(t, root)
	res := must(t)(s.NewStrategie(StrategieOptions{Name: "Sport digital", Slug: "sport"}))
	if !strings.Contains(rules(res), "namensschema") {
		t.Errorf("no naming-scheme warning: %s", rules(res))
	}
	check(t, root)
}

// TestNeverOverwrites checks refusals: existing names, slugs, IDs and files.
func TestNeverOverwrites(t *testing.T) {
	root := testkit.Bundled(t)
	before := testkit.Snapshot(t, root)
	s := open(t, root)
	cases := map[string]func() (*Result, error){
		"same name as bundled": func() (*Result, error) {
			return s.NewStrategie(StrategieOptions{Name: "Digitalstrategie für die Thüringer Kultur"})
		},
		"existing slug": func() (*Result, error) {
			return s.NewStrategie(StrategieOptions{Name: "Digitalstrategie für die Thüringer Kulturgüter", Slug: "kultur"})
		},
		"existing measure ID": func() (*Result, error) {
			return s.NewMassnahme(MassnahmeOptions{Titel: "X", Strategie: "beispiel-kommunen", ID: "bsp-01", Handlungsfeld: "kommunale-digitalstrategien"})
		},
		"existing Handlungsfeld": func() (*Result, error) {
			return s.NewHandlungsfeld(HandlungsfeldOptions{Name: "künstliche  Intelligenz (KI)"})
		},
		"unknown strategy": func() (*Result, error) {
			return s.NewMeldung(MeldungOptions{Titel: "X", Strategie: "beispiel-komunen"})
		},
		"unknown Ressort": func() (*Result, error) {
			return s.NewStrategie(StrategieOptions{Name: "Strategie für die Thüringer Tests", Federfuehrung: "TMXY"})
		},
		"mixed numbering": func() (*Result, error) {
			return s.NewMassnahme(MassnahmeOptions{Titel: "X", Strategie: "digitale-gesellschaft", Handlungsfeld: "gesellschaft"})
		},
		"several Handlungsfelder": func() (*Result, error) {
			return s.NewMassnahme(MassnahmeOptions{Titel: "X", Strategie: "beispiel-kommunen"})
		},
		"bad date": func() (*Result, error) {
			return s.NewMeldung(MeldungOptions{Titel: "X", Strategie: "beispiel-kommunen", Datum: "31.02.2027"})
		},
	}
	for name, f := range cases {
		_, err := f()
		var p *Problem
		if !errors.As(err, &p) || p.Msg == "" || p.IO {
			t.Errorf("%s: expected a German refusal, got %v", name, err)
		}
	}
	// A file that exists is never overwritten, even when the content index does not know it.
	existing := "content/strategien/beispiel-kommunen/meldungen/2027-03-15-hallo.md"
	if err := os.WriteFile(filepath.Join(root, existing), []byte("+++\ntitel = \"Hallo\"\ndatum = \"15.03.2027\"\n+++\nvon Hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewMeldung(MeldungOptions{Titel: "Hallo", Strategie: "beispiel-kommunen"}); err == nil {
		t.Error("existing news file overwritten")
	}
	if got := read(t, root, existing); !strings.HasSuffix(got, "von Hand\n") {
		t.Errorf("existing file changed: %q", got)
	}
	os.Remove(filepath.Join(root, existing))
	after := testkit.Snapshot(t, root)
	for f, data := range before {
		if after[f] != data {
			t.Errorf("%s changed by a refused command", f)
		}
	}
	if len(after) != len(before) {
		t.Errorf("refused commands created files: %d → %d", len(before), len(after))
	}
}

func TestNextID(t *testing.T) {
	root := testkit.Bundled(t)
	s := open(t, root)
	s.DryRun = true
	res, err := s.NewMassnahme(MassnahmeOptions{Titel: "Neue", Strategie: "beispiel-kommunen", Handlungsfeld: "kommunale-digitalstrategien"})
	if err != nil {
		t.Fatal(err)
	}
	highest := 0
	for _, st := range s.Content.Strategien {
		if st.Slug == "beispiel-kommunen" {
			for _, m := range st.Massnahmen {
				var n int
				fmt.Sscanf(m.ID, "BSP-%d", &n)
				highest = max(highest, n)
			}
		}
	}
	if want := fmt.Sprintf("content/strategien/beispiel-kommunen/massnahmen/BSP-%02d.md", highest+1); res.Created[0] != want {
		t.Errorf("next ID: %s, want %s", res.Created[0], want)
	}
}

// TestMesswert appends measurements without touching the existing text.
func TestMesswert(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Bundled(t)
	rel := "content/strategien/beispiel-kommunen/messwerte.toml"
	before := read(t, root, rel)
	s := open(t, root)
	res := must(t)(s.NewMesswert(MesswertOptions{Ziel: "E1.1", Wert: "1.250,5", Strategie: "beispiel-kommunen",
		Kommentar: "Sechster Durchgang, \"sehr gut\" besucht."}))
	if len(res.Changed) != 1 || res.Changed[0] != rel {
		t.Errorf("changed %v", res.Changed)
	}
	after := read(t, root, rel)
	if !strings.HasPrefix(after, before) {
		t.Fatal("existing text of messwerte.toml changed")
	}
	want := "\n[[messwert]]\nziel = \"E1.1\"\ndatum = \"15.03.2027\"\nwert = 1250.5\nkommentar = \"Sechster Durchgang, \\\"sehr gut\\\" besucht.\"\n"
	if got := after[len(before):]; got != want {
		t.Errorf("appended\n%q\nwant\n%q", got, want)
	}
	// qualified ID, ja/nein goal, explicit date, gefährdet with correction
	s = open(t, root)
	before = read(t, root, rel)
	must(t)(s.NewMesswert(MesswertOptions{Ziel: "beispiel-kommunen/E1.3", Wert: "ja", Datum: "31.12.2026"}))
	// without a comment, the entry says where its source belongs
	want = "\n[[messwert]]\nziel = \"E1.3\"\ndatum = \"31.12.2026\"\nwert = 1\n# kommentar = \"\"                       # woher der Wert stammt (Statistik, Erhebung, Bericht mit Datum)\n"
	if got := read(t, root, rel)[len(before):]; got != want {
		t.Errorf("appended\n%q\nwant\n%q", got, want)
	}
	s = open(t, root)
	must(t)(s.NewMesswert(MesswertOptions{Ziel: "E1.2", Strategie: "beispiel-kommunen", Wert: "17", Datum: "31.12.2026",
		Gefaehrdet: true, Korrektur: "Videoberatung ausbauen."}))
	diags := check(t, root)
	for _, d := range diags.Items() {
		if d.Pos.File == rel && d.Accepted == "" {
			t.Errorf("new measurement has a finding: %s", d)
		}
	}
	for name, o := range map[string]MesswertOptions{
		"duplicate day":      {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "3"},
		"qualitative goal":   {Ziel: "E1", Strategie: "beispiel-kommunen", Wert: "3"},
		"unknown goal":       {Ziel: "E9.9", Strategie: "beispiel-kommunen", Wert: "3"},
		"not a number":       {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "viele", Datum: "01.01.2027"},
		"ja/nein value":      {Ziel: "E1.3", Strategie: "beispiel-kommunen", Wert: "5", Datum: "01.01.2027"},
		"gefährdet, no text": {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "3", Datum: "01.01.2027", Gefaehrdet: true},
		"NaN":                {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "NaN", Datum: "01.01.2027"},
		"Inf":                {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "-Inf", Datum: "01.01.2027"},
		"1e308":              {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "1e308", Datum: "01.01.2027"},
		"5e-324":             {Ziel: "E1.1", Strategie: "beispiel-kommunen", Wert: "5e-324", Datum: "01.01.2027"},
	} {
		s = open(t, root)
		if _, err := s.NewMesswert(o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestNewFilesLookLikeTheDocs keeps the generated files readable: every
// key line of a template also appears in docs/inhaltsformat.md.
func TestNewFilesLookLikeTheDocs(t *testing.T) {
	docs, err := os.ReadFile(filepath.Join(testkit.Root(), "docs/inhaltsformat.md"))
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`(?m)^#? ?([a-z_]+) = `)
	for _, name := range []string{"strategie.md.tmpl", "massnahme.md.tmpl", "meldung.md.tmpl", "handlungsfeld.md.tmpl", "ziele.toml.tmpl", "initiativen.toml.tmpl"} {
		data, _ := vorlagen.ReadFile("vorlagen/" + name)
		for _, m := range key.FindAllStringSubmatch(string(data), -1) {
			if !strings.Contains(string(docs), m[1]+" = ") {
				t.Errorf("%s uses %q, which docs/inhaltsformat.md does not describe", name, m[1])
			}
		}
	}
}

// TestMassnahmeVerlauf: a new measure states its status as a dated entry
// with a source, never as a bare status.
func TestMassnahmeVerlauf(t *testing.T) {
	root := testkit.Bundled(t)
	s := open(t, root)
	res := must(t)(s.NewMassnahme(MassnahmeOptions{Titel: "Neue", Strategie: "beispiel-kommunen",
		Handlungsfeld: "kommunale-digitalstrategien", Status: "laufend", Quelle: "Kabinettsbeschluss  vom 10.03.2027"}))
	got := read(t, root, res.Created[0])
	want := `
[[verlauf]]
datum = "15.03.2027"                   # Tag der Angabe
status = "laufend"                     # geplant | laufend | umgesetzt | ausgesetzt
quelle = "Kabinettsbeschluss vom 10.03.2027" # woher der Status stammt (Dokument, Bericht, Meldung)
sicherheit = "belegt"                  # belegt: die Quelle nennt ihn; abgeleitet: mit grund
`
	if !strings.Contains(got, want) {
		t.Errorf("no dated status entry:\n%s", got)
	}
	if strings.Index(got, "\nstatus = ") < strings.Index(got, "[[verlauf]]") {
		t.Errorf("bare status besides the entry:\n%s", got)
	}
	if !strings.Contains(got, `# status = "unbekannt"`) || strings.Contains(got, "erreicht = ") {
		t.Errorf("milestone template without status:\n%s", got)
	}
	check(t, root)

	// default source
	s = open(t, root)
	res = must(t)(s.NewMassnahme(MassnahmeOptions{Titel: "Ohne Quelle", Strategie: "beispiel-kommunen",
		Handlungsfeld: "kommunale-digitalstrategien"}))
	got = read(t, root, res.Created[0])
	id := strings.TrimSuffix(filepath.Base(res.Created[0]), ".md")
	for _, w := range []string{`status = "geplant"`, `quelle = "` + StandardQuelle + `"`, `datum = "15.03.2027"`} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s:\n%s", w, got)
		}
	}
	cs, _ := content.Load(root)
	for _, st := range cs.Strategien {
		for _, m := range st.Massnahmen {
			if m.ID == id {
				if m.Status != "" || len(m.Verlauf) != 1 || m.Verlauf[0].Sicherheit != content.Belegt || m.Verlauf[0].Quelle != StandardQuelle {
					t.Errorf("%s read back as %+v", id, m)
				}
				return
			}
		}
	}
	t.Errorf("%s not found", id)
}
