package agenda_test

import (
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/model"
)

// The sets no longer ask whether they hold an item already (see
// Bestand.massnahme in agenda.go): every set of the bundled site must still hold each
// measure, goal and initiative once.
func TestBestaendeOhneDoppelte(t *testing.T) {
	a := agenda.Build(modell(t))
	sets := map[string]*agenda.Bestand{"Alle": a.Alle, "Land": a.Land, "Beispiel": a.Beispiel}
	for _, z := range a.Zeilen {
		sets["Zeile "+z.Strategie.Slug] = z.Bestand
	}
	for _, list := range [][]*agenda.Facette{a.Handlungsfelder, a.Ressorts, a.Status, {a.AndereFederfuehrung}} {
		for _, f := range list {
			sets[f.Art+" "+f.Key+" Land"], sets[f.Art+" "+f.Key+" Beispiel"] = f.Land, f.Beispiel
		}
	}
	for name, b := range sets {
		einmal(t, name, b.Massnahmen, func(m *model.Massnahme) string { return m.ID })
		einmal(t, name, b.Ziele, func(z *model.Ziel) string { return z.Key })
		einmal(t, name, b.Initiativen, func(i *model.Initiative) string { return i.Key })
		einmal(t, name, b.Strategien, func(s *model.Strategie) string { return s.Slug })
	}
	if len(a.Handlungsfelder) == 0 || len(a.Land.Massnahmen) == 0 {
		t.Fatal("die mitgelieferte Website hat keine Maßnahmen in Handlungsfeldern – der Test prüft nichts")
	}
}

func einmal[T comparable](t *testing.T, name string, list []T, id func(T) string) {
	t.Helper()
	seen := map[T]bool{}
	for _, v := range list {
		if seen[v] {
			t.Errorf("%s: %s steht doppelt in der Liste", name, id(v))
		}
		seen[v] = true
	}
}
