package agenda

import "tdsite/internal/model"

// BewertungZahlen counts quantitative goals by their assessment.
type BewertungZahlen struct {
	Erreicht, AufKurs, Verzoegert, Verfehlt, KeineMessung, OhneZielwert int
}

// Add counts one goal's progress; goals without any data count as "keine Messung".
func (z *BewertungZahlen) Add(f *model.Fortschritt) {
	b := model.KeineMessung
	if f != nil {
		b = f.Bewertung
	}
	switch b {
	case model.Erreicht:
		z.Erreicht++
	case model.AufKurs:
		z.AufKurs++
	case model.Verzoegert:
		z.Verzoegert++
	case model.Verfehlt:
		z.Verfehlt++
	case model.OhneZielwert:
		z.OhneZielwert++
	default:
		z.KeineMessung++
	}
}

// Gesamt is the number of goals counted.
func (z BewertungZahlen) Gesamt() int {
	return z.Erreicht + z.AufKurs + z.Verzoegert + z.Verfehlt + z.KeineMessung + z.OhneZielwert
}

// ImPlan counts goals reached or on track.
func (z BewertungZahlen) ImPlan() int { return z.Erreicht + z.AufKurs }

// Dahinter counts goals behind the plan or missed.
func (z BewertungZahlen) Dahinter() int { return z.Verzoegert + z.Verfehlt }

// Gemessen counts goals that can be assessed (measured, with a target value).
func (z BewertungZahlen) Gemessen() int { return z.ImPlan() + z.Dahinter() }

// BewertungAnzahl is one assessment with its count; it has the shape of a
// status count, so tables can show either.
type BewertungAnzahl = model.StatusAnzahl

// Liste returns the counts in a fixed order, for tables.
func (z BewertungZahlen) Liste() []BewertungAnzahl {
	l := model.BewertungLabel
	return []BewertungAnzahl{
		{Key: model.Erreicht, Label: l[model.Erreicht], Anzahl: z.Erreicht},
		{Key: model.AufKurs, Label: l[model.AufKurs], Anzahl: z.AufKurs},
		{Key: model.Verzoegert, Label: l[model.Verzoegert], Anzahl: z.Verzoegert},
		{Key: model.Verfehlt, Label: l[model.Verfehlt], Anzahl: z.Verfehlt},
		{Key: model.KeineMessung, Label: l[model.KeineMessung], Anzahl: z.KeineMessung},
		{Key: model.OhneZielwert, Label: l[model.OhneZielwert], Anzahl: z.OhneZielwert},
	}
}
