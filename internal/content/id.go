package content

import (
	"fmt"
	"regexp"
)

// IDMuster is the one pattern for everything that names a thing in the
// content: IDs of measures, goals and initiatives, Gremium and Leitthema
// keys, Kürzel, and the keys taken from file and folder names (which
// ValidKey further restricts to lower case, as they are addresses). IDs
// end up in addresses, HTML ids, CSV cells and messages: "../../etc" was
// published at /massnahmen/etc/, a space or a control character breaks the
// others. Documented in docs/inhaltsformat.md ("IDs und Schlüssel").
const IDMuster = `[A-Za-z0-9]+([._-][A-Za-z0-9]+)*`

var reID = regexp.MustCompile(`^` + IDMuster + `$`)

// ValidID reports whether s matches IDMuster.
func ValidID(s string) bool { return reID.MatchString(s) }

// IDHint tells editors the pattern, with an example of the field's kind.
func IDHint(beispiel string) string {
	return fmt.Sprintf("Erlaubt sind Buchstaben A–Z und a–z (ohne Umlaute) und Ziffern, getrennt durch einzelne Punkte, Bindestriche oder Unterstriche "+
		"(Muster %s), z. B. „%s“. Siehe docs/inhaltsformat.md, Abschnitt „IDs und Schlüssel“.", IDMuster, beispiel)
}

// KeyMuster is IDMuster for keys from file and folder names: they are
// addresses, so only lower case and hyphens.
const KeyMuster = `[a-z0-9]+(-[a-z0-9]+)*`

// KeyHint is IDHint for keys from file and folder names; vorschlag is the
// suggested name.
func KeyHint(vorschlag string) string {
	return fmt.Sprintf("Benennen Sie sie um, z. B. in „%s“. Datei- und Ordnernamen ergeben Adressen: nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche "+
		"(Muster %s). Siehe docs/inhaltsformat.md, Abschnitt „IDs und Schlüssel“.", vorschlag, KeyMuster)
}
