package landkarte

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		max   int
		want  []string
	}{
		{"Digitale Kompetenzen in den Kommunen", 130, 0, []string{"Digitale", "Kompetenzen in", "den Kommunen"}},
		// A long word breaks after a slash and before a syllable.
		{"Digitale Patientenversorgung/Telemedizin", 128, 0, []string{"Digitale", "Patientenversor-", "gung/", "Telemedizin"}},
		{"Digitale Patientenversorgung/Telemedizin", 150, 0, []string{"Digitale", "Patientenversor-", "gung/Telemedizin"}},
		{"Digitalisierungsstrategie", 100, 0, []string{"Digitalisie-", "rungsstrate-", "gie"}},
		{"Smart-City-Plattform für alle", 110, 0, []string{"Smart-City-", "Plattform für", "alle"}},
		{"eins zwei drei vier fünf sechs sieben acht", 80, 2, []string{"eins zwei", "drei vier …"}},
	} {
		got, _ := wrap(c.text, fontTitle, c.width, c.max)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
		}
		for _, l := range got {
			if fontTitle.width(l) > c.width {
				t.Errorf("line %q is %.1f px wide, more than %v", l, fontTitle.width(l), c.width)
			}
		}
	}
}

func TestWrapNeverLosesWords(t *testing.T) {
	text := "Die Beschäftigten der Thüringer Kommunen nutzen digitale Werkzeuge sicher und gestalten digitale Abläufe mit."
	for w := 60.0; w < 400; w += 7 {
		lines, cut := wrap(text, fontTitle, w, 0)
		if cut {
			t.Fatal("cut without a line limit")
		}
		joined := strings.ReplaceAll(strings.Join(lines, " "), "- ", "")
		if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %v: %q", w, lines)
		}
	}
}

func TestTextWidthUnknownRunes(t *testing.T) {
	// Characters outside the table count as a full em: never too narrow.
	if w := textWidth("漢", 10, false); w < 10 {
		t.Errorf("unknown rune measured %.1f px at 10 px", w)
	}
	if textWidth("Mm", 14, true) <= textWidth("Mm", 14, false) {
		t.Error("bold should be wider")
	}
}

// Every rune of the table measures its own advance, the soft hyphen (0)
// included; runes between and beyond the table's entries fall back to a
// full em.
func TestTextWidthTabelle(t *testing.T) {
	in := map[rune]bool{}
	for _, a := range advances {
		in[rune(a[0])] = true
		for bold, want := range map[bool]uint16{false: a[1], true: a[2]} {
			if got := textWidth(string(rune(a[0])), 1000, bold); got != float64(want)*widthMargin {
				t.Errorf("%q (fett %v): %v, want %v", rune(a[0]), bold, got, float64(want)*widthMargin)
			}
		}
	}
	for _, r := range []rune{0, 31, 0x2714, 0x10FFFF, utf8.RuneError, 9676} {
		if !in[r] && textWidth(string(r), 1000, false) != fallbackAdvance*widthMargin {
			t.Errorf("%U: %v, want the fallback", r, textWidth(string(r), 1000, false))
		}
	}
}

// Kuerzen keeps what measuring each cut text anew gave (the roadmap's
// labels before): the longest beginning that fits with "…", whatever
// punctuation, unknown or invalid characters it ends on.
func TestKuerzenWieNeuGemessen(t *testing.T) {
	naiv := func(s string, size float64, bold bool, maxW float64) string {
		if TextWidth(s, size, bold) <= maxW {
			return s
		}
		r := []rune(s)
		for n := len(r) - 1; n > 0; n-- {
			if c := strings.TrimRight(string(r[:n]), " ,.;:–-") + "…"; TextWidth(c, size, bold) <= maxW {
				return c
			}
		}
		return "…"
	}
	texte := []string{"", "K1.101 Digitale Verwaltung: Portal, Antrag – und mehr", "a, b; c: d – e - f. g",
		"Lange Überschrift mit Umlauten äöü ß und 漢字 \xff ungültig", "x", ",,,, ....", "Eins zwei drei vier fünf sechs sieben"}
	for _, s := range texte {
		for _, bold := range []bool{false, true} {
			for w := 0.0; w < 420; w += 3.5 {
				if got, want := Kuerzen(s, 13, bold, w), naiv(s, 13, bold, w); got != want {
					t.Errorf("Kuerzen(%q, %v, %v) = %q, neu gemessen %q", s, bold, w, got, want)
				}
			}
		}
	}
}
