package validate

import (
	"regexp"
	"testing"
)

// alsWort finds a Kürzel as a word exactly where the regular expression
// it replaces does: at the edges, beside umlauts, digits, hyphens and
// line breaks, and after a first occurrence inside a longer word.
func TestAlsWortWieRegexp(t *testing.T) {
	texts := []string{"", "TMDI", "xTMDI", "TMDIx", "TMDI2", "2TMDI", "ÄTMDI", "TMDIß", "TFM und TMDI", "TMDIs TMDI",
		"Abteilungsleitung TMDI", "Staatssekretär (TMDI)", "TMDI-Leitung", "a\nTMDI\nb", "TMDIÄ TMDI.", "ein TM DI", "TMDITMDI",
		"Kürzel: TMWWDG, TMASGFF", "TMASGFF", "TMWWDG"}
	words := []string{"TMDI", "TMASGFF", "TMWWDG", "TM", "", "Ä", "2"}
	for _, w := range words {
		re := regexp.MustCompile(`(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`)
		for _, text := range texts {
			if got, want := alsWort(text, w), re.MatchString(text); got != want {
				t.Errorf("alsWort(%q, %q) = %v, want %v", text, w, got, want)
			}
		}
	}
}
