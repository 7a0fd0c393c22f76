package tomledit

import (
	"strings"
	"testing"
)

func TestSetValueKeepsCommentAndSpacing(t *testing.T) {
	src := "+++\nid = \"M1\"\nstatus    = \"laufend\"   # so steht es im Aktionsplan\n\"stand\" = '30.06.2025'\nerreicht = false # noch offen\n+++\nText\n"
	d := New([]byte(src))
	for _, e := range []struct {
		line     int
		key, lit string
	}{{3, "status", String("umgesetzt")}, {4, "stand", String("01.12.2026")}, {5, "erreicht", Bool(true)}} {
		if err := d.SetValue(e.line, e.key, e.lit); err != nil {
			t.Fatal(err)
		}
	}
	want := "+++\nid = \"M1\"\nstatus    = \"umgesetzt\"   # so steht es im Aktionsplan\n\"stand\" = \"01.12.2026\"\nerreicht = true # noch offen\n+++\nText\n"
	if got := string(d.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReplaceKeyKeepsSpacingAndComment(t *testing.T) {
	d := New([]byte("[[meilenstein]]\n  erreicht  = false # noch offen\n\"erreicht\" = true\nerreichtbar = 1\n"))
	if err := d.ReplaceKey(2, "erreicht", "status", String("offen")); err != nil {
		t.Fatal(err)
	}
	if err := d.ReplaceKey(3, "erreicht", "status", String("erreicht")); err != nil {
		t.Fatal(err)
	}
	if err := d.ReplaceKey(4, "erreicht", "status", String("x")); err == nil {
		t.Error("replaced a longer key")
	}
	want := "[[meilenstein]]\n  status  = \"offen\" # noch offen\nstatus = \"erreicht\"\nerreichtbar = 1\n"
	if got := string(d.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSetValueRefusesWhatItCannotEditSafely(t *testing.T) {
	d := New([]byte("text = \"\"\"\nmehr\n\"\"\"\nliste = [\"a\"]\nstatuscode = 3\nkaputt = \"offen\n"))
	for _, c := range []struct {
		line int
		key  string
	}{{1, "text"}, {4, "liste"}, {5, "status"}, {6, "kaputt"}, {2, "mehr"}} {
		if err := d.SetValue(c.line, c.key, `"x"`); err == nil {
			t.Errorf("line %d key %s: expected a refusal", c.line, c.key)
		}
	}
}

func TestInsertAfterUsesOriginalLineNumbers(t *testing.T) {
	d := New([]byte("a = 1\r\nb = 2\r\nc = 3\r\n"))
	d.InsertAfter(1, "x = 1")
	d.InsertAfter(3, "", "[[m]]", "y = 2")
	d.InsertAfter(1, "z = 1")
	if err := d.SetValue(3, "c", "4"); err != nil { // still line 3 after the insertions
		t.Fatal(err)
	}
	want := "a = 1\r\nx = 1\r\nz = 1\r\nb = 2\r\nc = 4\r\n\r\n[[m]]\r\ny = 2\r\n"
	if got := string(d.Bytes()); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestRoundTripIsByteIdentical(t *testing.T) {
	for _, src := range []string{"", "a = 1", "a = 1\n", "a = 1\n\n\n", "\ufeff+++\r\nx = 1\r\n+++\r\n"} {
		if got := string(New([]byte(src)).Bytes()); got != src {
			t.Errorf("%q became %q", src, got)
		}
	}
}

func TestAppendToArray(t *testing.T) {
	cases := []struct{ src, want string }{
		{`hf = []`, `hf = ["neu"]`},
		{`hf = [ ]  # leer`, `hf = ["neu"]  # leer`},
		{`hf = ["a"]`, `hf = ["a", "neu"]`},
		{`hf = ["a", "b",]`, `hf = ["a", "b", "neu"]`},
		{`hf = ["a]", 'b[']`, `hf = ["a]", 'b[', "neu"]`},
		{"hf = [\n  \"a\",\n  \"b\"\n]\nx = 1", "hf = [\n  \"a\",\n  \"b\",\n  \"neu\",\n]\nx = 1"},
		{"hf = [\n    \"a\", # erstes\n]", "hf = [\n    \"a\", # erstes\n    \"neu\",\n]"},
		{"hf = [\"a\",\n      \"b\"]", "hf = [\"a\",\n      \"b\", \"neu\"]"},
	}
	for _, c := range cases {
		d := New([]byte(c.src))
		if err := d.AppendToArray(1, "hf", String("neu")); err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if got := string(d.Bytes()); got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.src, got, c.want)
		}
	}
	if err := New([]byte("hf = [\"a\"")).AppendToArray(1, "hf", `"x"`); err == nil || !strings.Contains(err.Error(), "nicht geschlossen") {
		t.Errorf("unclosed list: %v", err)
	}
}

func TestString(t *testing.T) {
	if got := String("Sag \"Hallo\" C:\\ \u0001 ü"); got != `"Sag \"Hallo\" C:\\ \u0001 ü"` {
		t.Errorf("got %s", got)
	}
	if Number(12.5) != "12.5" || Number(100) != "100" {
		t.Error("Number")
	}
}
