package landkarte

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate /usr/bin/python3 metrics_gen.py
//go:generate gofmt -w metrics.go

// Text is measured with a table of advance widths (metrics.go) instead of a
// font file: the browser picks the reader's system font, so the map must fit
// any likely one. The table holds the widest of DejaVu Sans and Liberation
// Sans per character, and a small safety margin covers kerning and hinting.
const widthMargin = 1.03

// advRegular and advBold hold the advance of each rune in the table plus
// one, indexed by the rune; 0 is a rune outside the table. Text is
// measured for every line a map tries, and a slice index costs a fraction
// of a map lookup. The advances are whole numbers, so their sum is exact
// in any order.
var advRegular, advBold = func() ([]uint16, []uint16) {
	n := 0
	for _, a := range advances {
		n = max(n, int(a[0])+1)
	}
	r, b := make([]uint16, n), make([]uint16, n)
	for _, a := range advances {
		r[a[0]], b[a[0]] = a[1]+1, a[2]+1
	}
	return r, b
}()

// fallbackAdvance is used for characters outside the table: a full em,
// wider than any letter, so unknown text never overflows.
const fallbackAdvance = 1000

// textWidth is the width of s in pixels at the given font size.
func textWidth(s string, size float64, bold bool) float64 {
	return scale(advance(s, bold), size)
}

// scale turns a sum of advances into pixels at the given font size.
func scale(adv, size float64) float64 { return adv * size / 1000 * widthMargin }

// advance is the sum of the advances of s in 1/1000 em.
func advance(s string, bold bool) float64 {
	table := advRegular
	if bold {
		table = advBold
	}
	w := 0.0
	for _, r := range s {
		w += runeAdvance(r, table)
	}
	return w
}

// runeAdvance is the advance of r in 1/1000 em from table.
func runeAdvance(r rune, table []uint16) float64 {
	if r >= 0 && int(r) < len(table) && table[r] != 0 {
		return float64(int(table[r]) - 1)
	}
	return fallbackAdvance
}

// font is a text style of the map.
type font struct {
	size   float64 // px
	bold   bool
	line   float64 // line height, px
	ascent float64 // from the top of the line box to the baseline
}

var (
	fontKicker = font{size: 12, bold: true, line: 16, ascent: 12}
	fontTitle  = font{size: 14, line: 18, ascent: 13.5}
	fontRow    = font{size: 13, line: 17, ascent: 12.5}
	fontInfo   = font{size: 12, bold: true, line: 17, ascent: 12.5}
	// fontInline is the status at the end of the kicker line.
	fontInline = font{size: 12, bold: true, line: 16, ascent: 12}
	fontFact   = font{size: 12, line: 16, ascent: 12}
	fontHeader = font{size: 13, bold: true, line: 17, ascent: 12.5}
)

func (f font) width(s string) float64 { return textWidth(s, f.size, f.bold) }

// wrap breaks text into lines no wider than maxW. Words longer than a line
// are broken after a hyphen or slash, or else hard with a hyphen. With
// maxLines > 0 the text is cut there and the last line ends with "…".
func wrap(text string, f font, maxW float64, maxLines int) (lines []string, cut bool) {
	// The line grows word by word; its advance grows with it instead of
	// measuring the whole line again for every word. Advances are whole
	// numbers, so the sum is the same as measuring the joined line. The
	// line is collected in a byte buffer, so that a line and not every word
	// added to it costs a string.
	var cur []byte
	curAdv := 0.0
	space := advance(" ", f.bold)
	add := func(w string, wAdv float64, sep string, sepAdv float64) {
		switch {
		case len(cur) == 0:
			cur, curAdv = append(cur, w...), wAdv
		case scale(curAdv+sepAdv+wAdv, f.size) <= maxW:
			cur = append(append(cur, sep...), w...)
			curAdv += sepAdv + wAdv
		default:
			lines = append(lines, string(cur))
			cur, curAdv = append(cur[:0], w...), wAdv
		}
	}
	for word := range strings.FieldsSeq(text) {
		// Most words fit a line: measure them once, without splitLong.
		if wAdv := advance(word, f.bold); scale(wAdv, f.size) <= maxW {
			add(word, wAdv, " ", space)
			continue
		}
		for k, w := range splitLong(word, f, maxW) {
			sep, sepAdv := " ", space
			if k > 0 {
				sep, sepAdv = "", 0 // the next piece of the same word
			}
			add(w, advance(w, f.bold), sep, sepAdv)
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		// Shorten by whole words, so that what is shown is the start of the
		// full text (which the link's name holds).
		last := lines[maxLines-1]
		for f.width(last+" …") > maxW {
			i := strings.LastIndexByte(last, ' ')
			if i < 0 {
				_, size := utf8.DecodeLastRuneInString(last)
				last = last[:len(last)-size]
				continue
			}
			last = last[:i]
		}
		lines[maxLines-1] = strings.TrimRight(last, " ,;:–-") + " …"
		cut = true
	}
	return lines, cut
}

// splitLong cuts a word that is too wide for a line into pieces: first after
// hyphens and slashes ("Smart-City-Plattform" → "Smart-City-", "Plattform"),
// then pieces that are still too wide hard, with a hyphen. Pieces that fit
// together are joined again by wrap.
func splitLong(w string, f font, maxW float64) []string {
	if f.width(w) <= maxW {
		return []string{w}
	}
	var parts []string
	start := 0
	for i := 0; i < len(w)-1; i++ {
		if w[i] == '-' || w[i] == '/' {
			parts = append(parts, w[start:i+1])
			start = i + 1
		}
	}
	parts = append(parts, w[start:])
	var out []string
	for _, p := range parts {
		for f.width(p) > maxW {
			runes := []rune(p)
			n := syllableBreak(runes, func(n int) bool { return f.width(string(runes[:n])+"-") <= maxW })
			out = append(out, string(runes[:n])+"-")
			p = string(runes[n:])
		}
		out = append(out, p)
	}
	return out
}

// syllableBreak finds where to hyphenate a word that must be broken: the
// last place that fits before a consonant followed by a vowel, roughly a
// German syllable ("Patientenversor-gung"), keeping ch, ck, ph, th and sch
// together and at least three letters on each side. Without such a place it
// breaks after the last letter that fits.
func syllableBreak(r []rune, fits func(n int) bool) int {
	vowel := func(c rune) bool { return strings.ContainsRune("aeiouäöüyAEIOUÄÖÜY", c) }
	letter := func(c rune) bool { return unicode.IsLetter(c) }
	for n := len(r) - 3; n >= 3; n-- {
		c, prev, next := r[n], r[n-1], r[n+1]
		if !letter(c) || !letter(prev) || vowel(c) || !vowel(next) {
			continue
		}
		if c == 'h' && strings.ContainsRune("cpts", prev) || c == 'k' && prev == 'c' {
			continue
		}
		if fits(n) {
			return n
		}
	}
	n := len(r) - 1
	for n > 1 && !fits(n) {
		n--
	}
	return n
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// plainParagraphs turns rendered Markdown into plain paragraphs.
func plainParagraphs(h string) []string {
	var out []string
	for _, p := range regexp.MustCompile(`</(p|h[1-6]|li|blockquote)>`).Split(h, -1) {
		t := strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(p, " "))), " ")
		t = strings.ReplaceAll(t, " .", ".")
		t = strings.ReplaceAll(t, " ,", ",")
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}
