package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestKurz(t *testing.T) {
	long := strings.Repeat("Digitale Verwaltung für alle, ", 10)
	got := kurz(long)
	if n := len([]rune(got)); n > TextLen || !strings.HasSuffix(got, "…") || strings.Contains(got, ",…") {
		t.Errorf("%d characters: %q", n, got)
	}
	if kurz("  kurz  und\n knapp ") != "kurz und knapp" {
		t.Error("short text changed")
	}
}

func TestBegriffeCarryNothingTwice(t *testing.T) {
	e := Eintrag{Titel: "Digitalstrategie für die Thüringer Kultur", Text: "Über Kulturdaten."}
	if got := begriffe([]string{"Kultur", "Kulturstrategie", "kulturstrategie", ""}, e); got != "Kulturstrategie" {
		t.Errorf("got %q", got)
	}
}

// kurz takes texts that need no change as they are, and only those.
func TestKurzEinfach(t *testing.T) {
	long := strings.Repeat("a", TextLen)
	for _, s := range []string{"", "kurz", "kurz und knapp", " kurz", "kurz ", "kurz  und", "kurz\tund", "kurz\nund",
		"kurz\u00a0und", "kurz\u2009und", "kurz\u0085und", "Ä ö ü ß", "ungültig \xff\xfe", long, long + "b", long[1:] + "ä"} {
		want := strings.Join(strings.Fields(s), " ")
		if einfach(s) != (s == want && len([]rune(s)) <= TextLen) {
			t.Errorf("einfach(%q) = %v", s, einfach(s))
		}
		if len([]rune(want)) <= TextLen && kurz(s) != want {
			t.Errorf("kurz(%q) = %q, want %q", s, kurz(s), want)
		}
	}
}

// The index written by hand has the bytes encoding/json writes, also for
// texts it must escape.
func TestJSONWieEncoding(t *testing.T) {
	for _, ix := range []*Index{
		{Typen: map[string]string{"u": "Übersicht", "m": "Maßnahme"}, Eintraege: []Eintrag{
			{Titel: "K001-101: Glasfaser <für> alle & \"mehr\"", URL: "/massnahmen/k001-101/", Typ: "m", Text: "Zeile\nneu\ttab \\ ende\u2028\u2029 \x01 \xff kaputt \ufffd", Begriffe: "K001 · Kürzel"},
			{Titel: "Ohne Text", URL: "/a/", Typ: "u"},
			{},
		}},
		{Typen: map[string]string{}, Eintraege: []Eintrag{}},
		{},
	} {
		got, err := ix.JSON()
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(ix); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("written by hand:\n%s\nencoding/json:\n%s", got, want.String())
		}
	}
}
