// Package diag holds the findings of loading and checking content: errors
// and warnings in German, each pointing at a file and line, with a hint what
// to do. Editors are not programmers, so every finding must be actionable.
package diag

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Severity orders findings. Only errors stop a build.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "Fehler"
	}
	return "Warnung"
}

// Pos is a place in a source file. Line 0 means "the whole file".
type Pos struct {
	File string // path relative to the site root, with forward slashes
	Line int
}

func (p Pos) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// IsZero reports whether p points nowhere.
func (p Pos) IsZero() bool { return p.File == "" }

// Diagnostic is one finding.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Rule     string // short rule name, used to acknowledge warnings ([ausnahmen])
	Message  string
	Hint     string
	// Accepted is set when a strategy acknowledged this warning with a reason.
	Accepted string
}

// String is the finding as printed. File names and values in it are
// shown with control characters escaped; a line break inside a message is
// indented, so that no value can start a line that looks like a finding.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(Escape(d.Pos.String()))
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(indent(d.Message))
	if d.Rule != "" {
		b.WriteString(" [")
		b.WriteString(Escape(d.Rule))
		b.WriteString("]")
	}
	if d.Hint != "" {
		b.WriteString("\n    Hinweis: ")
		b.WriteString(indent(d.Hint))
	}
	if d.Accepted != "" {
		b.WriteString("\n    Quittiert: ")
		b.WriteString(indent(d.Accepted))
	}
	return b.String()
}

func indent(s string) string {
	return strings.ReplaceAll(EscapeText(s), "\n", "\n      ")
}

// List collects findings. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Add appends a finding.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Errorf records an error. Error arguments are shown as Explain shows them.
func (l *List) Errorf(pos Pos, rule, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, explained(args)...), Hint: hint})
}

// Warnf records a warning. Error arguments are shown as Explain shows them.
func (l *List) Warnf(pos Pos, rule, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, explained(args)...), Hint: hint})
}

// explained replaces error arguments by their German text; the caller's
// slice stays as it is.
func explained(args []any) []any {
	for i, a := range args {
		if err, ok := a.(error); ok {
			out := append([]any(nil), args...)
			out[i] = Explain(err)
			for j := i + 1; j < len(out); j++ {
				if err, ok := out[j].(error); ok {
					out[j] = Explain(err)
				}
			}
			return out
		}
	}
	return args
}

// Merge appends all findings of o.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// Keep removes the findings for which keep reports false.
func (l *List) Keep(keep func(Diagnostic) bool) {
	l.items = slices.DeleteFunc(l.items, func(d Diagnostic) bool { return !keep(d) })
}

// Items returns the findings sorted by file, line, severity (errors first) and message,
// so that output is stable and easy to scan.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Message < b.Message
	})
	return out
}

// Added returns the findings in the order they were added: a stored list
// (the content snapshot of the build) must merge into later lists exactly
// as the list it replaces, and Items sorts only by some of the fields.
func (l *List) Added() []Diagnostic { return slices.Clip(l.items) }

// Len is the number of findings.
func (l *List) Len() int { return len(l.items) }

// Count returns the number of errors and of open (not acknowledged) warnings.
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.items {
		switch {
		case d.Severity == Error:
			errors++
		case d.Accepted == "":
			warnings++
		}
	}
	return
}

// HasErrors reports whether any finding is an error.
func (l *List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// Accept marks warnings of the given rule in files under prefix as acknowledged.
// Errors can never be acknowledged: they would publish broken content.
func (l *List) Accept(prefix, rule, reason string) {
	for i := range l.items {
		d := &l.items[i]
		if d.Severity == Warning && d.Rule == rule && strings.HasPrefix(d.Pos.File, prefix) {
			d.Accepted = reason
		}
	}
}

// Print writes the findings; acknowledged warnings only when verbose.
func (l *List) Print(w io.Writer, verbose bool) {
	for _, d := range l.Items() {
		if d.Accepted != "" && !verbose {
			continue
		}
		fmt.Fprintln(w, d.String())
	}
}

// Summary is a one-line German summary such as "2 Fehler, 1 Warnung".
func (l *List) Summary() string {
	e, w := l.Count()
	return fmt.Sprintf("%s, %s", plural(e, "Fehler", "Fehler"), plural(w, "Warnung", "Warnungen"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
