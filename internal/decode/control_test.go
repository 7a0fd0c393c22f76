package decode

import (
	"strings"
	"testing"
)

// Control characters written as TOML escapes are refused wherever a string
// can stand: a key, a value at the top, in a table, in an inline table, in
// an array, in an array of tables, nested arrays – with the line of the key.
func TestControlEscapesRefused(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		path, cp  string
	}{
		{"top-level", "a = 1\ntitel = \"A \\u0000 B\"\n", 2, "„titel“", "U+0000"},
		{"esc", "titel = \"A \\u001b[31m rot\"\n", 1, "„titel“", "U+001B"},
		{"bell in literal-free basic", "titel = \"klingel \\u0007\"\n", 1, "„titel“", "U+0007"},
		{"carriage return", "titel = \"alt\\rneu\"\n", 1, "„titel“", "U+000D"},
		{"backspace", "titel = \"x\\by\"\n", 1, "„titel“", "U+0008"},
		{"delete", "titel = \"x\\u007fy\"\n", 1, "„titel“", "U+007F"},
		{"c1 csi", "titel = \"x\\u009by\"\n", 1, "„titel“", "U+009B"},
		{"multi-line", "text = \"\"\"\nZeile\n\tmit Tab\nund \\u001b\n\"\"\"\n", 1, "„text“", "U+001B"},
		{"array", "liste = [\"gut\",\n  \"schlecht \\u0000\"]\n", 2, "„liste[1]“", "U+0000"},
		{"table", "[basis]\nwert = 1\ntext = \"x\\u0001\"\n", 3, "„basis.text“", "U+0001"},
		{"inline table", "basis = { wert = 1, text = \"x\\u0002\" }\n", 1, "„basis.text“", "U+0002"},
		{"array of tables", "[[teil]]\nname = \"a\"\n[[teil]]\nname = \"b\\u0003\"\n", 4, "„teil[1].name“", "U+0003"},
		{"nested", "[[z]]\n[[z.q]]\nm = [ { t = \"ok\" }, { t = \"\\u0004\" } ]\n", 3, "„z[0].q[0].m[1].t“", "U+0004"},
		{"nested arrays", "m = [[\"a\"], [\"b\", \"\\u0005\"]]\n", 1, "„m[1][1]“", "U+0005"},
		{"quoted key", "\"ti\\u001btel\" = \"x\"\n", 1, "Der Schlüssel", "U+001B"},
		{"key in table", "[rollen]\n\"a\\u0000\" = \"R\"\n", 2, "Der Schlüssel", "U+0000"},
		{"line break in key", "[rollen]\n\"a\\nb\" = \"R\"\n", 2, "Der Schlüssel", "U+000A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, d := Parse("x.toml", []byte(c.src), 1)
			if d == nil {
				t.Fatalf("accepted: %#v", doc.Root)
			}
			if d.Pos.File != "x.toml" || d.Pos.Line != c.line || d.Rule != "kodierung" {
				t.Errorf("got %s (rule %s), want line %d", d, d.Rule, c.line)
			}
			if !strings.Contains(d.Message, c.path) || !strings.Contains(d.Message, c.cp) {
				t.Errorf("message %q lacks %q or %q", d.Message, c.path, c.cp)
			}
			if !strings.Contains(d.Hint, "\\u") {
				t.Errorf("hint %q does not name the escape", d.Hint)
			}
		})
	}
}

func TestControlEscapesFrontMatterLine(t *testing.T) {
	_, d := Parse("m.md", []byte("titel = \"a\"\nzusammenfassung = \"\\u001b[2K\"\n"), 2)
	if d == nil || d.Pos.Line != 3 {
		t.Fatalf("got %v, want line 3", d)
	}
}

// Tab and line feed stay allowed, written raw or as escapes, and so does
// text that only looks like an escape.
func TestControlAllowed(t *testing.T) {
	for _, src := range []string{
		"text = \"\"\"\nZeile 1\n\tZeile 2\n\"\"\"\n",
		"text = \"a\\tb\\nc\"\n",
		"text = 'C:\\u001b\\x'\n",
		"text = \"Umlaute äöü – „Zitat“ … €\"\n",
		"liste = [\"a\\tb\", \"c\"]\n",
	} {
		if _, d := Parse("x.toml", []byte(src), 1); d != nil {
			t.Errorf("%q refused: %s", src, d)
		}
	}
}

func TestInvalidDatetimeInGerman(t *testing.T) {
	for _, src := range []string{"datum = 2025-13-01\n", "datum = 2025-02-30\n", "datum = 2025-01-01T25:00:00\n"} {
		_, d := Parse("x.toml", []byte(src), 1)
		if d == nil || d.Pos.Line != 1 || !strings.Contains(d.Message, "Das Datum „2025-") ||
			!strings.Contains(d.Message, "(invalid datetime: ") || !strings.Contains(d.Hint, "Anführungszeichen") {
			t.Errorf("%q: %v", src, d)
		}
	}
}
