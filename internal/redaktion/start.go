package redaktion

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"tdsite/internal/content"
)

// laden reads the site as it is on disk now; the forms always start from
// the files, not from the last build.
func (h *Handler) laden() *content.Site {
	cs, _ := content.Load(h.Root)
	return cs
}

// strategie finds a strategy by its slug. The slug must match the key
// pattern before it is compared, so no form value ever reaches a path
// unchecked.
func strategie(cs *content.Site, slug string) *content.Strategie {
	if !content.ValidKey(slug) {
		return nil
	}
	for _, s := range cs.Strategien {
		if s.Slug == slug {
			return s
		}
	}
	return nil
}

// massnahme finds a measure of a strategy by ID (IDMuster).
func massnahme(s *content.Strategie, id string) *content.Massnahme {
	if s == nil || !content.ValidID(id) {
		return nil
	}
	for _, m := range s.Massnahmen {
		if m.ID == id {
			return m
		}
	}
	return nil
}

type startDaten struct {
	Strategien []startStrategie
	Einzeln    bool // one strategy with its measures and goals
}

type startStrategie struct {
	Slug, Name string
	Massnahmen []startEintrag
	Ziele      []startEintrag
}

type startEintrag struct{ ID, Titel string }

// start lists the strategies; with ?strategie= it lists one strategy's
// measures and goals, which on large sites would make one page too long.
func (h *Handler) start(a *anfrage) {
	cs := h.laden()
	var d startDaten
	titel := "Redaktion"
	if st := strategie(cs, a.f.Wert("strategie")); st != nil {
		d.Einzeln, titel = true, st.Name
		e := startStrategie{Slug: st.Slug, Name: st.Name}
		for _, m := range st.Massnahmen {
			e.Massnahmen = append(e.Massnahmen, startEintrag{m.ID, m.Titel})
		}
		for _, g := range quantZiele(cs, st) {
			e.Ziele = append(e.Ziele, startEintrag{g.ID, g.QuantGoal().Text})
		}
		d.Strategien = []startStrategie{e}
	} else {
		for _, s := range cs.Strategien {
			d.Strategien = append(d.Strategien, startStrategie{Slug: s.Slug, Name: s.Name})
		}
	}
	a.zeige("start.html", titel, d)
}

// quantZiele are the goals of a strategy that take measurements, by ID.
func quantZiele(cs *content.Site, s *content.Strategie) []content.GoalRef {
	var out []content.GoalRef
	for _, g := range cs.Index.Goals {
		if g.Strategie == s && g.Kind.Quantitativ() && g.QuantGoal() != nil {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// seite answers "Diese Seite bearbeiten" from a page of the preview: it
// sends the editor to the form that edits the page's source.
func (h *Handler) seite(a *anfrage) {
	p := a.f.Wert("pfad")
	parts := strings.Split(strings.Trim(p, "/"), "/")
	cs := h.laden()
	ziel := "/redaktion/"
	switch {
	case len(parts) == 2 && parts[0] == "strategien" && strategie(cs, parts[1]) != nil:
		ziel = "/redaktion/text?strategie=" + parts[1]
	case len(parts) == 2 && parts[0] == "massnahmen":
		for _, s := range cs.Strategien {
			for _, m := range s.Massnahmen {
				if content.Slugify(m.ID) == parts[1] {
					ziel = "/redaktion/status?strategie=" + s.Slug + "&massnahme=" + m.ID
				}
			}
		}
	case len(parts) == 4 && parts[0] == "strategien" && parts[2] == "meldungen" && strategie(cs, parts[1]) != nil && content.ValidKey(parts[3]):
		ziel = "/redaktion/text?strategie=" + parts[1] + "&meldung=" + parts[3]
	case len(parts) == 3 && parts[0] == "strategien" && parts[2] == "meldungen" && strategie(cs, parts[1]) != nil:
		ziel = "/redaktion/meldung?strategie=" + parts[1]
	}
	http.Redirect(a.w, a.r, ziel, http.StatusSeeOther)
}

// BearbeitenLink is the link the preview adds to a page whose source the
// editorial forms can change; "" for other pages.
func BearbeitenLink(sitePath string) string {
	parts := strings.Split(strings.Trim(sitePath, "/"), "/")
	for _, p := range parts[1:] {
		if !content.ValidKey(p) {
			return ""
		}
	}
	switch {
	case len(parts) == 2 && (parts[0] == "strategien" || parts[0] == "massnahmen"):
	case len(parts) >= 3 && len(parts) <= 4 && parts[0] == "strategien" && parts[2] == "meldungen":
	default:
		return ""
	}
	return `<nav class="tdsite-bearbeiten" aria-label="Redaktion"><a href="/redaktion/seite?pfad=` +
		url.QueryEscape("/"+strings.Join(parts, "/")+"/") + `">Diese Seite bearbeiten</a></nav>`
}
