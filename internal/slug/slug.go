// Package slug turns German names and headings into readable ASCII keys
// ("Digitale Teilhabe für Ältere" → "digitale-teilhabe-fuer-aeltere").
// Heading IDs in Markdown, the template function anker and the suggested
// keys of new content all use Make, so that a link written as
// {{anker "Café"}} finds the heading "## Café".
package slug

import (
	"strings"
	"unicode"
)

// translit spells umlauts the German way and drops the accents of other
// Latin letters. Decomposed umlauts (as macOS writes file names) come
// first, so that "u" + combining diaeresis becomes "ue" and not "u".
var translit = strings.NewReplacer(
	"a\u0308", "ae", "o\u0308", "oe", "u\u0308", "ue",
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ł", "l", "þ", "th",
	"à", "a", "á", "a", "â", "a", "ã", "a", "å", "a", "ā", "a", "ă", "a", "ą", "a",
	"ç", "c", "ć", "c", "č", "c", "ď", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i",
	"ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ō", "o", "ő", "o",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ť", "t", "ţ", "t",
	"ù", "u", "ú", "u", "û", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z",
)

// Make returns the key for s: lower case, umlauts transliterated, accents
// dropped, every run of other characters one hyphen, none at either end.
// It returns "" when s has no letter or digit that fits.
func Make(s string) string {
	s = translit.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case unicode.Is(unicode.Mn, c):
			// a combining accent left after its letter: part of the letter
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
