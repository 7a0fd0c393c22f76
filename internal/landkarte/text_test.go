package landkarte

import (
	"reflect"
	"strings"
	"testing"
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
