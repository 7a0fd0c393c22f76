package diag

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// File names and values reach the terminal, CI logs and the preview as
// they were written. A name with "\x1b[2K\r" could erase a line of output or
// fake a finding, so every output channel shows such characters as visible
// escapes instead: Diagnostic.String, Writer (wrapped around the command's
// stdout and stderr and the preview's log) and the preview's error panel.

// Escape returns s with every control character made visible, line breaks
// and tabs too: for one-line values such as file names.
func Escape(s string) string {
	if clean(s, false) {
		return s
	}
	return string(appendEscaped(nil, []byte(s), false))
}

// EscapeText is Escape for messages that may span lines: line breaks and
// tabs stay, everything else is made visible.
func EscapeText(s string) string {
	if clean(s, true) {
		return s
	}
	return string(appendEscaped(nil, []byte(s), true))
}

func clean(s string, keepLines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && !(keepLines && (c == '\n' || c == '\t')) || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				return cleanRunes(s[i:])
			}
			return false
		}
	}
	return true
}

func cleanRunes(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 || r == utf8.RuneError && size == 1 || dangerous(r) {
			return false
		}
		i += size
	}
	return true
}

// dangerous are the characters beyond ASCII that change how a terminal or
// a log viewer shows the following text: C1 controls (U+009B starts an
// escape sequence on some terminals), line and paragraph separators, and
// the bidirectional overrides that reorder what is displayed.
func dangerous(r rune) bool {
	return r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f
}

func appendEscaped(dst, s []byte, keepLines bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || keepLines && (c == '\n' || c == '\t') {
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\x`...)
			dst = append(dst, hex[c>>4], hex[c&15])
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case r == '\t':
			dst = append(dst, `\t`...)
		case r < 0x20 || dangerous(r):
			dst = append(dst, `\u`...)
			h := strconv.FormatInt(int64(r), 16)
			for n := len(h); n < 4; n++ {
				dst = append(dst, '0')
			}
			dst = append(dst, h...)
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

const hex = "0123456789abcdef"

// Writer passes text to the underlying writer with control characters made
// visible; line breaks and tabs stay. Each Write is escaped on its own, as
// fmt writes a whole message at once.
type Writer struct{ w io.Writer }

// NewWriter wraps w, unless it is already wrapped.
func NewWriter(w io.Writer) *Writer {
	if sw, ok := w.(*Writer); ok {
		return sw
	}
	return &Writer{w: w}
}

// Unwrap returns the underlying writer, for output that must reach the
// terminal as is, such as the progress line that moves the cursor back.
func (e *Writer) Unwrap() io.Writer { return e.w }

func (e *Writer) Write(p []byte) (int, error) {
	if clean(string(p), true) {
		return e.w.Write(p)
	}
	if _, err := e.w.Write(appendEscaped(make([]byte, 0, len(p)+16), p, true)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap returns the writer under a Writer, or w itself.
func Unwrap(w io.Writer) io.Writer {
	if sw, ok := w.(*Writer); ok {
		return sw.w
	}
	return w
}
