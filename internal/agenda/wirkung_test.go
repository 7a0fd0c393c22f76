package agenda_test

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// cWirkung is wirkung.toml, read independently of the loader.
type cWirkung struct {
	Wirkungsmessung []struct {
		Datum    string `toml:"datum"`
		Zielset  string `toml:"zielset"`
		Methode  string `toml:"methode"`
		Naechste string `toml:"naechste"`
	} `toml:"wirkungsmessung"`
}

// abschnitt returns the landing page section with the given heading id.
func abschnitt(html, id string) string {
	i := strings.Index(html, `<section aria-labelledby="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(html[i:], "</section>")
	return html[i : i+j]
}

// TestWirkungsmessung follows the impact assessments of the bundled content
// from wirkung.toml to the landing page, the progress report and agenda.json.
func TestWirkungsmessung(t *testing.T) {
	// Which strategies have a wirkung.toml, and what it says.
	dateien, _ := filepath.Glob(filepath.Join(root, "content", "strategien", "*", "wirkung.toml"))
	want := map[string]cWirkung{}
	for _, f := range dateien {
		var w cWirkung
		if _, err := toml.DecodeFile(f, &w); err != nil {
			t.Fatal(err)
		}
		want[filepath.Base(filepath.Dir(f))] = w
	}
	bsp, ok := want["beispiel-kommunen"]
	if !ok || len(bsp.Wirkungsmessung) < 1 {
		t.Fatal("das fiktive Beispiel braucht Wirkungsmessungen")
	}
	if len(want) != 1 {
		t.Errorf("Wirkungsmessungen stehen bei %d Strategien; die Quellen der echten Strategien nennen keine", len(want))
	}

	// Landing page of the example: every assessment, the latest first, and when the next is due.
	page := lies(t, "strategien/beispiel-kommunen/index.html")
	sec := abschnitt(page, "wirkungsmessung")
	if sec == "" || !strings.Contains(page, `<a href="#wirkungsmessung">Wirkungsmessung</a>`) {
		t.Fatal("Landingpage des Beispiels: Abschnitt „Wirkungsmessung“ oder Eintrag in „Auf dieser Seite“ fehlt")
	}
	daten := []string{}
	for _, m := range bsp.Wirkungsmessung {
		daten = append(daten, m.Datum)
		if !strings.Contains(sec, m.Methode) {
			t.Errorf("Methode der Messung vom %s fehlt", m.Datum)
		}
	}
	sort.Slice(daten, func(i, j int) bool { return tag(t, daten[i]).After(tag(t, daten[j])) })
	if !strings.Contains(sec, "Letzte Messung</dt><dd><a href=\"#wirkung-"+tag(t, daten[0]).Format("2006-01-02")) {
		t.Errorf("„Letzte Messung“ nennt nicht die vom %s", daten[0])
	}
	for _, m := range bsp.Wirkungsmessung {
		due := m.Naechste
		if due == "" {
			due = tag(t, m.Datum).AddDate(2, 0, 0).Format("02.01.2006")
		}
		if !strings.Contains(sec, "fällig am <time datetime=\""+tag(t, due).Format("2006-01-02")+"\">"+due) {
			t.Errorf("Messung vom %s: Fälligkeit %s fehlt", m.Datum, due)
		}
	}
	if strings.Contains(sec, "überfällig") {
		t.Error("zum Stand der Tests ist keine Wirkungsmessung des Beispiels überfällig")
	}

	// Real strategies that follow the Leitfaden say plainly that none is published;
	// older strategies and frameworks have no such section.
	for slug, zeigt := range map[string]bool{"kultur": true, "smart-cities": true, "digitale-gesellschaft": false, "smart-state": false} {
		sec := abschnitt(lies(t, "strategien/"+slug+"/index.html"), "wirkungsmessung")
		switch {
		case zeigt && !strings.Contains(sec, "Eine Wirkungsmessung ist noch nicht veröffentlicht; der Leitfaden sieht sie alle zwei Jahre vor"):
			t.Errorf("%s: der Hinweis auf die fehlende Wirkungsmessung fehlt", slug)
		case !zeigt && sec != "":
			t.Errorf("%s: folgt nicht dem Leitfaden, hat aber einen Abschnitt „Wirkungsmessung“", slug)
		}
	}

	// Progress reports list the assessments dated in their period.
	for _, jahr := range []int{2025, 2026} {
		html := lies(t, "agenda/fortschrittsbericht/"+itoa(jahr)+"/index.html")
		i := strings.Index(html, `id="bericht-beispiel-kommunen"`)
		if i < 0 {
			t.Fatalf("Bericht %d: Abschnitt des Beispiels fehlt", jahr)
		}
		teil := html[i:]
		if k := strings.Index(teil, `<section class="bericht-strategie"`); k > 0 {
			teil = teil[:k] // up to the next strategy
		}
		for _, d := range daten {
			drin := tag(t, d).Year() == jahr && !tag(t, d).After(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC))
			if got := strings.Contains(teil, `#wirkung-`+tag(t, d).Format("2006-01-02")); got != drin {
				t.Errorf("Bericht %d, Wirkungsmessung vom %s: aufgeführt = %v, erwartet %v", jahr, d, got, drin)
			}
		}
	}

	// Open data: one entry per assessment, marked as fictional.
	var j struct {
		Wirkungsmessungen []struct {
			ID, Strategie, Datum, Naechste string
			Zielset                        *string
			Beispiel                       bool
			NaechsteAbgeleitet             bool `json:"naechste_abgeleitet"`
		} `json:"wirkungsmessungen"`
	}
	if err := json.Unmarshal([]byte(lies(t, "daten/agenda.json")), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Wirkungsmessungen) != len(bsp.Wirkungsmessung) {
		t.Fatalf("agenda.json: %d Wirkungsmessungen, erwartet %d", len(j.Wirkungsmessungen), len(bsp.Wirkungsmessung))
	}
	for _, m := range bsp.Wirkungsmessung {
		id := "beispiel-kommunen/" + tag(t, m.Datum).Format("2006-01-02")
		if m.Zielset != "" {
			id += "/" + m.Zielset
		}
		found := false
		for _, e := range j.Wirkungsmessungen {
			if e.ID != id {
				continue
			}
			found = true
			if !e.Beispiel || e.Strategie != "beispiel-kommunen" || e.NaechsteAbgeleitet != (m.Naechste == "") {
				t.Errorf("agenda.json %s: %+v", id, e)
			}
			if (m.Zielset == "") != (e.Zielset == nil) || e.Zielset != nil && *e.Zielset != "beispiel-kommunen/"+m.Zielset {
				t.Errorf("agenda.json %s: zielset %v", id, e.Zielset)
			}
		}
		if !found {
			t.Errorf("agenda.json: %s fehlt", id)
		}
	}
}

func tag(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("02.01.2006", s)
	if err != nil {
		t.Fatalf("kein genaues Datum: %q", s)
	}
	return d
}

func itoa(n int) string { return strconv.Itoa(n) }
