package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	cases := []struct{ in, line, text string }{
		{"content/a.md", "content/a.md", "content/a.md"},
		{"ä „Zitat“ – €", "ä „Zitat“ – €", "ä „Zitat“ – €"},
		{"a\x1b[2K\rb", `a\u001b[2K\rb`, `a\u001b[2K\rb`},
		{"x\x00\x07\x08\x7f", `x\u0000\u0007\u0008\u007f`, `x\u0000\u0007\u0008\u007f`},
		{"zwei\nZeilen\tTab", `zwei\nZeilen\tTab`, "zwei\nZeilen\tTab"},
		{"c1 \u009b31m", `c1 \u009b31m`, `c1 \u009b31m`},
		{"bidi \u202egnp.exe", `bidi \u202egnp.exe`, `bidi \u202egnp.exe`},
		{"trenner \u2028", `trenner \u2028`, `trenner \u2028`},
		{"kaputt \xff\xfe", `kaputt \xff\xfe`, `kaputt \xff\xfe`},
	}
	for _, c := range cases {
		if got := Escape(c.in); got != c.line {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := EscapeText(c.in); got != c.text {
			t.Errorf("EscapeText(%q) = %q, want %q", c.in, got, c.text)
		}
	}
}

// hostile is text that would erase the line, ring the bell and fake a
// finding in a terminal or CI log if printed raw.
const hostile = "x\x1b[2K\r\x07\nvorher.md:1: Fehler: gefälscht"

func TestDiagnosticStringEscapes(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "content/" + hostile + ".md", Line: 3}, Severity: Error, Rule: "r\x1b",
		Message: "Wert „" + hostile + "“", Hint: "Hinweis " + hostile, Accepted: "weil " + hostile}
	out := d.String()
	if strings.ContainsAny(out, "\x1b\r\x07") {
		t.Errorf("control characters printed raw: %q", out)
	}
	for _, line := range strings.Split(out, "\n")[1:] {
		if !strings.HasPrefix(line, "    ") {
			t.Errorf("a value starts a line of its own: %q in\n%s", line, out)
		}
	}
	if !strings.HasPrefix(out, `content/x\u001b[2K\r\u0007\nvorher.md:1: Fehler: gefälscht.md:3: Fehler: `) {
		t.Errorf("file name not escaped on one line: %q", out)
	}
	var l List
	l.Add(d)
	var b bytes.Buffer
	l.Print(&b, true)
	if strings.ContainsAny(b.String(), "\x1b\r\x07") {
		t.Errorf("List.Print: %q", b.String())
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	if NewWriter(w) != w || Unwrap(w) != &b || Unwrap(&b) != &b {
		t.Error("wrapping twice or unwrapping")
	}
	n, err := w.Write([]byte("Geändert: a\x1b]0;Titel\x07b.md\r\n\tok\n"))
	if err != nil || n != len("Geändert: a\x1b]0;Titel\x07b.md\r\n\tok\n") {
		t.Errorf("Write = %d, %v", n, err)
	}
	if got, want := b.String(), "Geändert: a\\u001b]0;Titel\\u0007b.md\\r\n\tok\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
