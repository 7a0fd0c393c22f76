package chart_test

import (
	"fmt"
	"strings"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/chart"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/render"
	"tdsite/internal/testkit"
)

func ziele(t *testing.T) []*model.Ziel {
	t.Helper()
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	var out []*model.Ziel
	for _, s := range p.Model.Strategien {
		out = append(out, s.QuantitativeZiele()...)
	}
	if len(out) < 10 {
		t.Fatalf("nur %d messbare Ziele im mitgelieferten Inhalt", len(out))
	}
	return out
}

func innen(d *chart.Diagramm, x, y float64) bool {
	const eps = 0.05
	return x >= d.Plot.X-eps && x <= d.Plot.X2+eps && y >= d.Plot.Y-eps && y <= d.Plot.Y2+eps
}

// pruefe checks the geometry every chart must have.
func pruefe(t *testing.T, z *model.Ziel, d *chart.Diagramm) {
	t.Helper()
	name := z.Key
	if d.Basis == nil || d.Plan == nil || d.Ziel == nil {
		t.Fatalf("%s: Basis, Plan oder Ziel fehlt", name)
	}
	if d.Plan.X1 != d.Basis.X || d.Plan.Y1 != d.Basis.Y || d.Plan.Y2 != d.Ziel.Y1 {
		t.Errorf("%s: der Plan verbindet nicht Ausgangs- und Zielwert: %+v, Basis %+v, Ziel %+v", name, d.Plan, d.Basis, d.Ziel)
	}
	for i, p := range d.Punkte {
		if !innen(d, p.X, p.Y) {
			t.Errorf("%s: Messpunkt %d (%v,%v) liegt außerhalb der Fläche %+v", name, i, p.X, p.Y, d.Plot)
		}
		if i > 0 && p.X <= d.Punkte[i-1].X {
			t.Errorf("%s: Messpunkte nicht zeitlich geordnet", name)
		}
		// Higher values are drawn higher up (smaller y).
		if i > 0 {
			a, b := z.Messwerte[i-1].Wert, z.Messwerte[i].Wert
			if (b > a) != (p.Y < d.Punkte[i-1].Y) && a != b {
				t.Errorf("%s: Messpunkt %d steht falsch herum", name, i)
			}
		}
	}
	if want := len(z.Messwerte) + 1; strings.Count(d.Mess, ",") != want {
		t.Errorf("%s: Linie der Messwerte hat %d statt %d Punkte", name, strings.Count(d.Mess, ","), want)
	}
	for i := 1; i < len(d.YTicks); i++ {
		if d.YTicks[i].Pos >= d.YTicks[i-1].Pos {
			t.Errorf("%s: Achsenwerte nicht aufsteigend", name)
		}
	}
	if len(d.YTicks) < 2 || len(d.XTicks) < 1 {
		t.Errorf("%s: zu wenige Achsenbeschriftungen", name)
	}
	for i, a := range d.Labels {
		x0, y0, x1, y1 := a.Rahmen()
		if x0 < 0 || x1 > d.Breite || y0 < 0 || y1 > d.Hoehe {
			t.Errorf("%s: Beschriftung %q ragt aus dem Bild (%.0f,%.0f)–(%.0f,%.0f)", name, a.Text, x0, y0, x1, y1)
		}
		for _, b := range d.Labels[:i] {
			bx0, by0, bx1, by1 := b.Rahmen()
			if x0 < bx1 && bx0 < x1 && y0 < by1 && by0 < y1 {
				t.Errorf("%s: Beschriftungen %q und %q überdecken sich", name, a.Text, b.Text)
			}
		}
	}
	if !strings.Contains(d.Beschreibung, "Tabelle") || !strings.Contains(d.Titel, z.ID) {
		t.Errorf("%s: Titel oder Beschreibung unvollständig: %q / %q", name, d.Titel, d.Beschreibung)
	}
}

func TestIndikatorenDesInhalts(t *testing.T) {
	n := 0
	for _, z := range ziele(t) {
		d := chart.Indikator(z, render.Wert)
		if d == nil {
			if chart.Zeichenbar(z) {
				t.Errorf("%s: zeichenbar, aber kein Diagramm", z.Key)
			}
			continue
		}
		n++
		pruefe(t, z, d)
	}
	if n < 10 {
		t.Errorf("nur %d Diagramme", n)
	}
}

func TestTabelleHatDieZahlenDesDiagramms(t *testing.T) {
	for _, z := range ziele(t) {
		rows := chart.Tabelle(z, render.Wert)
		want := len(z.Messwerte) + 1
		if z.Basis != nil {
			want++
		}
		if len(rows) != want {
			t.Errorf("%s: %d Zeilen, erwartet %d", z.Key, len(rows), want)
			continue
		}
		for i, m := range z.Messwerte {
			r := rows[i+1]
			if r.Art != "Messung" || r.ISO != m.Datum.ISO() {
				t.Errorf("%s: Zeile %d ist %s %s", z.Key, i+1, r.Art, r.ISO)
			}
			if z.JaNein() {
				if r.Plan != "" || (r.Wert != "liegt vor" && r.Wert != "liegt nicht vor") {
					t.Errorf("%s: ja/nein-Ziel mit Wert %q und Plan %q", z.Key, r.Wert, r.Plan)
				}
				continue
			}
			e := ""
			if z.Einheit == "%" {
				e = "%"
			}
			if r.Wert != render.Wert(m.Wert, e) {
				t.Errorf("%s: Wert %q statt %q", z.Key, r.Wert, render.Wert(m.Wert, e))
			}
			if pv, ok := z.PlanWert(m.Datum.Start()); ok && r.Plan != render.Wert(float64(int(pv*10+0.5))/10, e) {
				t.Errorf("%s: Plan %q, Modell %v", z.Key, r.Plan, pv)
			}
		}
		if last := rows[len(rows)-1]; last.Art != "Zielwert" || last.ISO != fmt.Sprintf("%d-12-31", z.Zieljahr) {
			t.Errorf("%s: letzte Zeile %s %s", z.Key, last.Art, last.ISO)
		}
	}
}

// A falling goal (fewer is better) and a measurement after the target year
// still fit the drawing.
func TestFallendUndVerspaetet(t *testing.T) {
	day := func(s string) datum.Datum {
		d, err := datum.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	ziel := 20.0
	z := &model.Ziel{ID: "F1", Key: "test/F1", Kind: content.ZielQuantitativ, Text: "Weniger Papieranträge",
		Einheit: "Anträge", Fallend: true, Zieljahr: 2027, Zielwert: &ziel,
		Basis: &model.Wert{Wert: 1200, Datum: day("01.01.2025")},
		Messwerte: []model.Messwert{{Datum: day("30.06.2025"), Wert: 1100}, {Datum: day("31.12.2026"), Wert: 700},
			{Datum: day("30.06.2028"), Wert: 150}}}
	d := chart.Indikator(z, render.Wert)
	if d == nil {
		t.Fatal("kein Diagramm")
	}
	pruefe(t, z, d)
	if d.Plan.Y2 <= d.Plan.Y1 {
		t.Error("der Plan eines fallenden Ziels muss nach unten führen")
	}
	if x := d.Punkte[2].X; x > d.Plot.X2+0.05 {
		t.Errorf("Messung nach dem Zieljahr liegt außerhalb (%v > %v)", x, d.Plot.X2)
	}
}
