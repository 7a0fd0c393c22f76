package redaktion

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/model"
	"tdsite/internal/scaffold"
	"tdsite/internal/tomledit"
)

type messwertDaten struct {
	Strategie, StrategieName string
	Ziel                     *content.Quantitativ
	Basis, Zielwert          string
	Letzte                   []messwertZeile
	Datei, Version, Aktuell  string
	WertLabel                string
	ok                       string
	links                    []string
}

func (d messwertDaten) erfolg() (string, []string) { return d.ok, d.links }

type messwertZeile struct{ Datum, Wert, Kommentar string }

// wert shows a number as the site does: decimal comma.
func wert(v float64, einheit string) string {
	return strings.TrimSpace(strings.ReplaceAll(tomledit.Number(v), ".", ",") + " " + einheit)
}

// messwert enters a measurement of a quantitative goal into the strategy's
// messwerte.toml, through the same code as `tdsite new messwert`.
func (h *Handler) messwert(a *anfrage) {
	cs := h.laden()
	f := a.f
	st := strategie(cs, f.Wert("strategie"))
	var g content.GoalRef
	found := false
	if st != nil && content.ValidID(f.Wert("ziel")) {
		g, found = cs.Index.Goal(st, f.Wert("ziel"))
	}
	if !found || !g.Kind.Quantitativ() || g.QuantGoal() == nil {
		h.fehlerseite(a.w, a.r, 404, "Dieses quantitative Ziel gibt es nicht. Wählen Sie es in der Übersicht der Redaktion.")
		return
	}
	q := g.QuantGoal()
	rel := path.Join(st.Dir, "messwerte.toml")
	d := messwertDaten{Strategie: st.Slug, StrategieName: st.Name, Ziel: q, Datei: rel, WertLabel: "Messwert"}
	if q.Einheit != "" {
		d.WertLabel += " (" + q.Einheit + ")"
	}
	if disk, err := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(rel))); err == nil {
		d.Version = version(disk)
	}
	if q.Basis != nil {
		d.Basis = wert(q.Basis.Wert, q.Einheit) + " (" + q.Basis.Datum.Raw + ")"
	}
	if q.Zielwert != nil {
		d.Zielwert = wert(*q.Zielwert, q.Einheit)
		if q.Zieljahr != 0 {
			d.Zielwert += fmt.Sprintf(" (%d)", q.Zieljahr)
		}
	}
	if st.Messwerte != nil {
		var list []content.Messwert
		for _, m := range st.Messwerte.Messwerte {
			if m.Ziel == q.ID {
				list = append(list, m)
			}
		}
		sort.SliceStable(list, func(i, j int) bool { return list[j].Datum.Start().Before(list[i].Datum.Start()) })
		for i, m := range list {
			if i == 5 {
				break
			}
			d.Letzte = append(d.Letzte, messwertZeile{m.Datum.Raw, wert(m.Wert, q.Einheit), m.Kommentar})
		}
	}
	titel := "Messwert eintragen: " + q.ID
	if !a.post {
		if a.bestaetigt() {
			d.ok = "Der Messwert steht in " + rel + "; die Tabelle oben zeigt ihn."
			d.links = []string{model.StrategieURL(st.Slug)}
		}
		f.Werte.Set("version", d.Version)
		if f.Wert("datum") == "" {
			f.Werte.Set("datum", datum.FromTime(h.Today()).From.String())
		}
		a.zeige("messwert.html", titel, d)
		return
	}
	if _, err := datum.ParseDay(strings.TrimSpace(f.Wert("datum"))); err != nil {
		f.Add("datum", "Geben Sie das Datum der Messung als TT.MM.JJJJ ein, z. B. 30.06.2027.")
	}
	f.Fehlt("wert", "Geben Sie den Messwert ein, z. B. 35 oder 12,5.")
	gefaehrdet := f.Wert("gefaehrdet") == "ja"
	if gefaehrdet {
		f.Fehlt("korrektur", "Beschreiben Sie, was der Steuerkreis ändern soll; der Leitfaden verlangt das für gefährdete Ziele.")
	}
	if f.HatFehler() {
		a.zeige("messwert.html", titel, d)
		return
	}
	sc := &scaffold.Site{Root: h.Root, Today: h.Today(), DryRun: true, Content: cs}
	res, err := sc.NewMesswert(scaffold.MesswertOptions{Ziel: q.ID, Strategie: st.Slug, Wert: f.Wert("wert"), Datum: f.Text("datum"),
		Kommentar: f.Text("kommentar"), Gefaehrdet: gefaehrdet, Korrektur: f.Text("korrektur")})
	if err != nil {
		var p *scaffold.Problem
		if !errors.As(err, &p) {
			f.Hinweis = err.Error()
		} else if strings.Contains(p.Msg, "schon einen Messwert") {
			f.Add("datum", p.Msg+" Wählen Sie einen anderen Tag oder korrigieren Sie den vorhandenen Eintrag.")
		} else {
			f.Add("wert", p.Msg+" "+p.Hint)
		}
		a.zeige("messwert.html", titel, d)
		return
	}
	if f.Wert("version") != d.Version {
		err = &konflikt{rel: rel}
	} else {
		err = h.schreibe([]aenderung{{rel: rel, data: res.Texts[rel], version: d.Version}})
	}
	if err != nil {
		a.meldeFehler(err, "wert")
		if cur, rerr := os.ReadFile(filepath.Join(h.Root, filepath.FromSlash(rel))); rerr == nil && f.Hinweis != "" {
			d.Version, d.Aktuell = version(cur), string(cur)
			f.Werte.Set("version", d.Version)
		}
		a.zeige("messwert.html", titel, d)
		return
	}
	a.gespeichert("/redaktion/messwert", url.Values{"strategie": {st.Slug}, "ziel": {q.ID}})
}
