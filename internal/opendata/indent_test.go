package opendata_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/opendata"
	"tdsite/internal/testkit"
	"tdsite/internal/urlpath"
)

// compact encodes v as JSON does for agenda.json.
func compact(t testing.TB, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameAsIndent fails unless Indent formats src as json.Indent does.
func sameAsIndent(t *testing.T, src []byte) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, "", "  "); err != nil {
		t.Fatal(err)
	}
	if got := opendata.Indent(nil, src); !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < min(len(got), want.Len()) && got[i] == want.Bytes()[i] {
			i++
		}
		t.Fatalf("Indent weicht ab json.Indent ab bei Byte %d:\n%q\nstatt\n%q", i, got[max(0, i-40):min(len(got), i+40)], want.Bytes()[max(0, i-40):min(want.Len(), i+40)])
	}
}

// The agenda of the bundled site is indented byte for byte as json.Indent
// indents it: agenda.json must not change.
func TestIndentWieJSONIndent(t *testing.T) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	data, err := opendata.Dateien(agenda.Build(p.Model))[0].Inhalt()
	if err != nil {
		t.Fatal(err)
	}
	var compacted bytes.Buffer
	if err := json.Compact(&compacted, data); err != nil {
		t.Fatal(err)
	}
	compacted.WriteByte('\n')
	sameAsIndent(t, compacted.Bytes())
	sameAsIndent(t, compact(t, map[string]any{"leer": []int{}, "nichts": map[string]int{}, "tief": [][]any{{[]any{}}, {map[string]any{"a": nil}}}}))
}

// agenda.json, written field by field and element by element, is the
// document encoded in one go and indented by json.Indent, with and
// without the optional publisher and with empty lists.
func TestJSONInStueckenWieInEinem(t *testing.T) {
	p, a, abs := bundledAgenda(t)
	same := func(what string) {
		t.Helper()
		got, err := opendata.JSON(a, abs)
		if err != nil {
			t.Fatal(err)
		}
		want, err := opendata.JSONInEinemStueck(a, abs)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("%s: agenda.json weicht bei Byte %d ab:\n%q\nstatt\n%q", what, i, got[max(0, i-60):min(len(got), i+60)], want[max(0, i-60):min(len(want), i+60)])
		}
	}
	same("mitgelieferte Website")
	if p.Model.Config.Herausgeber == "" {
		t.Fatal("die mitgelieferte Website nennt keinen Herausgeber; der Test braucht einen")
	}
	p.Model.Config.Herausgeber = ""
	a.Berichte = nil
	same("ohne Herausgeber und Berichte")
}

// FuzzIndent: strings with quotes, backslashes, brackets and control
// characters, in objects and lists at any depth, come out as json.Indent
// writes them.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{`a"b`, `\`, `\\"`, `{[,:]}`, "\x00\n\u2028", "\"\\\"", "üß€"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, depth int) {
		var v any = []any{s, map[string]any{s: s, "n": 1.5, "l": []string{}}, true, nil}
		for range depth % 40 {
			v = map[string]any{s: v, "x": []any{v, s}}
			if len(compact(t, v)) > 1<<20 {
				break
			}
		}
		sameAsIndent(t, compact(t, v))
	})
}

// bundledAgenda is the agenda of the bundled site and its absolute
// addresses.
func bundledAgenda(t testing.TB) (*build.Prepared, *agenda.Agenda, func(string) string) {
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	return p, agenda.Build(p.Model), func(s string) string { return urlpath.Abs(p.Model.Config.BaseURL, s) }
}

// BenchmarkJSON measures agenda.json of the bundled site, written in
// pieces (stuecke) and, for comparison, as before in one go (einstueck).
func BenchmarkJSON(b *testing.B) {
	_, a, abs := bundledAgenda(b)
	for _, c := range []struct {
		name string
		json func(*agenda.Agenda, func(string) string) ([]byte, error)
	}{{"stuecke", opendata.JSON}, {"einstueck", opendata.JSONInEinemStueck}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.json(a, abs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
