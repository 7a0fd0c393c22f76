package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// TestPflichtseiten builds the bundled site and checks the pages the law asks
// for: they exist, carry their mandatory parts, and every page links them.
func TestPflichtseiten(t *testing.T) {
	t.Parallel()
	root := testkit.Root()
	dest := filepath.Join(t.TempDir(), "public")
	if _, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate}); err != nil {
		t.Fatalf("build: %v\n%s", err, printed(diags))
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatalf("%s fehlt: %v", p, err)
		}
		return string(b)
	}
	erklaerung := read("barrierefreiheit/index.html")
	for _, want := range []string{
		`<h1 id="seitentitel">Erklärung zur Barrierefreiheit</h1>`,
		"<strong>teilweise vereinbar</strong>",                          // status of compliance
		`id="nicht-barrierefrei"`,                                       // non-accessible parts …
		"<strong>Grund:</strong>",                                       // … with reasons
		"Es gibt noch keine Informationen in Deutscher Gebärdensprache", // added by tdsite: no video
		`erstellt`, `<time datetime="2026-11-23">23.11.2026</time>`, // date of preparation
		"<strong>Methode:</strong> Selbstbewertung", // method
		`id="feedback"`,                          // feedback contact
		`href="https://www.tlmb-thueringen.de/"`, // enforcement body
		"§ 5 ThürBarrWebG",
		`<mark class="platzhalter">[Anschrift der Durchsetzungsstelle eintragen]</mark>`,
	} {
		if !strings.Contains(erklaerung, want) {
			t.Errorf("Erklärung zur Barrierefreiheit: %q fehlt", want)
		}
	}
	if ls := read("leichte-sprache/index.html"); !strings.Contains(ls, `<p class="satz">Diese Internet-Seite heißt: #thüringendigital.</p>`) {
		t.Errorf("Leichte Sprache: nicht ein Satz je Zeile")
	}
	if dgs := read("gebaerdensprache/index.html"); !strings.Contains(dgs, "noch keine Videos in Deutscher Gebärdensprache") {
		t.Errorf("Gebärdensprache ohne Video sagt das nicht")
	}
	if m := read("massnahmen/q-02/index.html"); !strings.Contains(m, `<span lang="en">Fibre to the Building</span>`) {
		t.Errorf("fremdsprachige Stelle nicht ausgezeichnet")
	}
	footer := regexp.MustCompile(`(?s)<footer class="site-footer">.*</footer>`)
	n := 0
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		n++
		b, _ := os.ReadFile(p)
		f := footer.Find(b)
		for _, link := range []string{"/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/gebaerdensprache/"} {
			if !strings.Contains(string(f), `href="`+link+`"`) {
				t.Errorf("%s: Fußzeile verlinkt %s nicht", p, link)
			}
		}
		return nil
	})
	if n < 100 {
		t.Errorf("nur %d Seiten", n)
	}
}

// testSite makes a small site in a temp dir that uses the real layouts and theme.
func testSite(t *testing.T, files map[string]string) string {
	t.Helper()
	repo := testkit.Root()
	dir := t.TempDir()
	for _, d := range []string{"layouts", "themes"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repo, d))); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const minimalConfig = `titel = "Test"
baseURL = "https://example.org/"
build_datum = "23.11.2026"

[kontakt]
email = "redaktion@example.org"
`

const erklaerung = `
[barrierefreiheit]
vereinbarkeit = "vollstaendig"
standard = "WCAG 2.1 AA"
erstellt = "01.11.2026"
methode = "Selbstbewertung"

[barrierefreiheit.durchsetzung]
name = "Durchsetzungsstelle"
url = "https://schlichtung.example.net/durchsetzung"
`

func TestGebaerdenspracheMitVideo(t *testing.T) {
	dir := testSite(t, map[string]string{
		"config.toml": minimalConfig + erklaerung,
		"content/seiten/gebaerdensprache.md": `+++
titel = "Gebärdensprache"

[[video]]
titel = "Was ist diese Website?"
datei = "/videos/start.mp4"
untertitel = "/videos/start.vtt"
dauer = "2:30"
transkript = "Hallo. Hier stehen die Strategien."
+++
Videos in DGS.
`,
		"static/videos/start.mp4": "kein echtes Video",
		"static/videos/start.vtt": "WEBVTT\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: dir, Dest: dest, BuildDate: testDate})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printed(diags))
	}
	if e, w := diags.Count(); e+w > 0 {
		t.Errorf("unerwartete Befunde:\n%s", printed(diags))
	}
	b, _ := os.ReadFile(filepath.Join(dest, "gebaerdensprache/index.html"))
	html := string(b)
	for _, want := range []string{
		`<video controls preload="metadata">`, `<source src="/videos/start.mp4">`,
		`<track kind="captions" src="/videos/start.vtt" srclang="de" label="Deutsch" default>`,
		`Text zum Video „Was ist diese Website?“`, "Hallo. Hier stehen die Strategien.", "(Dauer: 2:30)",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("%q fehlt in\n%s", want, html)
		}
	}
	if strings.Contains(html, "noch keine Videos") {
		t.Errorf("sagt „noch keine Videos“, obwohl es eins gibt")
	}
	b, _ = os.ReadFile(filepath.Join(dest, "barrierefreiheit/index.html"))
	if strings.Contains(string(b), "Deutscher Gebärdensprache") {
		t.Errorf("Erklärung nennt fehlende Gebärdensprache, obwohl es ein Video gibt")
	}
}

func TestBefundeBarrierefreiheit(t *testing.T) {
	for _, c := range []struct {
		name, config, seite string
		want                []string // "Datei:Zeile: Fehler|Warnung: Text"
		quittiert           bool
	}{
		{
			name:   "Erklärung fehlt",
			config: minimalConfig,
			want:   []string{"config.toml: Warnung: Die Erklärung zur Barrierefreiheit fehlt"},
		},
		{
			name: "Pflichtangaben fehlen",
			config: minimalConfig + `
[barrierefreiheit]
vereinbarkeit = "meistens"
erstellt = "11/2026"
`,
			want: []string{
				"config.toml:9: Fehler: Der Stand der Vereinbarkeit „meistens“ ist unbekannt.",
				"config.toml:10: Fehler: Bei „erstellt“ ist ein genauer Tag nötig",
				"config.toml:8: Fehler: In der Erklärung zur Barrierefreiheit fehlt die Methode der Bewertung.",
				"config.toml:8: Fehler: Die Erklärung zur Barrierefreiheit muss die Durchsetzungsstelle nennen",
			},
		},
		{
			name:   "Platzhalter",
			config: minimalConfig + erklaerung + "\n[barrierefreiheit.feedback]\ntelefon = \"[Telefonnummer eintragen]\"\n",
			seite:  "+++\ntitel = \"Impressum\"\n+++\nAnschrift:\n[Anschrift eintragen]\n",
			want: []string{
				"config.toml:19: Warnung: Hier steht noch der Platzhalter „[Telefonnummer eintragen]“.",
				"content/seiten/impressum.md:5: Warnung: Hier steht noch der Platzhalter „[Anschrift eintragen]“.",
			},
		},
		{
			name:      "Platzhalter quittiert",
			config:    minimalConfig + erklaerung + "\n[ausnahmen]\nplatzhalter = \"Beispielinstallation.\"\n",
			seite:     "+++\ntitel = \"Impressum\"\n+++\n[Anschrift eintragen]\n",
			want:      []string{"content/seiten/impressum.md:4: Warnung: Hier steht noch der Platzhalter"},
			quittiert: true,
		},
		{
			name:   "Video ohne Untertitel, Datei fehlt",
			config: minimalConfig + erklaerung,
			seite:  "+++\ntitel = \"Impressum\"\n\n[[video]]\ntitel = \"Start\"\ndatei = \"/videos/fehlt.mp4\"\n+++\n",
			want: []string{
				"content/seiten/impressum.md:6: Fehler: Die Datei „/videos/fehlt.mp4“ gibt es nicht unter static/.",
				"content/seiten/impressum.md:4: Warnung: Das Video „Start“ hat keine Untertitel.",
				"content/seiten/impressum.md:4: Warnung: Das Video „Start“ hat keinen Text zum Nachlesen (Transkript).",
			},
		},
		{
			name:   "falscher Sprachcode",
			config: minimalConfig + erklaerung,
			seite:  "+++\ntitel = \"Impressum\"\n+++\nDas heißt [Open Data]{lang=englisch}.\n",
			want:   []string{"content/seiten/impressum.md:4: Fehler: „englisch“ ist kein Sprachcode."},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"config.toml": c.config}
			if c.seite != "" {
				files["content/seiten/impressum.md"] = c.seite
			}
			dir := testSite(t, files)
			_, diags := Prepare(dir, testDate, nil)
			out := printed(diags)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("erwartet %q in\n%s", w, out)
				}
			}
			if _, open := diags.Count(); c.quittiert && open != 0 {
				t.Errorf("%d offene Warnungen trotz [ausnahmen]:\n%s", open, out)
			}
		})
	}
}

func printed(l *diag.List) string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	l.Print(&b, true)
	return b.String()
}
