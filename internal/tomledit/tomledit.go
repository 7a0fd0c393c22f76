// Package tomledit changes single values in TOML text (whole files or the
// front matter of Markdown files) by editing lines, never by re-encoding
// the document: comments, order, blank lines, quoting and line endings that
// editors wrote stay exactly as they were. Callers find lines with the
// positions that internal/decode records and verify the result by parsing
// it again.
package tomledit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Doc is a text file as lines. All line numbers are 1-based and refer to the
// original text, also after insertions, so that positions from one parse
// stay valid for any number of edits.
type Doc struct {
	lines   []string
	after   map[int][]string // lines inserted after original line n (0 = before the first)
	eol     string
	trailNL bool
}

// New splits data into lines. CRLF files stay CRLF.
func New(data []byte) *Doc {
	d := &Doc{after: map[int][]string{}, eol: "\n"}
	if bytes.Contains(data, []byte("\r\n")) {
		d.eol = "\r\n"
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	d.trailNL = strings.HasSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\n")
	if s != "" || !d.trailNL {
		d.lines = strings.Split(s, "\n")
	} else {
		d.lines = []string{""}
	}
	return d
}

// Bytes joins the lines again.
func (d *Doc) Bytes() []byte {
	var b bytes.Buffer
	first := true
	write := func(l string) {
		if !first {
			b.WriteString(d.eol)
		}
		first = false
		b.WriteString(l)
	}
	for _, l := range d.after[0] {
		write(l)
	}
	for i, l := range d.lines {
		write(l)
		for _, ins := range d.after[i+1] {
			write(ins)
		}
	}
	if d.trailNL {
		b.WriteString(d.eol)
	}
	return b.Bytes()
}

// Line returns original line n (as edited in place), or "".
func (d *Doc) Line(n int) string {
	if n < 1 || n > len(d.lines) {
		return ""
	}
	return d.lines[n-1]
}

// InsertAfter inserts lines after original line n; 0 inserts at the top.
// Several insertions after the same line keep their order.
func (d *Doc) InsertAfter(n int, lines ...string) {
	d.after[n] = append(d.after[n], lines...)
}

// SetValue replaces the value of key on line n by literal (a TOML value as
// written, see String, Bool, Number). Spacing, the key's quoting and a
// trailing comment stay. Multi-line strings, arrays and inline tables are
// refused: their layout is the editor's.
func (d *Doc) SetValue(n int, key, literal string) error {
	line := d.Line(n)
	start, end, err := valueSpan(line, key)
	if err != nil {
		return err
	}
	d.lines[n-1] = line[:start] + literal + line[end:]
	return nil
}

// ReplaceKey turns "key = value" on line n into "newKey = literal": the
// indentation, the spacing around "=" and a trailing comment stay. It
// converts a field that a newer one replaces (erreicht = true → status =
// "erreicht") without moving the line.
func (d *Doc) ReplaceKey(n int, key, newKey, literal string) error {
	line := d.Line(n)
	start, end, err := valueSpan(line, key)
	if err != nil {
		return err
	}
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	keyEnd := indent + len(key)
	if !strings.HasPrefix(line[indent:], key) || isBare(at(line, keyEnd)) {
		keyEnd = indent + len(strconv.Quote(key)) // "key" or 'key': same length
	}
	d.lines[n-1] = line[:indent] + newKey + line[keyEnd:start] + literal + line[end:]
	return nil
}

// valueSpan finds the byte range of key's value on a line "key = value # …".
func valueSpan(line, key string) (int, int, error) {
	i := len(line) - len(strings.TrimLeft(line, " \t"))
	rest := line[i:]
	switch {
	case strings.HasPrefix(rest, key) && !isBare(at(rest, len(key))):
		i += len(key)
	case strings.HasPrefix(rest, strconv.Quote(key)):
		i += len(strconv.Quote(key))
	case strings.HasPrefix(rest, "'"+key+"'"):
		i += len(key) + 2
	default:
		return 0, 0, fmt.Errorf("„%s“ steht nicht am Anfang der Zeile", key)
	}
	i = skipBlanks(line, i)
	if at(line, i) != '=' {
		return 0, 0, fmt.Errorf("nach „%s“ fehlt „=“", key)
	}
	i = skipBlanks(line, i+1)
	start := i
	switch c := at(line, i); {
	case strings.HasPrefix(line[i:], `"""`) || strings.HasPrefix(line[i:], "'''"):
		return 0, 0, fmt.Errorf("der Wert von „%s“ ist mehrzeilig und wird nicht automatisch geändert", key)
	case c == '[' || c == '{':
		return 0, 0, fmt.Errorf("der Wert von „%s“ ist eine Liste oder Tabelle und wird nicht automatisch geändert", key)
	case c == '"' || c == '\'':
		end := stringEnd(line, i)
		if end < 0 {
			return 0, 0, fmt.Errorf("der Text von „%s“ ist nicht abgeschlossen", key)
		}
		return start, end, nil
	case c == 0 || c == '#':
		return 0, 0, fmt.Errorf("„%s“ hat keinen Wert", key)
	}
	for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '#' {
		i++
	}
	return start, i, nil
}

// stringEnd returns the index after the closing quote of the one-line
// string starting at i, or -1.
func stringEnd(line string, i int) int {
	q := line[i]
	for j := i + 1; j < len(line); j++ {
		switch {
		case line[j] == '\\' && q == '"':
			j++
		case line[j] == q:
			return j + 1
		}
	}
	return -1
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// AppendToArray adds literal as the last element of the array value of key,
// which starts on line n and may span several lines. One-line arrays grow
// on their line; arrays written one element per line get a new line in the
// same style.
func (d *Doc) AppendToArray(n int, key, literal string) error {
	line := d.Line(n)
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return fmt.Errorf("Zeile %d: nach „%s“ fehlt „=“", n, key)
	}
	open := skipBlanks(line, eq+1)
	if at(line, open) != '[' {
		return fmt.Errorf("Zeile %d: der Wert von „%s“ ist keine Liste", n, key)
	}
	type pos struct{ line, col int }
	last := pos{n, open} // last significant character: '[', ',' or the end of an element
	depth := 0
	for ln, col := n, open; ln <= len(d.lines); ln, col = ln+1, 0 {
		l := d.lines[ln-1]
		for col < len(l) {
			c := l[col]
			switch {
			case c == '#':
				col = len(l)
				continue
			case c == '"' || c == '\'':
				if strings.HasPrefix(l[col:], `"""`) || strings.HasPrefix(l[col:], "'''") {
					return fmt.Errorf("Zeile %d: die Liste „%s“ enthält mehrzeiligen Text und wird nicht automatisch geändert", ln, key)
				}
				end := stringEnd(l, col)
				if end < 0 {
					return fmt.Errorf("Zeile %d: ein Text in „%s“ ist nicht abgeschlossen", ln, key)
				}
				last = pos{ln, end - 1}
				col = end
				continue
			case c == '[':
				depth++
				if depth > 1 {
					last = pos{ln, col}
				}
			case c == ']':
				depth--
				if depth == 0 {
					return d.insertBeforeClose(ln, col, last.line, last.col, literal)
				}
				last = pos{ln, col}
			case c != ' ' && c != '\t':
				last = pos{ln, col}
			}
			col++
		}
	}
	return fmt.Errorf("Zeile %d: die Liste „%s“ wird nicht geschlossen", n, key)
}

func (d *Doc) insertBeforeClose(ln, col, lastLn, lastCol int, literal string) error {
	l := d.lines[ln-1]
	lastChar := d.lines[lastLn-1][lastCol]
	ownLine := strings.TrimSpace(l[:col]) == "" && ln != lastLn
	if !ownLine {
		head := strings.TrimRight(l[:col], " \t")
		switch lastChar {
		case '[':
		case ',':
			head += " "
		default:
			head += ", "
		}
		d.lines[ln-1] = head + literal + l[col:]
		return nil
	}
	// One element per line: add a comma to the last element if needed and
	// put the new one on its own line with the same indentation.
	indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))] + "  "
	if lastChar != '[' {
		ll := d.lines[lastLn-1]
		indent = ll[:len(ll)-len(strings.TrimLeft(ll, " \t"))]
		if lastChar != ',' {
			d.lines[lastLn-1] = ll[:lastCol+1] + "," + ll[lastCol+1:]
		}
	}
	d.InsertAfter(ln-1, indent+literal+",")
	return nil
}

// String is s as a TOML basic string.
func String(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Bool is a TOML boolean.
func Bool(v bool) string { return strconv.FormatBool(v) }

// Number is a TOML number without exponent: 12, 12.5.
func Number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// StringList is a one-line TOML array of strings.
func StringList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = String(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// WriteFile replaces the file abs by data: it writes a temporary file beside
// it and renames it, so an interrupted write never leaves half a file, and
// keeps the file's permissions.
func WriteFile(abs string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(abs); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".neu-")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), abs)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// CreateFile writes a new file and fails if it exists, even if another
// program created it a moment ago: new content never replaces a file.
func CreateFile(abs string, data []byte) error {
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(abs)
	}
	return err
}
