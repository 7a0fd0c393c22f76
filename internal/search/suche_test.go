package search

import (
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
