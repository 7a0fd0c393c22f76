package opendata

import (
	"math"
	"testing"
)

// A text cell that a spreadsheet would run as a formula is written as text;
// numbers, also negative ones, stay numbers.
func TestCSVFormelnEntschaerft(t *testing.T) {
	out, err := writeCSV([]string{"a", "b", "c", "d", "e"},
		[][]string{{"=HYPERLINK(\"http://x\")", "-1,5", "+49 361 0", "@SUMME(A1)", "Text"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "a;b;c;d;e\r\n\"'=HYPERLINK(\"\"http://x\"\")\";-1,5;'+49 361 0;'@SUMME(A1);Text\r\n"
	if string(out) != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

// TestRound4Extrem: rounding never turns a finite number into ±Inf, which
// JSON cannot encode (issue 16).
func TestRound4Extrem(t *testing.T) {
	for _, v := range []float64{1.7e308, -1.7e308, 1e305, 5e-324, 0.12345} {
		if r := round4(v); math.IsInf(r, 0) || math.IsNaN(r) {
			t.Errorf("round4(%v) = %v", v, r)
		}
	}
}
