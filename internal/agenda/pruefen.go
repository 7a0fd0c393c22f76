package agenda

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"tdsite/internal/diag"
	"tdsite/internal/model"
)

// Pruefen checks what only the computed model can show: a closed progress
// report whose figures would change, and measures whose status is stale,
// grouped by lead Ressort so that editors know whom to ask. With alle the
// stale measures are listed in full, otherwise the first few.
func Pruefen(s *model.Site, alle bool) *diag.List {
	l := &diag.List{}
	for _, b := range s.Berichte {
		abschluss(s, b, l)
	}
	veraltet(s, alle, l)
	return l
}

// BerichtZeitraum is the reporting period of a report: 1 January up to the
// end of its year or its earlier Stand.
func BerichtZeitraum(b *model.Bericht) (von, bis time.Time) {
	von = time.Date(b.Jahr, 1, 1, 0, 0, 0, 0, time.UTC)
	bis = time.Date(b.Jahr, 12, 31, 0, 0, 0, 0, time.UTC)
	if st := b.Stand.Start(); !b.Stand.IsZero() && st.Before(bis) {
		bis = st
	}
	return von, bis
}

// AbschlussKey names a measure in a report's frozen figures.
func AbschlussKey(m *model.Massnahme) string { return m.Strategie.Slug + "/" + m.ID }

// Abschluss computes the frozen figures of a report: every measure's key at
// its cut-off (measures not yet in the Aktionsplan are left out).
func Abschluss(s *model.Site, b *model.Bericht) map[string]string {
	von, bis := BerichtZeitraum(b)
	out := map[string]string{}
	for _, m := range s.Massnahmen {
		if k := Stichtag(m, von, bis); k != KeyOffen {
			out[AbschlussKey(m)] = k
		}
	}
	return out
}

var stichtagLabel = map[string]string{KeyOffen: "nicht im Aktionsplan", KeyOhneMeldung: "ohne Meldung im Berichtszeitraum"}

func keyLabel(k string) string {
	if l, ok := stichtagLabel[k]; ok {
		return l
	}
	return k
}

// abschluss reports every measure whose figures in a closed report would
// change, at the entry that changes them.
func abschluss(s *model.Site, b *model.Bericht, l *diag.List) {
	if b.Abgeschlossen.IsZero() {
		return
	}
	jetzt := Abschluss(s, b)
	_, bis := BerichtZeitraum(b)
	hint := fmt.Sprintf("Der Fortschrittsbericht %d ist abgeschlossen (%s) und ändert sich nicht mehr. Datieren Sie den Eintrag nach dem Stichtag %s, "+
		"oder öffnen Sie den Bericht bewusst wieder: abgeschlossen und [abschluss] in %s löschen, danach „tdsite bericht abschliessen %d“.",
		b.Jahr, b.Abgeschlossen.String(), bis.Format("02.01.2006"), b.File, b.Jahr)
	for _, m := range s.Massnahmen {
		k := AbschlussKey(m)
		alt, ok := b.Abschluss[k]
		if !ok {
			alt = KeyOffen
		}
		neu, ok2 := jetzt[k]
		if !ok2 {
			neu = KeyOffen
		}
		if alt == neu {
			continue
		}
		pos := diag.Pos{File: m.File}
		if e, ok := m.EintragAm(bis); ok {
			pos = e.Pos
		}
		l.Errorf(pos, "bericht-abgeschlossen", hint,
			"%s: Der abgeschlossene Fortschrittsbericht %d zählt diese Maßnahme als „%s“, mit den heutigen Angaben wäre es „%s“.",
			m.ID, b.Jahr, keyLabel(alt), keyLabel(neu))
	}
	for k := range b.Abschluss {
		if _, ok := jetzt[k]; ok {
			continue
		}
		slug, id, _ := strings.Cut(k, "/")
		if st := s.Strategie(slug); st != nil && s.Massnahme(id) != nil && s.Massnahme(id).Strategie == st {
			continue // reported above: the measure exists, its key changed
		}
		l.Errorf(diag.Pos{File: b.File}, "bericht-abgeschlossen", hint,
			"Der abgeschlossene Fortschrittsbericht %d zählt die Maßnahme %s, die es nicht mehr gibt.", b.Jahr, k)
	}
}

// veraltet warns once per strategy and lead Ressort about measures whose
// status is older than the monitoring interval. Superseded strategies are
// no longer monitored and stay silent.
func veraltet(s *model.Site, alle bool, l *diag.List) {
	for _, st := range s.Strategien {
		if st.Abgeloest {
			continue
		}
		byRessort := map[string][]*model.Massnahme{}
		for _, m := range st.Massnahmen {
			if !m.Veraltet {
				continue
			}
			k := "ohne Federführung"
			if len(m.Federfuehrung) > 0 {
				k = m.Federfuehrung[0].Kuerzel
			}
			byRessort[k] = append(byRessort[k], m)
		}
		for _, k := range slices.Sorted(maps.Keys(byRessort)) {
			list := byRessort[k]
			ids := make([]string, 0, len(list))
			for i, m := range list {
				if !alle && i == 5 {
					ids = append(ids, fmt.Sprintf("und %d weitere (alle mit -v)", len(list)-5))
					break
				}
				d := m.Aktuell().Datum
				when := "ohne Datum"
				if !d.IsZero() {
					when = d.String()
				}
				ids = append(ids, m.ID+" ("+when+")")
			}
			wer := "Federführung " + k
			hint := fmt.Sprintf("Fragen Sie bei %s den aktuellen Stand an und tragen Sie ihn als [[verlauf]]-Eintrag mit Datum und Quelle ein.", k)
			if k == "ohne Federführung" {
				wer, hint = "ohne Federführung", "Tragen Sie federfuehrung und den aktuellen Stand als [[verlauf]]-Eintrag mit Datum und Quelle ein."
			}
			wie := fmt.Sprintf("%d Maßnahmen (%s) haben", len(list), wer)
			if len(list) == 1 {
				wie = fmt.Sprintf("1 Maßnahme (%s) hat", wer)
			}
			l.Warnf(diag.Pos{File: strategieFile(st)}, "stand-veraltet", hint,
				"%s einen Stand älter als %s: %s.", wie, model.VeraltetLabel(list[0].VeraltetTage), strings.Join(ids, ", "))
		}
	}
}

func strategieFile(st *model.Strategie) string {
	for _, f := range st.Files {
		if strings.HasSuffix(f, "/strategie.md") {
			return f
		}
	}
	return "content/strategien/" + st.Slug + "/strategie.md"
}
