// Package htmlesc escapes text the way html/template does in element
// content and in quoted attribute values. Parts of a page that are written
// in Go instead of a template (the indicator chart, the rows of the agenda
// tables) must come out byte for byte as the template wrote them; the
// escaping of the standard library's html.EscapeString differs ("+" stays,
// NUL is kept). The tests compare both with html/template itself.
package htmlesc

import (
	"strconv"
	"strings"
)

// replacement is html/template's htmlReplacementTable.
var replacement = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// needs reports whether s has a byte to escape; most texts have none.
// All of them are ASCII, so s is read byte by byte: html/template passes
// other runes, even invalid UTF-8, through unchanged.
func needs(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) < len(replacement) && replacement[c] != "" {
			return true
		}
	}
	return false
}

// Append appends s, escaped, to b.
func Append(b []byte, s string) []byte {
	if !needs(s) {
		return append(b, s...)
	}
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) < len(replacement) && replacement[c] != "" {
			b = append(b, s[written:i]...)
			b = append(b, replacement[c]...)
			written = i + 1
		}
	}
	return append(b, s[written:]...)
}

// String returns s escaped.
func String(s string) string {
	if !needs(s) {
		return s
	}
	return string(Append(nil, s))
}

// AppendFloat appends v as a template writes a float64 ({{.X}}: fmt's %v).
func AppendFloat(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'g', -1, 64)
	for _, c := range b[n:] {
		if c == '+' { // the exponent of 1e+21
			return append(b[:n], String(string(b[n:]))...)
		}
	}
	return b
}

// AppendURL appends s as html/template writes a whole quoted URL attribute
// (href="{{.}}"): a scheme other than http, https and mailto becomes
// "#ZgotmplZ", bytes that are not allowed in a URL are percent-encoded
// (valid escapes stay), and the result is escaped like any attribute.
func AppendURL(b []byte, s string) []byte {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return append(b, "#ZgotmplZ"...)
	}
	return appendURL(b, s, true)
}

// AppendURLPart appends s as html/template writes it in the query or
// fragment of a URL attribute (href="/x#{{.}}"): every byte but letters,
// digits and "-._~" is percent-encoded, then escaped like an attribute.
func AppendURLPart(b []byte, s string) []byte { return appendURL(b, s, false) }

// appendURL is html/template's processURLOnto followed by the attribute
// escaper; norm keeps the reserved characters and valid escapes of a
// whole URL.
func appendURL(b []byte, s string, norm bool) []byte {
	written := 0
	var enc []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			// html/template tests i+2 < len(s): an escape at the very end is encoded again.
			continue
		}
		enc = append(enc, s[written:i]...)
		enc = append(enc, '%', hex[c>>4], hex[c&15])
		written = i + 1
	}
	if enc == nil {
		return Append(b, s)
	}
	return Append(b, string(append(enc, s[written:]...)))
}

const hex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
