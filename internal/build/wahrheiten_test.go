package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A goal with a baseline and no measurement yet still has its target; the
// page once showed "Ziel 2030: 0 %" for them.
func TestZielwertOhneMessung(t *testing.T) {
	dest, _ := buildBundled(t)
	data, err := os.ReadFile(filepath.Join(dest, "strategien", "beispiel-kommunen", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for id, want := range map[string]string{
		"z1-2": "50 %", "z2-1": "60 %", "z3-1": "40 %", "z3-2": "10 Datensätze", "z3-3": "60 %",
	} {
		i := strings.Index(page, `id="ziel-`+id+`"`)
		if i < 0 {
			t.Errorf("Ziel %s fehlt auf der Seite", id)
			continue
		}
		item := page[i:]
		if j := strings.Index(item, "</li>"); j >= 0 {
			item = item[:j]
		}
		if !strings.Contains(item, "<dt>Ziel 2030</dt><dd>"+want+"</dd>") {
			t.Errorf("Ziel %s: Zielwert %q fehlt:\n%s", id, want, item)
		}
	}
}

// A strategy older than the Leitfaden says so once instead of showing six
// phases with "Stand unbekannt"; a strategy made by the Leitfaden keeps them.
func TestPhasenVorDemLeitfaden(t *testing.T) {
	dest, _ := buildBundled(t)
	prozess := func(slug string) string {
		data, err := os.ReadFile(filepath.Join(dest, "strategien", slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		i := strings.Index(page, `id="prozess"`)
		if i < 0 {
			t.Fatalf("%s: Abschnitt Prozess fehlt", slug)
		}
		page = page[i:]
		return page[:strings.Index(page, "</section>")]
	}
	for _, slug := range []string{"e-government-it-2014", "digitale-gesellschaft"} {
		p := prozess(slug)
		if strings.Contains(p, "Stand unbekannt") || strings.Contains(p, `class="phasen"`) {
			t.Errorf("%s: sechs Phasen ohne Stand statt eines Satzes:\n%s", slug, p)
		}
		if !strings.Contains(p, "vor dem Leitfaden entstanden") {
			t.Errorf("%s: der Satz zur Strategie vor dem Leitfaden fehlt:\n%s", slug, p)
		}
	}
	if p := prozess("beispiel-kommunen"); strings.Count(p, `class="phase `) != 6 {
		t.Errorf("beispiel-kommunen: sechs Phasen erwartet:\n%s", p)
	}
}
