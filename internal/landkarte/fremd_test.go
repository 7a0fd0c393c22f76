package landkarte_test

import (
	"strings"
	"testing"

	"tdsite/internal/content"
	"tdsite/internal/landkarte"
	"tdsite/internal/model"
)

// twoStrategies builds a small model by hand: strategy A with one goal set,
// Etappenziele and an initiative that also supports an Etappenziel of
// strategy B; a measure of A serves two goals and the initiative.
func twoStrategies() (a, b *model.Strategie) {
	h := func(st *model.Strategie, key string) *model.Handlungsfeld {
		hf := &model.Handlungsfeld{Handlungsfeld: content.Handlungsfeld{Key: key, Name: "Feld " + key}, URL: "/handlungsfelder/" + key + "/"}
		st.HF = append(st.HF, &model.StrategieHF{Strategie: st, Handlungsfeld: hf})
		hf.Strategien = append(hf.Strategien, st)
		return hf
	}
	goal := func(st *model.Strategie, id string, kind content.GoalKind, hf *model.Handlungsfeld) *model.Ziel {
		return &model.Ziel{Strategie: st, ID: id, Key: st.Slug + "/" + id, Kind: kind, Text: "Ziel " + id + " der Strategie " + st.Kurzname,
			URL: st.URL + "#ziel-" + strings.ToLower(id), Handlungsfelder: []*model.Handlungsfeld{hf}}
	}
	mk := func(slug string) *model.Strategie {
		return &model.Strategie{Strategie: content.Strategie{Slug: slug, Name: "Strategie " + slug, Kurzname: strings.ToUpper(slug),
			Horizonte: content.Horizonte{Leitbild: 2035, Ziele: 2030, Etappen: 2027}},
			URL: "/strategien/" + slug + "/", Leitfaden: true, Leitbild: "<p>Ein Leitbild.</p>"}
	}
	a, b = mk("a"), mk("b")
	ha, hb := h(a, "fa"), h(b, "fb")
	sets := func(st *model.Strategie, hf *model.Handlungsfeld, n string) (*model.Zielset, *model.Etappenset) {
		zs := &model.Zielset{Strategie: st, Qualitativ: goal(st, "Z"+n, content.ZielQualitativ, hf),
			Quantitativ: []*model.Ziel{goal(st, "Z"+n+".1", content.ZielQuantitativ, hf)}, Handlungsfelder: []*model.Handlungsfeld{hf},
			Zielset: content.Zielset{Zieljahr: 2030}}
		zs.Qualitativ.Zielset, zs.Quantitativ[0].Zielset = zs, zs
		es := &model.Etappenset{Strategie: st, Qualitativ: goal(st, "E"+n, content.EtappeQualitativ, hf),
			Quantitativ: []*model.Ziel{goal(st, "E"+n+".1", content.EtappeQuantitativ, hf)}, AbgeleitetVon: zs.Quantitativ[0],
			Etappenset: content.Etappenset{Zieljahr: 2027}}
		es.Qualitativ.Etappenset, es.Quantitativ[0].Etappenset = es, es
		zs.Etappensets = []*model.Etappenset{es}
		st.Zielsets, st.Etappensets = []*model.Zielset{zs}, []*model.Etappenset{es}
		return zs, es
	}
	zsA, esA := sets(a, ha, "1")
	_, esB := sets(b, hb, "5")
	in := &model.Initiative{Initiative: content.Initiative{ID: "I1", Titel: "Gemeinsame Initiative", Status: "laufend"},
		Strategie: a, Key: "a/I1", URL: "/strategien/a/#initiative-i1", Unterstuetzt: []*model.Ziel{esA.Quantitativ[0], esB.Quantitativ[0]}, Handlungsfelder: []*model.Handlungsfeld{ha, hb}}
	a.Initiativen = []*model.Initiative{in}
	m := &model.Massnahme{Massnahme: content.Massnahme{ID: "A-1", Titel: "Eine Maßnahme", Status: "geplant"}, Strategie: a, URL: "/massnahmen/a-1/",
		Ziele: []*model.Ziel{esA.Quantitativ[0], zsA.Quantitativ[0]}, Initiative: in, Handlungsfeld: ha}
	in.Massnahmen = []*model.Massnahme{m}
	a.Massnahmen = []*model.Massnahme{m}
	return a, b
}

func TestCrossStrategyInitiative(t *testing.T) {
	a, b := twoStrategies()
	m, err := landkarte.ForStrategy(a, ident)
	if err != nil {
		t.Fatal(err)
	}
	var foreign *landkarte.Node
	for _, n := range m.Nodes {
		if n.Foreign {
			if foreign != nil {
				t.Fatalf("two foreign nodes: %s, %s", foreign.Key, n.Key)
			}
			foreign = n
		}
	}
	if foreign == nil || foreign.Kind != landkarte.KindEtappenset || foreign.Strategie != b || !strings.Contains(foreign.Note, "„B“") {
		t.Fatalf("the Etappenziel of strategy B is not on A's map as a marked foreign node: %+v", foreign)
	}
	// Leitbild→field, field→set, Z1.1→E1, E1.1→I1, E5.1→I1, E1.1→A-1, Z1.1→A-1, I1→A-1.
	if len(m.Edges) != 8 {
		t.Errorf("%d edges, want 8", len(m.Edges))
	}
	checkTextVersion(t, "a", m)
	if !m.HasForeign() {
		t.Error("the table of further connections needs the strategy column")
	}
	found := false
	for _, e := range m.Extra {
		if e.Fremd && e.To == foreign && e.Row != nil && e.Row.ID == "E5.1" {
			found = true
		}
	}
	if !found {
		t.Errorf("the contribution to B's E5.1 is missing from the text version: %+v", m.Extra)
	}
	// The narrow map says in words what the nesting cannot show.
	if !strings.Contains(string(m.SVGNarrow()), "Trägt auch bei zu") && !strings.Contains(string(m.SVGNarrow()), "Trägt bei zu") {
		t.Error("the narrow map does not name the further connections")
	}

	// On B's map the initiative of A does not appear (it is A's), but on
	// the Thuringian map it connects the fields of both strategies.
	site := &model.Site{Strategien: []*model.Strategie{a, b}}
	th, err := landkarte.Thueringen(site, ident)
	if err != nil {
		t.Fatal(err)
	}
	edgesToInit := 0
	for _, e := range th.Edges {
		if th.Nodes[e.To].Kind == landkarte.KindInitiative {
			edgesToInit++
		}
	}
	if edgesToInit != 2 {
		t.Errorf("the initiative should connect 2 fields of action on the Thuringian map, has %d edges", edgesToInit)
	}
}

func TestEmptyStrategySaysWhatIsMissing(t *testing.T) {
	st := &model.Strategie{Strategie: content.Strategie{Slug: "leer", Name: "Leere Strategie", Kurzname: "Leer",
		Horizonte: content.Horizonte{Leitbild: 2035, Ziele: 2030, Etappen: 2027}}, URL: "/strategien/leer/", Leitfaden: true}
	m, err := landkarte.ForStrategy(st, ident)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Nodes) != 6 || len(m.Edges) != 0 {
		t.Errorf("%d nodes, %d edges; want a placeholder for each of the 6 levels", len(m.Nodes), len(m.Edges))
	}
	if len(m.Missing) != 1 || !strings.Contains(m.Missing[0], "Leitbild, Handlungsfelder, strategische Ziele, Etappenziele, strategische Initiativen und Maßnahmen") {
		t.Errorf("missing: %q", m.Missing)
	}
	if !strings.Contains(string(m.SVG()), "Noch nicht veröffentlicht") {
		t.Error("the map does not say that nothing is published")
	}
}
