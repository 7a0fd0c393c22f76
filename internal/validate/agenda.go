package validate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
)

// verlauf checks the dated status history of a measure: valid statuses, dates
// that name one point in time, ascending order, and a last entry that agrees
// with the measure's current status – otherwise the progress report and the
// landing page would tell different stories.
func (c *checker) verlauf(m *content.Massnahme) {
	if len(m.Verlauf) == 0 {
		if m.Status == "" {
			c.d.Errorf(m.At.Pos(), "status", "Tragen Sie den Stand als [[verlauf]]-Eintrag ein: datum, status, quelle (siehe docs/inhaltsformat.md).",
				"Die Maßnahme hat keinen Status: weder status noch einen [[verlauf]]-Eintrag.")
		} else if slices.Contains(content.Status, m.Status) && (m.Stand.IsZero() || m.Quelle == "") {
			c.d.Warnf(m.At.Key("status"), "stand-herkunft", "Ergänzen Sie einen [[verlauf]]-Eintrag mit datum, status und quelle, damit die Seite sagt, woher der Status stammt.",
				"Der Status „%s“ hat kein Datum oder keine Quelle.", m.Status)
		}
	}
	var prev time.Time
	for i, v := range m.Verlauf {
		c.statusValue(v.At.Key("status"), v.Status, true)
		switch v.Sicherheit {
		case "", content.Belegt:
		case content.Abgeleitet:
			if strings.TrimSpace(v.Grund) == "" {
				c.d.Errorf(v.At.Key("sicherheit"), "verlauf", "Schreiben Sie in grund, woraus der Status abgeleitet ist, z. B. „aus den Meilensteinen abgeleitet: …“.",
					"Ein abgeleiteter Status braucht eine Begründung (grund).")
			}
		default:
			c.d.Errorf(v.At.Key("sicherheit"), "verlauf", "Erlaubt sind „belegt“ (die Quelle nennt den Status) und „abgeleitet“ (aus der Quelle geschlossen, mit grund).",
				"Die Sicherheit „%s“ ist unbekannt.", v.Sicherheit)
		}
		if v.Quelle == "" && m.Quelle == "" {
			c.d.Warnf(v.At.Key("status"), "stand-herkunft", "Nennen Sie die Quelle des Status in quelle (Dokument, Bericht oder Meldung mit Datum).",
				"Der Eintrag vom %s nennt keine Quelle.", v.Datum.Raw)
		}
		switch {
		case v.Datum.IsZero():
			continue // reported by the loader as a missing required field
		case v.Datum.Kind != datum.Punkt:
			c.d.Errorf(v.At.Key("datum"), "verlauf", "Nennen Sie den Tag, Monat, das Quartal oder Jahr des Wechsels, z. B. „15.07.2026“ oder „Q3/2025“.",
				"Ein Eintrag im Verlauf braucht einen Zeitpunkt, keinen Zeitraum („%s“).", v.Datum.Raw)
			continue
		}
		end := v.Datum.End()
		if i > 0 && end.Before(prev) {
			c.d.Errorf(v.At.Key("datum"), "verlauf", "Ordnen Sie die [[verlauf]]-Einträge nach dem Datum, den ältesten zuerst.",
				"Der Eintrag vom %s steht nach einem späteren Eintrag.", v.Datum.Raw)
		}
		prev = end
		if !m.Stand.IsZero() && v.Datum.Start().After(m.Stand.Start()) {
			c.d.Warnf(v.At.Key("datum"), "verlauf", "Setzen Sie stand auf den Tag, an dem die Angaben geprüft wurden.",
				"Der Eintrag vom %s liegt nach dem Stand der Maßnahme (%s).", v.Datum.Raw, m.Stand.Raw)
		}
	}
	if n := len(m.Verlauf); n > 0 && m.Status != "" {
		if last := m.Verlauf[n-1]; last.Status != m.Status {
			c.d.Errorf(last.At.Key("status"), "verlauf",
				fmt.Sprintf("Ergänzen Sie einen [[verlauf]]-Eintrag mit status = \"%s\" und dem Datum des Wechsels, oder korrigieren Sie status.", m.Status),
				"Der letzte Eintrag im Verlauf („%s“) passt nicht zum Status der Maßnahme („%s“).", last.Status, m.Status)
		}
	}
}

// berichte checks the editorial files of the yearly progress reports.
func (c *checker) berichte() {
	for _, b := range c.site.Berichte {
		if !jahrMoeglich(b.Jahr) { // the name has four digits, but not every number is a report year
			c.d.Errorf(diag.Pos{File: b.File}, "zahl", fmt.Sprintf("Benennen Sie die Datei nach dem Berichtsjahr zwischen %d und %d, z. B. fortschrittsbericht-2025.md.", datum.MinJahr, datum.MaxJahr),
				"Das Berichtsjahr %d im Dateinamen ist unplausibel.", b.Jahr)
			continue
		}
		c.exactDay(b.At.Key("stand"), b.Stand, "stand")
		if b.Stand.IsZero() || !b.Stand.ExactDay() {
			continue
		}
		if b.Stand.Start().Year() < b.Jahr {
			c.d.Errorf(b.At.Key("stand"), "bericht", fmt.Sprintf("Der Stand liegt im Berichtsjahr oder danach, z. B. „31.12.%d“.", b.Jahr),
				"Der Stand %s liegt vor dem Berichtsjahr %d.", b.Stand.Raw, b.Jahr)
		}
	}
	for i := 1; i < len(c.site.Berichte); i++ {
		if a, b := c.site.Berichte[i-1], c.site.Berichte[i]; a.Jahr == b.Jahr {
			c.d.Errorf(diag.Pos{File: b.File}, "doppelt", "Behalten Sie eine Datei je Berichtsjahr.",
				"Für %d gibt es schon einen Fortschrittsbericht (%s).", b.Jahr, a.File)
		}
	}
}

// meilensteine checks the stated state of each milestone. Without status a
// milestone is "unbekannt": only a source makes it reached or open.
func (c *checker) meilensteine(m *content.Massnahme) {
	for _, ms := range m.Meilensteine {
		if ms.Status != "" && !slices.Contains(content.MeilensteinStatus, ms.Status) {
			c.d.Errorf(ms.At.Key("status"), "meilenstein", "Erlaubt sind: "+strings.Join(content.MeilensteinStatus, ", ")+". Ohne Angabe gilt „unbekannt“.",
				"Den Meilenstein-Status „%s“ gibt es nicht.", ms.Status)
		}
		if ms.Erreicht && ms.Status != "" && ms.Status != content.MsErreicht {
			c.d.Errorf(ms.At.Key("erreicht"), "meilenstein", "Streichen Sie erreicht = true; status sagt dasselbe genauer.",
				"erreicht = true widerspricht status = \"%s\".", ms.Status)
		}
		if !ms.Stand.IsZero() && ms.Stand.Kind != datum.Punkt {
			c.d.Errorf(ms.At.Key("stand"), "meilenstein", "Nennen Sie den Tag, Monat, das Quartal oder Jahr der Angabe, z. B. „30.06.2025“.",
				"Der Stand eines Meilensteins ist ein Zeitpunkt, kein Zeitraum („%s“).", ms.Stand.Raw)
		}
	}
}
