package redaktion

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/decode"
	"tdsite/internal/model"
	"tdsite/internal/tomledit"
)

type statusDaten struct {
	Strategie, StrategieName string
	Massnahme                *content.Massnahme
	Status                   []wahlOption
	Meilensteine             []meilensteinFeld
	Letzter                  string // the latest [[verlauf]] entry, for orientation
	Version                  string
	Aktuell                  string // the file on disk after a conflict
	ok                       string
	links                    []string
}

func (d statusDaten) erfolg() (string, []string) { return d.ok, d.links }

type meilensteinFeld struct {
	Nr                 int
	Name, Text, Datum  string
	Wert               string // the state chosen in the form
	Status             []wahlOption
	Fehler             string
	hatStatus, legacy  bool
	statusZeile, kopfZ int
}

// status reports a dated status of a measure: a new [[verlauf]] entry and
// the state of its milestones, edited in place in the measure's file.
func (h *Handler) status(a *anfrage) {
	cs := h.laden()
	f := a.f
	st := strategie(cs, f.Wert("strategie"))
	m := massnahme(st, f.Wert("massnahme"))
	if m == nil {
		h.fehlerseite(a.w, a.r, 404, "Diese Maßnahme gibt es nicht. Wählen Sie sie in der Übersicht der Redaktion.")
		return
	}
	rel := m.File
	disk, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(rel)))
	if err != nil {
		h.fehlerseite(a.w, a.r, 500, fmt.Sprintf("%s kann nicht gelesen werden: %v", rel, err))
		return
	}
	d := statusDaten{Strategie: st.Slug, StrategieName: st.Name, Massnahme: m, Version: version(disk)}
	for _, s := range content.Status {
		d.Status = append(d.Status, wahlOption{s, content.StatusLabel[s]})
	}
	if n := len(m.Verlauf); n > 0 {
		v := m.Verlauf[n-1]
		d.Letzter = fmt.Sprintf("%s: %s", v.Datum.Raw, content.StatusLabel[v.Status])
	}
	for i, ms := range m.Meilensteine {
		cur := ms.Status
		if cur == "" && ms.Erreicht {
			cur = content.MsErreicht
		}
		if cur == "" {
			cur = content.MsUnbekannt
		}
		mf := meilensteinFeld{Nr: i, Name: fmt.Sprintf("ms%d", i), Text: ms.Text, Datum: ms.Datum.Raw, Wert: cur,
			hatStatus: ms.At.Has("status"), legacy: ms.At.Has("erreicht"), statusZeile: ms.At.Key("status").Line, kopfZ: ms.At.Pos().Line}
		if mf.legacy {
			mf.statusZeile = ms.At.Key("erreicht").Line
		}
		if a.post {
			mf.Wert = f.Wert(mf.Name)
		}
		for _, s := range content.MeilensteinStatus {
			mf.Status = append(mf.Status, wahlOption{s, map[string]string{"erreicht": "erreicht", "offen": "offen", "unbekannt": "unbekannt (keine Quelle)"}[s]})
		}
		d.Meilensteine = append(d.Meilensteine, mf)
	}
	titel := "Status melden: " + m.ID
	if !a.post {
		if a.bestaetigt() {
			d.ok = "Der Status steht in " + rel + " (letzter Eintrag im Statusverlauf)."
			d.links = []string{model.MassnahmeURL(st.Slug, m, model.HatText(m))}
		}
		f.Werte.Set("version", d.Version)
		if f.Wert("datum") == "" {
			f.Werte.Set("datum", datum.FromTime(h.Today()).From.String())
		}
		if n := len(m.Verlauf); n > 0 && f.Wert("status") == "" {
			f.Werte.Set("status", m.Verlauf[n-1].Status) // most reports confirm the last status
		}
		if f.Wert("sicherheit") == "" {
			f.Werte.Set("sicherheit", content.Belegt)
		}
		a.zeige("status.html", titel, d)
		return
	}
	day, err := datum.ParseDay(strings.TrimSpace(f.Wert("datum")))
	if err != nil {
		f.Add("datum", "Geben Sie das Datum als TT.MM.JJJJ ein, z. B. 30.06.2027.")
	}
	status := f.Wert("status")
	if content.StatusLabel[status] == "" {
		f.Add("status", "Wählen Sie den Status der Maßnahme.")
	}
	f.Fehlt("quelle", "Nennen Sie die Quelle des Status, z. B. „Halbjahresbericht der Projektleitung zum 30.06.2027“.")
	sicherheit := f.Wert("sicherheit")
	if sicherheit != content.Belegt && sicherheit != content.Abgeleitet {
		f.Add("sicherheit", "Wählen Sie, ob die Quelle den Status nennt oder ob Sie ihn ableiten.")
	} else if sicherheit == content.Abgeleitet {
		f.Fehlt("grund", "Schreiben Sie, woraus Sie den Status ableiten.")
	}
	for i := range d.Meilensteine {
		mf := &d.Meilensteine[i]
		if mf.Wert != content.MsErreicht && mf.Wert != content.MsOffen && mf.Wert != content.MsUnbekannt {
			mf.Fehler = "Wählen Sie: erreicht, offen oder unbekannt."
			f.Add(mf.Name, fmt.Sprintf("Meilenstein „%s“: %s", mf.Text, mf.Fehler))
		}
	}
	if f.HatFehler() {
		a.zeige("status.html", titel, d)
		return
	}
	if f.Wert("version") != d.Version {
		a.meldeFehler(&konflikt{rel: rel, current: disk}, "datum")
		d.Version, d.Aktuell = version(disk), string(disk)
		f.Werte.Set("version", d.Version)
		a.zeige("status.html", titel, d)
		return
	}
	data, err := statusText(disk, m, d.Meilensteine, day, status, sicherheit, f)
	if err == nil {
		err = h.schreibe([]aenderung{{rel: rel, data: data, version: d.Version}})
	}
	if err != nil {
		if cur, _ := a.meldeFehler(err, "notiz"); cur != nil {
			d.Version, d.Aktuell = version(cur), string(cur)
			f.Werte.Set("version", d.Version)
		}
		a.zeige("status.html", titel, d)
		return
	}
	a.gespeichert("/redaktion/status", url.Values{"strategie": {st.Slug}, "massnahme": {m.ID}})
}

// statusText is the measure's file with the new [[verlauf]] entry at the
// end of the front matter and the milestones' states changed in place;
// `stand` of the measure and of each changed milestone becomes the day of
// the report, as an editor updating the file by hand would set it.
func statusText(disk []byte, m *content.Massnahme, ms []meilensteinFeld, day datum.Datum, status, sicherheit string, f *formular) ([]byte, error) {
	_, _, bodyLine, ok := decode.SplitFrontMatter(disk)
	if !ok || bodyLine < 3 {
		return nil, fmt.Errorf("%s hat keinen abgeschlossenen Kopf zwischen zwei Zeilen +++", m.File)
	}
	doc := tomledit.New(disk)
	tag := tomledit.String(day.From.String())
	if m.At.Has("stand") {
		if err := doc.SetValue(m.At.Key("stand").Line, "stand", tag); err != nil {
			return nil, fmt.Errorf("%s, Zeile %d: %v", m.File, m.At.Key("stand").Line, err)
		}
	}
	for _, mf := range ms {
		old := m.Meilensteine[mf.Nr]
		cur := old.Status
		if cur == "" && old.Erreicht {
			cur = content.MsErreicht
		}
		if cur == "" {
			cur = content.MsUnbekannt
		}
		if mf.Wert == cur {
			continue
		}
		var err error
		switch {
		case mf.legacy:
			err = doc.ReplaceKey(mf.statusZeile, "erreicht", "status", tomledit.String(mf.Wert))
		case mf.hatStatus:
			err = doc.SetValue(mf.statusZeile, "status", tomledit.String(mf.Wert))
		default:
			doc.InsertAfter(mf.kopfZ, "status = "+tomledit.String(mf.Wert))
		}
		if err != nil {
			return nil, fmt.Errorf("%s, Zeile %d: %v", m.File, mf.statusZeile, err)
		}
		if old.At.Has("stand") {
			err = doc.SetValue(old.At.Key("stand").Line, "stand", tag)
		} else if mf.hatStatus || mf.legacy {
			doc.InsertAfter(mf.statusZeile, "stand = "+tag) // the day the state was seen belongs next to it
		} else {
			doc.InsertAfter(mf.kopfZ, "stand = "+tag)
		}
		if err != nil {
			return nil, fmt.Errorf("%s, Zeile %d: %v", m.File, old.At.Key("stand").Line, err)
		}
	}
	block := []string{"", "[[verlauf]]", "datum = " + tag, "status = " + tomledit.String(status),
		"quelle = " + tomledit.String(f.Text("quelle")), "sicherheit = " + tomledit.String(sicherheit)}
	if sicherheit == content.Abgeleitet {
		block = append(block, "grund = "+tomledit.String(f.Text("grund")))
	}
	if n := f.Text("notiz"); n != "" {
		block = append(block, "notiz = "+tomledit.String(n))
	}
	last := bodyLine - 2 // the line before the closing +++
	if strings.TrimSpace(doc.Line(last)) == "" {
		block = block[1:]
	}
	doc.InsertAfter(last, block...)
	return doc.Bytes(), nil
}
