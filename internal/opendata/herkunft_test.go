package opendata_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/opendata"
	"tdsite/internal/urlpath"
	pruefen "tdsite/internal/validate"
)

// testsite builds testdata/site on 23.11.2026: T-01 with an inferred status
// and milestones in every state, T-02 with a legacy status from January
// 2025 (stale), T-03 completed in 2024 (never stale).
func testsite(t *testing.T) (*agenda.Agenda, func(string) string) {
	t.Helper()
	const root = "testdata/site"
	cfg, diags := config.Load(root)
	cs, ld := content.Load(root)
	diags.Merge(ld)
	diags.Merge(pruefen.Check(cs))
	if cfg == nil || diags.HasErrors() {
		var b strings.Builder
		diags.Print(&b, false)
		t.Fatalf("Testseite fehlerhaft:\n%s", b.String())
	}
	m := model.Build(cs, cfg, markdown.New(false), datum.FromTime(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
	return agenda.Build(m), func(s string) string { return urlpath.Abs(cfg.BaseURL, s) }
}

func testdokument(t *testing.T) (a *agenda.Agenda, doc map[string]any, byID map[string]map[string]any) {
	t.Helper()
	a, abs := testsite(t)
	data, err := opendata.JSON(a, abs)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(opendata.Schema(abs), &schema); err != nil {
		t.Fatal(err)
	}
	var errs []string
	validate(schema, schema, doc, "agenda", &errs)
	for _, e := range errs {
		t.Error(e)
	}
	byID = map[string]map[string]any{}
	for _, m := range doc["massnahmen"].([]any) {
		byID[m.(map[string]any)["id"].(string)] = m.(map[string]any)
	}
	return a, doc, byID
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The current status carries its date, source and certainty; a stale one
// is marked and counted as stale.
func TestJSONHerkunftDesStatus(t *testing.T) {
	a, doc, m := testdokument(t)
	for _, c := range []struct{ id, feld, want string }{
		{"T-01", "status", `"laufend"`},
		{"T-01", "status_datum", `{"bis":"2026-09-30","text":"3. Quartal 2026","von":"2026-07-01"}`},
		{"T-01", "status_quelle", `"Zwischenbericht der Projektgruppe"`},
		{"T-01", "sicherheit", `"abgeleitet"`},
		{"T-01", "grund", `"aus den Meilensteinen abgeleitet: Ausschreibung veröffentlicht"`},
		{"T-01", "veraltet", `false`},
		{"T-02", "status", `"laufend"`},
		{"T-02", "status_datum", `{"bis":"2025-01-01","text":"01.01.2025","von":"2025-01-01"}`},
		{"T-02", "status_quelle", `"Aktionsplan 2024"`},
		{"T-02", "sicherheit", `null`},
		{"T-02", "grund", `null`},
		{"T-02", "veraltet", `true`},
		{"T-02", "verlauf", `[]`},
		{"T-03", "sicherheit", `"belegt"`},
		{"T-03", "status_quelle", `"Abschlussbericht"`},
		{"T-03", "veraltet", `false`},
	} {
		if got := jsonText(m[c.id][c.feld]); got != c.want {
			t.Errorf("%s.%s = %s, erwartet %s", c.id, c.feld, got, c.want)
		}
	}
	v := m["T-01"]["verlauf"].([]any)
	if len(v) != 2 {
		t.Fatalf("T-01: %d Einträge im Verlauf, erwartet 2", len(v))
	}
	for i, want := range []string{
		`{"datum":{"bis":"2026-03-01","text":"01.03.2026","von":"2026-03-01"},"grund":null,"notiz":"","quelle":"Aktionsplan 2026","sicherheit":"belegt","status":"geplant"}`,
		`{"datum":{"bis":"2026-09-30","text":"3. Quartal 2026","von":"2026-07-01"},"grund":"aus den Meilensteinen abgeleitet: Ausschreibung veröffentlicht","notiz":"","quelle":"Zwischenbericht der Projektgruppe","sicherheit":"abgeleitet","status":"laufend"}`,
	} {
		if got := jsonText(v[i]); got != want {
			t.Errorf("T-01.verlauf[%d] =\n%s\nerwartet\n%s", i, got, want)
		}
	}
	// The sums are the agenda's (the same as on its pages), with veraltet.
	status := doc["summen"].(map[string]any)["land"].(map[string]any)["massnahmen_nach_status"].(map[string]any)
	z := a.Land.Status
	if got, want := jsonText(status), jsonText(map[string]int{"geplant": z.Geplant, "laufend": z.Laufend,
		"umgesetzt": z.Umgesetzt, "ausgesetzt": z.Ausgesetzt, "veraltet": z.Veraltet}); got != want {
		t.Errorf("massnahmen_nach_status = %s, erwartet %s", got, want)
	}
}

// Milestones say what the source states and what the site shows today.
func TestJSONMeilensteine(t *testing.T) {
	_, _, m := testdokument(t)
	ms := m["T-01"]["meilensteine"].([]any)
	want := []struct{ text, status, zustand, stand, quelle string }{
		{"Ausschreibung veröffentlicht", "erreicht", "erreicht", "30.09.2026", "Vergabeplattform"},
		// open by a source of March, its date has passed since: not known today
		{"Zuschlag erteilt", "offen", "unbekannt", "01.03.2026", "Zwischenbericht der Projektgruppe"},
		{"Abnahme", "offen", "offen", "30.09.2026", "Zwischenbericht der Projektgruppe"},
		{"Konzept", "erreicht", "erreicht", "3. Quartal 2026", "Zwischenbericht der Projektgruppe"},
		{"Betrieb", "unbekannt", "unbekannt", "3. Quartal 2026", "Zwischenbericht der Projektgruppe"},
	}
	if len(ms) != len(want) {
		t.Fatalf("%d Meilensteine, erwartet %d", len(ms), len(want))
	}
	for i, w := range want {
		e := ms[i].(map[string]any)
		stand, _ := e["stand"].(map[string]any)
		if e["text"] != w.text || e["status"] != w.status || e["zustand"] != w.zustand || stand["text"] != w.stand ||
			e["quelle"] != w.quelle || e["erreicht"] != (w.status == "erreicht") {
			t.Errorf("Meilenstein %d: %s", i, jsonText(e))
		}
	}
}

// Each report names its cut-off and whether it was closed.
func TestJSONBerichtStichtag(t *testing.T) {
	_, doc, _ := testdokument(t)
	var got []string
	for _, r := range doc["fortschrittsberichte"].([]any) {
		e := r.(map[string]any)
		got = append(got, jsonText([]any{e["jahr"], e["stichtag"], e["abgeschlossen"], e["vorlaeufig"]}))
	}
	want := []string{`[2025,"2025-12-31",null,false]`, `[2026,"2026-09-30","2026-10-15",true]`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Berichte %v, erwartet %v", got, want)
	}
}

// massnahmen.csv keeps its columns and appends the origin of the status.
func TestCSVHerkunftDesStatus(t *testing.T) {
	a, abs := testsite(t)
	data, err := opendata.MassnahmenCSV(a, abs)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(string(data)))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(recs[0], ";")
	if !strings.HasSuffix(header, ";stand;url;status_datum;status_quelle;sicherheit;veraltet") {
		t.Errorf("Kopf %s", header)
	}
	got := map[string]string{}
	for _, rec := range recs[1:] {
		got[rec[0]] = strings.Join(rec[len(rec)-4:], ";")
	}
	for id, want := range map[string]string{
		"T-01": "2026-09-30;Zwischenbericht der Projektgruppe;abgeleitet;nein",
		"T-02": "2025-01-01;Aktionsplan 2024;;ja",
		"T-03": "2024-02-01;Abschlussbericht;belegt;nein",
	} {
		if got[id] != want {
			t.Errorf("%s: %q, erwartet %q", id, got[id], want)
		}
	}
}
