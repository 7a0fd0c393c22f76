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
