package model

import (
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
)

// Stand und Herkunft: a measure's status is the latest of its dated entries,
// each with a source and a certainty. A status older than the monitoring
// interval (default six months, the Leitfaden's cycle) is shown with its
// date and never counted as current. Completion is final: "umgesetzt" stays
// true however old it is, so it does not go stale.

// Veraltet is the counting key for measures whose status is stale at a day.
const Veraltet = "veraltet"

// StatusEintrag is one dated status of a measure (its [[verlauf]]).
type StatusEintrag struct {
	Datum      datum.Datum
	Status     string
	Notiz      string
	Quelle     string // never empty when the measure names a source
	Sicherheit string // content.Belegt, content.Abgeleitet or "" (not stated: older files)
	Grund      string // why the status was inferred
	Implizit   bool   // built from the measure's status and stand fields, not from [[verlauf]]
	Pos        diag.Pos
}

// Abgeleitet reports whether the status was inferred, not stated by the source.
func (e StatusEintrag) Abgeleitet() bool { return e.Sicherheit == content.Abgeleitet }

// Aktuell is the measure's current status entry: the latest one. Its date is
// zero when the status has no date at all.
func (m *Massnahme) Aktuell() StatusEintrag {
	if n := len(m.Verlauf); n > 0 {
		return m.Verlauf[n-1]
	}
	return StatusEintrag{}
}

// EintragAm is the latest status entry known on day t (ok false: none).
func (m *Massnahme) EintragAm(t time.Time) (StatusEintrag, bool) {
	var e StatusEintrag
	ok := false
	for _, v := range m.Verlauf {
		if v.Datum.IsZero() || v.Datum.End().After(t) {
			continue
		}
		e, ok = v, true
	}
	return e, ok
}

// veraltetAm reports whether entry e, read on day t, is older than the
// monitoring interval. An undated status is always stale; completion never.
func veraltetAm(e StatusEintrag, t time.Time, tage int) bool {
	if e.Status == "umgesetzt" {
		return false
	}
	if e.Datum.IsZero() {
		return true
	}
	// The end of a fuzzy date is the day by which the status surely held;
	// measured from there, "Q3/2025" is not stale a day after 1 July.
	return e.Datum.End().AddDate(0, 0, tage).Before(t)
}

// Zaehlstatus is the key a measure counts under in status totals: its status,
// or Veraltet when that status is older than the monitoring interval.
func (m *Massnahme) Zaehlstatus() string {
	if m.Veraltet {
		return Veraltet
	}
	return m.Status
}

// setStand derives the current status, its date and staleness.
func (m *Massnahme) setStand(buildDate time.Time, tage int) {
	e := m.Aktuell()
	m.Status = e.Status
	m.Veraltet = veraltetAm(e, buildDate, tage)
	m.VeraltetTage = tage
}

// VeraltetLabel names the staleness interval for readers ("6 Monate").
func VeraltetLabel(tage int) string {
	switch {
	case tage%365 == 0:
		if tage == 365 {
			return "1 Jahr"
		}
		return itoa(tage/365) + " Jahre"
	case tage >= 28 && (tage%30 == 0 || tage == 180 || tage == 90):
		n := (tage + 15) / 30
		if n == 1 {
			return "1 Monat"
		}
		return itoa(n) + " Monate"
	}
	return itoa(tage) + " Tage"
}

// VeraltetText is the reader-facing mark of a stale status.
func (m *Massnahme) VeraltetText() string {
	if m.Aktuell().Datum.IsZero() {
		return "Stand unbekannt"
	}
	return "Stand älter als " + VeraltetLabel(m.VeraltetTage)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// ZustandAm is what the site may say about a milestone today: erreicht (a
// source says so), offen (a source says so and its date has not passed
// since), unbekannt (no source, or the source predates the milestone's date
// and that date has passed).
func (ms Meilenstein) ZustandAm(heute time.Time) string {
	switch ms.Status {
	case content.MsErreicht:
		return content.MsErreicht
	case content.MsOffen:
		if !ms.Datum.IsZero() && ms.Datum.End().Before(heute) && !ms.Stand.IsZero() && ms.Stand.End().Before(ms.Datum.End()) {
			return content.MsUnbekannt
		}
		return content.MsOffen
	}
	return content.MsUnbekannt
}

// ZustandLabel is the reader-facing word for Zustand.
func (ms Meilenstein) ZustandLabel() string {
	switch ms.Zustand {
	case content.MsErreicht:
		return "erreicht"
	case content.MsOffen:
		return "offen"
	}
	return "Stand unbekannt"
}

// verlauf copies the dated status history. A measure written without
// [[verlauf]] gets one implicit entry from its status, stand and quelle
// fields, so every status on the site has a date and a source when the file
// gives them.
func (b *builder) verlauf(m *Massnahme, cm *content.Massnahme) {
	for _, v := range cm.Verlauf {
		q := v.Quelle
		if q == "" {
			q = cm.Quelle
		}
		sicher := v.Sicherheit
		if sicher == "" {
			sicher = content.Belegt
		}
		m.Verlauf = append(m.Verlauf, StatusEintrag{Datum: v.Datum, Status: v.Status, Notiz: v.Notiz,
			Quelle: q, Sicherheit: sicher, Grund: v.Grund, Pos: v.At.Pos()})
	}
	if len(m.Verlauf) == 0 && cm.Status != "" {
		m.Verlauf = append(m.Verlauf, StatusEintrag{Datum: m.Stand, Status: cm.Status, Quelle: cm.Quelle, Implizit: true, Pos: cm.At.Key("status")})
	}
	m.setStand(b.site.BuildDate.Start(), b.site.Config.VeraltetNach())
}

// meilenstein resolves a milestone's state, date of statement and source.
func (b *builder) meilenstein(m *Massnahme, ms content.Meilenstein) Meilenstein {
	out := Meilenstein{Meilenstein: ms}
	if out.Status == "" {
		out.Status = content.MsUnbekannt
		if ms.Erreicht {
			out.Status = content.MsErreicht
		}
	}
	if out.Stand.IsZero() {
		out.Stand = m.Aktuell().Datum
	}
	if out.Quelle == "" {
		out.Quelle = m.Aktuell().Quelle
	}
	out.Zustand = out.ZustandAm(b.site.BuildDate.Start())
	return out
}
