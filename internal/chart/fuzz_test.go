package chart_test

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tdsite/internal/chart"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
)

// roh formats like %g, so that a NaN or Inf that slips into a label shows.
func roh(v float64, einheit string) string {
	return strconv.FormatFloat(v, 'g', -1, 64) + " " + einheit
}

func tag(t testing.TB, s string) datum.Datum {
	d, err := datum.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// extremZiel is a goal with the given numbers on fixed days.
func extremZiel(t testing.TB, basis, ziel, m1, m2 float64, zieljahr int) *model.Ziel {
	return &model.Ziel{ID: "X1", Key: "test/X1", Kind: content.ZielQuantitativ, Text: "Extreme Zahlen",
		Einheit: "Stück", Zieljahr: zieljahr, Zielwert: &ziel,
		Basis:     &model.Wert{Wert: basis, Datum: tag(t, "01.01.2025")},
		Messwerte: []model.Messwert{{Datum: tag(t, "30.06.2025"), Wert: m1}, {Datum: tag(t, "31.12.2025"), Wert: m2}}}
}

// zahlen collects every float64 in v, through pointers, slices and structs.
func zahlen(v reflect.Value, out *[]float64) {
	switch v.Kind() {
	case reflect.Float64:
		*out = append(*out, v.Float())
	case reflect.Pointer:
		if !v.IsNil() {
			zahlen(v.Elem(), out)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			zahlen(v.Index(i), out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			zahlen(v.Field(i), out)
		}
	}
}

// pruefeExtrem computes chart and table of one goal within a second and
// checks that neither contains a number that is not finite.
func pruefeExtrem(t *testing.T, z *model.Ziel) {
	t.Helper()
	type ergebnis struct {
		d    *chart.Diagramm
		rows []chart.Zeile
	}
	done := make(chan ergebnis, 1)
	go func() { done <- ergebnis{chart.Indikator(z, roh), chart.Tabelle(z, roh)} }()
	var e ergebnis
	select {
	case e = <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("Diagramm hängt bei Basis %v, Ziel %v, Zieljahr %d", z.Basis.Wert, *z.Zielwert, z.Zieljahr)
	}
	endlich := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	eingabeEndlich := endlich(z.Basis.Wert) && endlich(*z.Zielwert)
	for _, m := range z.Messwerte {
		eingabeEndlich = eingabeEndlich && endlich(m.Wert)
	}
	if d := e.d; d != nil {
		if !eingabeEndlich {
			t.Fatalf("Diagramm aus nicht endlichen Werten: Basis %v, Ziel %v", z.Basis.Wert, *z.Zielwert)
		}
		var vs []float64
		zahlen(reflect.ValueOf(d), &vs)
		for _, v := range vs {
			if !endlich(v) || math.Abs(v) > 1e6 {
				t.Fatalf("Diagramm enthält %v: %+v", v, d)
			}
		}
		if len(d.YTicks) > 60 || len(d.XTicks) > 210 {
			t.Fatalf("%d Achsenwerte, %d Jahre", len(d.YTicks), len(d.XTicks))
		}
		for _, s := range append([]string{d.Titel, d.Beschreibung, d.Mess}, fmt.Sprint(d.Labels, d.YTicks)) {
			if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
				t.Fatalf("Diagramm enthält NaN oder Inf: %q", s)
			}
		}
	}
	for _, r := range e.rows {
		if strings.Contains(r.Plan, "NaN") || strings.Contains(r.Plan, "Inf") {
			t.Fatalf("Planwert %q", r.Plan)
		}
	}
}

// TestExtremeZahlen: numbers check rejects must still end, without NaN or
// Inf in the drawing (issue 16: 1.7e308 made the tick loop endless).
func TestExtremeZahlen(t *testing.T) {
	for _, c := range []struct {
		basis, ziel, m1, m2 float64
		jahr                int
	}{
		{0, 1.7e308, 1, 2, 2030},
		{-1e308, 1e308, 0, 0, 2030},
		{0, math.MaxFloat64, -math.MaxFloat64, 0, 2030},
		{0, 5e-324, 0, -5e-324, 2030},
		{math.NaN(), 10, 1, 2, 2030},
		{0, math.Inf(1), 1, 2, 2030},
		{0, 10, math.Inf(-1), math.NaN(), 2030},
		{0, 10, 1, 2, math.MaxInt},
		{0, 10, 1, 2, 1 << 40},
		{0, 10, 1, 2, 99999},
		{0, 10, 1, 2, 1},
		{1e15, -1e15, 0, 1e15, 2100},
	} {
		pruefeExtrem(t, extremZiel(t, c.basis, c.ziel, c.m1, c.m2, c.jahr))
	}
	if d := chart.Indikator(extremZiel(t, -1e15, 1e15, 0, 1e15, 2100), roh); d == nil {
		t.Error("Werte am Rand des erlaubten Bereichs ergeben kein Diagramm")
	}
}

func FuzzIndikator(f *testing.F) {
	f.Add(0.0, 1.7e308, 1.0, 2.0, 2030)
	f.Add(-1e308, 1e308, 0.0, 0.0, 2030)
	f.Add(0.0, 5e-324, 0.0, -5e-324, 2030)
	f.Add(1200.0, 20.0, 1100.0, 700.0, 2027)
	f.Add(0.0, 10.0, 1.0, 2.0, math.MaxInt)
	f.Add(math.NaN(), math.Inf(1), math.Inf(-1), 0.0, 2030)
	f.Fuzz(func(t *testing.T, basis, ziel, m1, m2 float64, jahr int) {
		pruefeExtrem(t, extremZiel(t, basis, ziel, m1, m2, jahr))
	})
}
