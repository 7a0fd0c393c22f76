package decode

import (
	"strings"
	"testing"

	"tdsite/internal/diag"
)

const sample = `# Kommentar
stand = "30.09.2026"
titel = """
mehrzeilig
[[nicht_eine_tabelle]]
"""

[[zielset]]
id = "Z1"
basis = { wert = 12, datum = "31.12.2023" }

  [[zielset.quantitativ]]
  id = "Z1.1"
  meilensteine = [
    { datum = "Q1/2020", text = "a" },
    { datum = "Q2/2020", text = "b" },
  ]

  [[zielset.quantitativ]]
  id = "Z1.2"

[[zielset]]
id = "Z2"
'quoted key' = 1
a.b.c = "dotted"

[zielset.extra]
x = 1
`

func TestIndexLines(t *testing.T) {
	doc, d := Parse("f.toml", []byte(sample), 1)
	if d != nil {
		t.Fatal(d)
	}
	want := map[string]int{
		"stand":                        2,
		"titel":                        3,
		"zielset[0]":                   8,
		"zielset[0].id":                9,
		"zielset[0].basis.datum":       10,
		"zielset[0].quantitativ[0]":    12,
		"zielset[0].quantitativ[0].id": 13,
		"zielset[0].quantitativ[0].meilensteine[1]":       16,
		"zielset[0].quantitativ[0].meilensteine[1].datum": 16,
		"zielset[0].quantitativ[1].id":                    20,
		"zielset[1].id":                                   23,
		"zielset[1].quoted key":                           24,
		"zielset[1].a.b.c":                                25,
		"zielset[1].extra.x":                              28,
	}
	for path, line := range want {
		if got := doc.Index.Line(path); got != line {
			t.Errorf("Line(%q) = %d, want %d", path, got, line)
		}
	}
	if doc.Index.has("nicht_eine_tabelle") {
		t.Error("a table header inside a multi-line string was indexed")
	}
	// Unknown paths fall back to the nearest ancestor.
	if got := doc.Index.Line("zielset[0].quantitativ[1].gibtsnicht"); got != 19 {
		t.Errorf("fallback line = %d, want 19", got)
	}
}

type target struct {
	At       At
	Titel    string            `toml:"titel,pflicht"`
	Zieljahr int               `toml:"zieljahr"`
	Wert     float64           `toml:"wert"`
	Aktiv    bool              `toml:"aktiv"`
	Liste    []string          `toml:"liste"`
	Rollen   map[string]string `toml:"rollen"`
	Teile    []teil            `toml:"teil"`
}

type teil struct {
	At   At
	Name string `toml:"name,pflicht"`
}

func decodeString(t *testing.T, src string, firstLine int) (*target, *diag.List) {
	t.Helper()
	doc, d := Parse("x.toml", []byte(src), firstLine)
	if d != nil {
		l := &diag.List{}
		l.Add(*d)
		return nil, l
	}
	var v target
	l := &diag.List{}
	doc.Decode(&v, l)
	return &v, l
}

func TestDecodeFindings(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		rule      string
		contains  []string
	}{
		{"typo", "titel = \"a\"\nzeiljahr = 2030\n", 2, "unbekanntes-feld", []string{"„zeiljahr“", "Meinten Sie „zieljahr“?"}},
		{"text for number", "titel = \"a\"\nwert = \"50 %\"\n", 2, "typ", []string{"„wert“", "Zahl", "„50 %“"}},
		{"number for text", "titel = 5\n", 1, "typ", []string{"„titel“", "Text in Anführungszeichen"}},
		{"float for int", "titel = \"a\"\nzieljahr = 2030.5\n", 2, "typ", []string{"ganze Zahl"}},
		{"missing required", "zieljahr = 2030\n", 1, "pflichtfeld", []string{"„titel“ fehlt"}},
		{"missing in array element", "titel = \"a\"\n[[teil]]\nname = \"x\"\n[[teil]]\n", 4, "pflichtfeld", []string{"„name“ fehlt"}},
		{"unknown in second element", "titel = \"a\"\n[[teil]]\nname = \"x\"\n[[teil]]\nname = \"y\"\nnmae = 1\n", 6, "unbekanntes-feld", []string{"„nmae“"}},
		{"bool as string", "titel = \"a\"\naktiv = \"ja\"\n", 2, "typ", []string{"true oder false"}},
		{"syntax", "titel = \"a\n", 1, "toml-syntax", []string{"TOML-Syntaxfehler"}},
		{"duplicate key", "titel = \"a\"\ntitel = \"b\"\n", 2, "toml-syntax", []string{"doppelt"}},
		{"front matter offset", "titel = \"a\"\nzeiljahr = 1\n", 3, "unbekanntes-feld", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first := 1
			if c.name == "front matter offset" {
				first = 2
			}
			_, l := decodeString(t, c.src, first)
			items := l.Items()
			if len(items) != 1 {
				t.Fatalf("got %d findings, want 1: %v", len(items), items)
			}
			d := items[0]
			if d.Pos.Line != c.line || d.Rule != c.rule || d.Severity != diag.Error {
				t.Errorf("got %s (rule %s), want line %d rule %s", d, d.Rule, c.line, c.rule)
			}
			for _, s := range c.contains {
				if !strings.Contains(d.Message+" "+d.Hint, s) {
					t.Errorf("%q does not contain %q", d.Message+" "+d.Hint, s)
				}
			}
			if d.Hint == "" {
				t.Error("finding without a hint")
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	v, l := decodeString(t, "titel = \"T\"\nzieljahr = 2030\nwert = 12\naktiv = true\nliste = \"einzeln\"\nrollen = { a = \"R\", b = \"V/U\" }\n[[teil]]\nname = \"n1\"\n", 1)
	if l.Len() != 0 {
		t.Fatal(l.Items())
	}
	if v.Titel != "T" || v.Zieljahr != 2030 || v.Wert != 12 || !v.Aktiv || len(v.Liste) != 1 || v.Rollen["b"] != "V/U" || v.Teile[0].Name != "n1" {
		t.Errorf("decoded %+v", v)
	}
	if got := v.Teile[0].At.Key("name").Line; got != 8 {
		t.Errorf("At.Key line = %d, want 8", got)
	}
	if !v.At.Has("zieljahr") || v.At.Has("fehlt") {
		t.Error("At.Has wrong")
	}
}

func TestSplitFrontMatter(t *testing.T) {
	front, body, line, ok := SplitFrontMatter([]byte("+++\na = 1\nb = 2\n+++\nText\n"))
	if !ok || string(front) != "a = 1\nb = 2\n" || string(body) != "Text\n" || line != 5 {
		t.Errorf("got %q %q %d %v", front, body, line, ok)
	}
	if _, _, _, ok := SplitFrontMatter([]byte("+++\na = 1\n")); ok {
		t.Error("unclosed front matter accepted")
	}
	front, body, _, ok = SplitFrontMatter([]byte("Nur Text\n"))
	if !ok || front != nil || string(body) != "Nur Text\n" {
		t.Error("file without front matter")
	}
	front, body, _, ok = SplitFrontMatter([]byte("+++\na = 1\n+++"))
	if !ok || string(front) != "a = 1\n" || len(body) != 0 {
		t.Errorf("front matter at end of file: %q %q %v", front, body, ok)
	}
}

func TestClean(t *testing.T) {
	out, d := Clean("f", []byte("\xef\xbb\xbfa = 1\r\nb = 2\r\n"))
	if d != nil || string(out) != "a = 1\nb = 2\n" {
		t.Errorf("BOM/CRLF: %q %v", out, d)
	}
	_, d = Clean("f", []byte("a = 1\nb = \"\xfc\"\n"))
	if d == nil || d.Pos.Line != 2 || !strings.Contains(d.Message, "UTF-8") {
		t.Errorf("invalid UTF-8: %v", d)
	}
	_, d = Clean("f", []byte("a\x00b"))
	if d == nil {
		t.Error("NUL bytes accepted")
	}
}
