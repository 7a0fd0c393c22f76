package validate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
)

// Ranges of the numbers in content files (docs/inhaltsformat.md, „Zahlen“).
// Values reach charts, progress bars, sums and the open data; within these
// bounds every difference, ratio and axis step stays a finite number, so no
// computation can overflow to ±Inf or NaN. Zyklus and Reifegrad have their
// own, narrower checks.
const (
	MaxWert     = 1e15 // a thousand trillion: more than any budget or count of the state
	MinWert     = 1e-6 // smallest amount other than 0; finer steps are rounding noise
	MaxAnzahl   = 10000
	MaxStufen   = 20 // levels of a maturity model
	wertBereich = "Zahlen liegen zwischen -1 000 000 000 000 000 und 1 000 000 000 000 000 (10^15); Beträge unter 0,000001 sind nur als 0 möglich. Prüfen Sie die Zahl auf Tippfehler wie ein „e“ oder zu viele Nullen."
)

// zahlen checks every number of a strategy against its range. NaN and ±Inf
// never get here: the decoder rejects them.
func (c *checker) zahlen(s *content.Strategie) {
	h := s.Horizonte
	c.jahr(h.At.Key("leitbild"), "horizonte.leitbild", h.Leitbild)
	c.jahr(h.At.Key("ziele"), "horizonte.ziele", h.Ziele)
	c.jahr(h.At.Key("etappen"), "horizonte.etappen", h.Etappen)
	for _, g := range s.Gremien {
		if g.Anzahl < 0 || g.Anzahl > MaxAnzahl {
			c.d.Errorf(g.At.Key("anzahl"), "zahl", fmt.Sprintf("Tragen Sie die Zahl der Mitglieder ein, von 0 bis %d.", MaxAnzahl),
				"Die Anzahl %d der Mitglieder von „%s“ ist nicht möglich.", g.Anzahl, g.Name)
		}
	}
	if z := s.Ziele; z != nil {
		for _, set := range z.Zielsets {
			c.jahr(set.At.Key("zieljahr"), "zieljahr", set.Zieljahr)
			c.quantZahlen(set.Quantitativ)
		}
		for _, set := range z.Etappenziele {
			c.jahr(set.At.Key("zieljahr"), "zieljahr", set.Zieljahr)
			c.quantZahlen(set.Quantitativ)
		}
	}
	if mw := s.Messwerte; mw != nil {
		for _, m := range mw.Messwerte {
			c.wert(m.At.Key("wert"), "wert", m.Wert)
		}
	}
}

func (c *checker) quantZahlen(qs []content.Quantitativ) {
	for _, q := range qs {
		c.jahr(q.At.Key("zieljahr"), "zieljahr", q.Zieljahr)
		if q.Zielwert != nil {
			c.wert(q.At.Key("zielwert"), "zielwert", *q.Zielwert)
		}
		if q.Basis != nil {
			c.wert(q.Basis.At.Key("wert"), "basis.wert", q.Basis.Wert)
		}
	}
}

// wert reports a value outside ±MaxWert, or a nonzero one closer to 0 than
// MinWert: divided by such a tiny distance, a progress share overflows.
func (c *checker) wert(pos diag.Pos, key string, v float64) {
	switch a := math.Abs(v); {
	case math.IsNaN(v) || a > MaxWert:
		c.d.Errorf(pos, "zahl", wertBereich, "Die Zahl %s bei „%s“ liegt außerhalb des zulässigen Bereichs.", zahl(v), key)
	case a != 0 && a < MinWert:
		c.d.Errorf(pos, "zahl", wertBereich, "Die Zahl %s bei „%s“ ist zu nah an 0.", zahl(v), key)
	}
}

// jahrMoeglich reports whether y is a year that checks can compare with;
// an impossible one is reported once, by jahr.
func jahrMoeglich(y int) bool { return y >= datum.MinJahr && y <= datum.MaxJahr }

// jahr reports a year outside the span a date may name; 0 means "not set".
func (c *checker) jahr(pos diag.Pos, key string, y int) {
	if y != 0 && !jahrMoeglich(y) {
		c.d.Errorf(pos, "zahl", fmt.Sprintf("Jahre liegen zwischen %d und %d, z. B. %s = 2030.", datum.MinJahr, datum.MaxJahr, key),
			"Das Jahr %d bei „%s“ ist unplausibel (Zahlendreher?).", y, key)
	}
}

// zahl writes v as editors know numbers, with a decimal comma.
func zahl(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'g', -1, 64), ".", ",", 1)
}
