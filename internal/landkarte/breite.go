package landkarte

import "strings"

// TextWidth is the width of s in pixels at size px, measured like the
// labels of the maps: the roadmap (internal/fahrplan) fits its labels with
// it, so that no name runs into the bars.
func TextWidth(s string, size float64, bold bool) float64 { return textWidth(s, size, bold) }

// Kuerzen shortens s to fit maxW px at size px: the longest beginning that,
// without trailing spaces and punctuation and with "…" added, fits; "…"
// alone if none does. The roadmap's labels are cut so; their full text is
// in the link's name.
//
// Each shorter beginning was once measured anew, a copy of the string each
// time: a roadmap of 500 long titles spent a third of its drawing here.
// The advances are whole numbers, so the running sum is exactly what
// measuring the cut text gives.
func Kuerzen(s string, size float64, bold bool, maxW float64) string {
	if textWidth(s, size, bold) <= maxW {
		return s
	}
	table := advRegular
	if bold {
		table = advBold
	}
	r := []rune(s)
	sum := make([]float64, len(r)+1) // sum[i]: advance of r[:i]
	for i, c := range r {
		sum[i+1] = sum[i] + runeAdvance(c, table)
	}
	ellipsis := advance("…", bold)
	for n := len(r) - 1; n > 0; n-- {
		m := n
		for m > 0 && strings.ContainsRune(kuerzenTrim, r[m-1]) {
			m--
		}
		if scale(sum[m]+ellipsis, size) <= maxW {
			return string(r[:m]) + "…"
		}
	}
	return "…"
}

// kuerzenTrim are the characters a shortened label does not end with.
const kuerzenTrim = " ,.;:–-"
