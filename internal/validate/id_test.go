package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/content"
	"tdsite/internal/testkit"
)

func TestValidID(t *testing.T) {
	for _, s := range []string{"BSP-01", "E1.1", "Z1", "5.10-1", "I2", "TMDI", "IHK-SUED", "mittelstand-4-0", "a_b"} {
		if !content.ValidID(s) {
			t.Errorf("ValidID(%q) = false", s)
		}
	}
	for _, s := range []string{"", "../../etc", "..", ".", "a/b", "a\\b", "a b", "-a", "a-", ".a", "a.", "a..b", "a--b",
		"a\x1bb", "a\x00", "Ä1", "ÖPNV", "a\nb", "%2e%2e", "a?b", "a#b", "<b>", "a:b"} {
		if content.ValidID(s) {
			t.Errorf("ValidID(%q) = true", s)
		}
	}
	doc, err := os.ReadFile(filepath.Join(testkit.Root(), "docs/inhaltsformat.md"))
	if err != nil || !strings.Contains(string(doc), content.IDMuster) || !strings.Contains(string(doc), content.KeyMuster) {
		t.Errorf("docs/inhaltsformat.md does not document the patterns (%v)", err)
	}
	if content.ValidKey("BSP-01") || content.ValidKey("a.b") || !content.ValidKey("beispiel-kommunen") {
		t.Error("ValidKey is the lower-case form for addresses")
	}
}

// Every field that names a thing is checked against the one pattern, with
// the file, the line and the pattern in the hint.
func TestIDPatternEveryField(t *testing.T) {
	testkit.Slow(t)
	const bk = "content/strategien/beispiel-kommunen/"
	type edit struct{ file, old, new string }
	cases := []struct {
		name  string
		edit  edit
		moves [2]string // rename: from, to (relative to the site)
		file  string
		line  int
		hint  string
	}{
		{name: "Maßnahme", edit: edit{bk + "massnahmen/BSP-01.md", `id = "BSP-01"`, `id = "../../etc"`}, file: bk + "massnahmen/BSP-01.md", line: 3, hint: content.IDMuster},
		{name: "Zielset", edit: edit{bk + "ziele.toml", `id = "Z1"`, `id = "Z 1"`}, file: bk + "ziele.toml", line: 13, hint: content.IDMuster},
		{name: "quantitatives Ziel", edit: edit{bk + "ziele.toml", `id = "Z1.1"`, `id = "Z1/1"`}, file: bk + "ziele.toml", line: 28, hint: content.IDMuster},
		{name: "Etappenziel-Set", edit: edit{bk + "ziele.toml", `id = "E1"`, `id = "E1."`}, file: bk + "ziele.toml", line: 145, hint: content.IDMuster},
		{name: "Etappenziel", edit: edit{bk + "ziele.toml", `id = "E1.1"`, `id = "../E1.1"`}, file: bk + "ziele.toml", line: 156, hint: content.IDMuster},
		{name: "einfaches Ziel", edit: edit{"content/strategien/digitale-gesellschaft/ziele.toml", `id = "2.1-1"`, `id = "2.1-1#x"`}, file: "content/strategien/digitale-gesellschaft/ziele.toml", line: 12, hint: content.IDMuster},
		{name: "Initiative", edit: edit{bk + "initiativen.toml", `id = "I1"`, `id = "I1<b>"`}, file: bk + "initiativen.toml", line: 6, hint: content.IDMuster},
		{name: "Gremium", edit: edit{bk + "strategie.md", `schluessel = "steuerkreis"`, `schluessel = "../steuerkreis"`}, file: bk + "strategie.md", line: 87, hint: content.IDMuster},
		{name: "Leitthema", edit: edit{"content/strategien/digitale-gesellschaft/strategie.md", `schluessel = "mittelstand-4-0"`, `schluessel = "mittelstand 4.0"`}, file: "content/strategien/digitale-gesellschaft/strategie.md", line: 57, hint: content.IDMuster},
		{name: "Kürzel", edit: edit{"content/akteure.toml", `kuerzel = "TSK"`, `kuerzel = "TSK/../x"`}, file: "content/akteure.toml", line: 25, hint: content.IDMuster},
		{name: "Meldung (Dateiname)", moves: [2]string{bk + "meldungen/2025-01-21-kickoff.md", bk + "meldungen/2025-01-21-Kick Off.md"}, file: bk + "meldungen/2025-01-21-Kick Off.md", hint: content.KeyMuster},
		{name: "Seite (Dateiname)", moves: [2]string{"content/seiten/impressum.md", "content/seiten/impressum..md"}, file: "content/seiten/impressum..md", hint: content.KeyMuster},
		{name: "Handlungsfeld (Dateiname)", moves: [2]string{"content/handlungsfelder/arbeitswelt-4-0.md", "content/handlungsfelder/Arbeitswelt_4.0.md"}, file: "content/handlungsfelder/Arbeitswelt_4.0.md", hint: content.KeyMuster},
		{name: "Strategie (Ordnername)", moves: [2]string{"content/strategien/kultur", "content/strategien/kultur.."}, file: "content/strategien/kultur../strategie.md", hint: content.KeyMuster},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := testkit.Bundled(t)
			if c.edit.file != "" {
				p := filepath.Join(root, filepath.FromSlash(c.edit.file))
				data, err := os.ReadFile(p)
				if err != nil || !strings.Contains(string(data), c.edit.old) {
					t.Fatalf("%s: %v or %q missing", c.edit.file, err, c.edit.old)
				}
				os.WriteFile(p, []byte(strings.Replace(string(data), c.edit.old, c.edit.new, 1)), 0o644)
			}
			if c.moves[0] != "" {
				if err := os.Rename(filepath.Join(root, filepath.FromSlash(c.moves[0])), filepath.Join(root, filepath.FromSlash(c.moves[1]))); err != nil {
					t.Fatal(err)
				}
			}
			diags := checkFixture(t, root)
			var found bool
			for _, d := range diags.Items() {
				if d.Rule == "schluessel" && d.Pos.File == c.file && (c.line == 0 || d.Pos.Line == c.line) {
					found = true
					if !strings.Contains(d.Hint, c.hint) || !strings.Contains(d.Hint, "docs/inhaltsformat.md") {
						t.Errorf("hint without the pattern: %s", d)
					}
				}
			}
			if !found {
				var b strings.Builder
				diags.Print(&b, false)
				t.Errorf("no [schluessel] finding at %s:%d:\n%s", c.file, c.line, b.String())
			}
		})
	}
}
