package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tdsite/internal/testkit"
)

// eingerueckt nests n lists by indentation, one level per line.
func eingerueckt(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s- Ebene %d\n", strings.Repeat("  ", i), i+1)
	}
	return b.String()
}

// betont nests n emphases, alternating * and _: *a _a *a x a* a_ a*.
func betont(n int) string {
	marks := make([]string, n)
	for i := range marks {
		marks[i] = "*_"[i%2 : i%2+1]
	}
	var b strings.Builder
	for _, m := range marks {
		b.WriteString(m + "a ")
	}
	b.WriteString("x")
	for i := n - 1; i >= 0; i-- {
		b.WriteString(" a" + marks[i])
	}
	return b.String()
}

// TestTiefeJederArt: one limit (MaxDepth) for every kind of nesting, on
// one line or over many; MaxDepth levels still pass (issue 16: lists
// 10,000 deep were accepted, only quotes were limited).
func TestTiefeJederArt(t *testing.T) {
	cases := []struct {
		name string
		src  func(n int) string
		line func(n int) int // where the finding points for n levels
	}{
		{"Zitate", func(n int) string { return strings.Repeat(">", n) + " x\n" }, one},
		{"Zitate mit Leerzeichen", func(n int) string { return strings.Repeat("> ", n) + "x\n" }, one},
		{"Listen mit -", func(n int) string { return strings.Repeat("- ", n) + "x\n" }, one},
		{"Listen mit * und +", func(n int) string { return strings.Repeat("* + ", n/2) + strings.Repeat("* ", n%2) + "x\n" }, one},
		{"nummerierte Listen", func(n int) string { return strings.Repeat("1. ", n) + "x\n" }, one},
		{"nummerierte Listen mit )", func(n int) string { return strings.Repeat("12) ", n) + "x\n" }, one},
		{"Zitat und Liste gemischt", func(n int) string { return strings.Repeat("> - ", n/2) + strings.Repeat("> ", n%2) + "x\n" }, one},
		{"Listen eingerückt", eingerueckt, func(n int) int { return n }},
		{"Listen eingerückt im Zitat", func(n int) string { return "> " + strings.ReplaceAll(eingerueckt(n-1), "\n", "\n> ") }, func(n int) int { return n - 1 }},
		{"Hervorhebungen", betont, one},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, p := CheckedScan([]byte(c.src(MaxDepth))); p != nil {
				t.Errorf("%d Ebenen abgelehnt: %s", MaxDepth, p.Message)
			}
			for _, n := range []int{MaxDepth + 1, 200} {
				var p *Problem
				testkit.WithinTime(t, 5*time.Second, func() { _, p = CheckedScan([]byte(c.src(n))) })
				if p == nil {
					t.Fatalf("%d Ebenen angenommen:\n%s", n, c.src(n))
				}
				if n > MaxDepth+1 {
					continue // deep indentation may be found first
				}
				if !strings.Contains(p.Message, "Ebenen tief verschachtelt") || p.Hint == "" {
					t.Errorf("%d Ebenen: Meldung %q, Hinweis %q", n, p.Message, p.Hint)
				}
				if want := c.line(n); p.Line != want {
					t.Errorf("%d Ebenen: Zeile %d, erwartet %d", n, p.Line, want)
				}
			}
		})
	}
	// 10,000 levels on one line, as in the issue: rejected before parsing.
	for _, src := range []string{strings.Repeat("- ", 10000), strings.Repeat("1. ", 10000) + "x", strings.Repeat("> ", 10000)} {
		if structure([]byte(src)) == nil {
			t.Errorf("%.20q… nicht vor dem Parsen abgelehnt", src)
		}
	}
}

func one(int) int { return 1 }
