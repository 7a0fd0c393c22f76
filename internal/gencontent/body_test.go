package gencontent

import (
	"fmt"
	"strings"
	"testing"
)

// Generated texts differ from measure to measure, vary in length over
// 1–8 KB, are the same on every run and link outside now and then: what
// the benchmarks need to see the cost of Markdown (issue 21).
func TestMeasureBodies(t *testing.T) {
	seen := map[string]bool{}
	minLen, maxLen, external, notes := 1<<30, 0, 0, 0
	n := 0
	for k := 1; k <= 5; k++ {
		for i := 101; i <= 100+Extra; i++ {
			id := fmt.Sprintf("K%03d-%d", k, i)
			body := MeasureBody(id, k)
			if body != MeasureBody(id, k) {
				t.Fatalf("%s: text differs between calls", id)
			}
			if seen[body] {
				t.Fatalf("%s: same text as another measure", id)
			}
			seen[body] = true
			n++
			minLen, maxLen = min(minLen, len(body)), max(maxLen, len(body))
			if strings.Contains(body, "](https://") {
				external++
			}
			if strings.Contains(body, "[^1]:") {
				notes++
			}
			for _, want := range []string{"\n## ", "\n| Jahr |", "ü"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: no %q", id, want)
				}
			}
		}
	}
	if minLen < 1000 || maxLen > 8*1024 || maxLen-minLen < 4*1024 {
		t.Errorf("lengths %d–%d bytes, want spread over 1–8 KB", minLen, maxLen)
	}
	if external < n/10 || external > n/3 {
		t.Errorf("%d of %d texts link outside, want about one in five", external, n)
	}
	if notes < n/2 {
		t.Errorf("%d of %d texts have footnotes", notes, n)
	}
}
