package decode

import (
	"fmt"

	"tdsite/internal/diag"
)

// Limits for the structure of TOML text. Content files need three or four
// levels; the TOML parser takes quadratic time on deeply nested inline
// tables and long dotted keys (16,000 levels in 64 KB: many seconds), so such
// text is rejected before parsing, with the line where the limit is passed.
const (
	MaxDepth    = 32 // nested [ and { in values and headers; Markdown uses the same limit for its nesting
	MaxKeyParts = 32 // parts of a dotted key a.b.c
)

// guard scans src once, skipping strings and comments, and reports nesting
// deeper than MaxDepth or keys with more than MaxKeyParts parts.
func guard(file string, src []byte, firstLine int) *diag.Diagnostic {
	line := firstLine
	depth := 0
	parts := 1
	keyPos := true // at the start of a line or inside { … }: a key may follow
	fail := func(msg, hint string) *diag.Diagnostic {
		return &diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Rule: "toml-syntax", Message: msg, Hint: hint}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line++
			if depth == 0 {
				keyPos, parts = true, 1
			}
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case '"', '\'':
			end, lines := skipQuoted(src, i)
			line += lines
			i = end - 1
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return fail(fmt.Sprintf("Die Angaben sind zu tief verschachtelt (mehr als %d Ebenen von [ und {).", MaxDepth),
					"Inhaltsdateien brauchen nur wenige Ebenen; prüfen Sie, ob Klammern fehlen oder zu viel geöffnet werden.")
			}
			if c == '{' {
				keyPos, parts = true, 1
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth > 0 {
				keyPos, parts = true, 1
			}
		case '=':
			keyPos = false
		case '.':
			if keyPos {
				parts++
				if parts > MaxKeyParts {
					return fail(fmt.Sprintf("Ein Schlüssel hat mehr als %d durch Punkte getrennte Teile.", MaxKeyParts),
						"Schreiben Sie Schlüssel wie titel oder ist_analyse.text; Zahlen mit Nachkommastellen stehen rechts vom =.")
				}
			}
		}
	}
	return nil
}

// skipQuoted returns the index after the string starting at src[i] and the
// number of line breaks inside it. Unterminated strings run to the end; the
// parser reports them.
func skipQuoted(src []byte, i int) (int, int) {
	q := src[i]
	lines := 0
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q { // multi-line
		for j := i + 3; j < len(src); j++ {
			switch {
			case src[j] == '\\' && q == '"':
				if j+1 < len(src) && src[j+1] == '\n' {
					lines++
				}
				j++
			case src[j] == '\n':
				lines++
			case src[j] == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
				j += 3
				for j < len(src) && src[j] == q {
					j++
				}
				return j, lines
			}
		}
		return len(src), lines
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n': // unterminated: the line break belongs to the caller
			return j, lines
		case src[j] == '\\' && q == '"' && j+1 < len(src) && src[j+1] != '\n':
			j++
		case src[j] == q:
			return j + 1, lines
		}
	}
	return len(src), lines
}
