package model

import "tdsite/internal/datum"

// Each section of a landing page says how current its data is. These
// collect the newest "stand" of the files a section is made of.

// StandLeitbild is the newest Stand of strategie.md and the Handlungsfeld files.
func (s *Strategie) StandLeitbild() datum.Datum {
	d := s.Stand
	for _, h := range s.HF {
		d = neuer(d, h.Stand)
	}
	return d
}

// StandIstAnalyse is the newest Stand of the files that carry an Ist-Analyse.
func (s *Strategie) StandIstAnalyse() datum.Datum {
	var d datum.Datum
	if s.IstAnalyse != nil {
		d = s.Stand
	}
	for _, h := range s.HF {
		if h.IstAnalyse != nil {
			d = neuer(d, h.Stand)
		}
	}
	if d.IsZero() {
		return s.Stand
	}
	return d
}

// StandMeldungen is the date of the newest news post, else the strategy's Stand.
func (s *Strategie) StandMeldungen() datum.Datum {
	if len(s.Meldungen) > 0 {
		return s.Meldungen[0].Datum
	}
	return s.Stand
}

func neuer(a, b datum.Datum) datum.Datum {
	if b.IsZero() || !a.IsZero() && !b.End().After(a.End()) {
		return a
	}
	return b
}
