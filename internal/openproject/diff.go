package openproject

import (
	"fmt"
	"strings"
)

// Diff shows the change as a unified diff without context lines, the way
// editors know it from Git: "-" old line, "+" new line, with line numbers.
func (ch *Aenderung) Diff() string {
	a := splitLines(string(ch.Vorher))
	b := splitLines(string(ch.Nachher))
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", ch.File, ch.File)
	for _, h := range hunks(a, b) {
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", span(h.aStart, h.aEnd), span(h.bStart, h.bEnd))
		for _, l := range a[h.aStart:h.aEnd] {
			out.WriteString("-" + l + "\n")
		}
		for _, l := range b[h.bStart:h.bEnd] {
			out.WriteString("+" + l + "\n")
		}
	}
	return out.String()
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// span formats a hunk range like diff -U0: "7" for one line, "7,2" for
// two, "6,0" for an insertion after line 6.
func span(start, end int) string {
	switch n := end - start; n {
	case 1:
		return fmt.Sprint(start + 1)
	case 0:
		return fmt.Sprintf("%d,0", start)
	default:
		return fmt.Sprintf("%d,%d", start+1, n)
	}
}

type hunk struct{ aStart, aEnd, bStart, bEnd int }

// hunks compares two line lists with a longest common subsequence; measure
// files have a few dozen lines, so the quadratic table is small.
func hunks(a, b []string) []hunk {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []hunk
	i, j := 0, 0
	for i < n || j < m {
		if i < n && j < m && a[i] == b[j] {
			i, j = i+1, j+1
			continue
		}
		h := hunk{aStart: i, bStart: j}
		for (i < n || j < m) && !(i < n && j < m && a[i] == b[j]) {
			if j >= m || (i < n && lcs[i+1][j] >= lcs[i][j+1]) {
				i++
			} else {
				j++
			}
		}
		h.aEnd, h.bEnd = i, j
		out = append(out, h)
	}
	return out
}
