package validate

import (
	"regexp"
	"testing"
)

// enthaeltWort replaced a regular expression compiled per call; it must
// decide every text the same way, including umlauts, digits, repeated and
// overlapping occurrences and broken UTF-8.
func TestEnthaeltWortWieRegexp(t *testing.T) {
	texte := []string{
		"", "TMIK", "Das TMIK leitet.", "TMIKs Leitung", "ÄTMIK", "TMIKä", "TMIK2", "2TMIK",
		"(TMIK)", "TMIK-Referat", "xTMIK TMIK", "TMIKTMIK", "TMIKTMIK TMIK", "tmik",
		"\xffTMIK\xff", "TMI", "Ressorts: TMWWDG, TMIK und TSK", "TMIK\u00a0TSK", "αTMIK", "TMIK٣",
	}
	woerter := []string{"TMIK", "TSK", "TMIKTMIK", "K", "Ä", "a.b"}
	for _, w := range woerter {
		re := regexp.MustCompile(`(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`)
		for _, text := range texte {
			if got, want := enthaeltWort(text, w), re.MatchString(text); got != want {
				t.Errorf("enthaeltWort(%q, %q) = %v, der reguläre Ausdruck sagt %v", text, w, got, want)
			}
		}
	}
}
