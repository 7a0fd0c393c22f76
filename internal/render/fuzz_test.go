package render

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzZahl: every finite number is written the German way (1.234,5) and
// reads back as the same number rounded to two places; nothing shows "−0".
func FuzzZahl(f *testing.F) {
	for _, v := range []float64{0, 1, -1, 12.5, 1231, 1234567.891, 0.004, -0.004, 99.995, 1e15, -2.5e-7} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return // rejected when content is read (decode)
		}
		s := Zahl(v)
		if s == "−0" || strings.HasPrefix(s, "−0") && strings.Trim(s, "−0,") == "" {
			t.Errorf("Zahl(%v) = %q", v, s)
		}
		plain := strings.NewReplacer(".", "", ",", ".", "−", "-").Replace(s)
		back, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			t.Fatalf("Zahl(%v) = %q does not read back: %v", v, s, err)
		}
		if diff := math.Abs(back - v); diff > 0.005+1e-12*math.Abs(v) {
			t.Errorf("Zahl(%v) = %q reads back as %v", v, s, back)
		}
		intPart, _, _ := strings.Cut(strings.TrimPrefix(s, "−"), ",")
		for i, group := range strings.Split(intPart, ".") {
			if i > 0 && len(group) != 3 || i == 0 && (len(group) == 0 || len(group) > 3) {
				t.Errorf("Zahl(%v) = %q: wrong thousands grouping", v, s)
			}
		}
	})
}
