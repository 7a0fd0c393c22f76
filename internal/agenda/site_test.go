package agenda_test

// These tests build the bundled site and compare the agenda pages and open
// data with what the content files say. The expected figures are read from
// content/ here with a plain TOML parser, independently of the loader and
// the model, so a bug there cannot hide itself.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"tdsite/internal/build"
	"tdsite/internal/testkit"
)

var root = testkit.Root()

// --- the content, read independently ---------------------------------------

type cMassnahme struct {
	ID            string   `toml:"id"`
	Status        string   `toml:"status"`
	Stand         string   `toml:"stand"`
	Handlungsfeld string   `toml:"handlungsfeld"`
	Federfuehrung []string `toml:"federfuehrung"`
	Verlauf       []struct {
		Datum  string `toml:"datum"`
		Status string `toml:"status"`
	} `toml:"verlauf"`
	Strategie string `toml:"-"`
	Beispiel  bool   `toml:"-"`
	Zaehl     string `toml:"-"` // the status it counts under: its status, or "veraltet"
}

// endeVon is the last day a date of the content covers, for the forms the
// bundled content uses ("22.05.2025", "Oktober 2020", "Q3/2025", "2019").
func endeVon(t *testing.T, s string) time.Time {
	t.Helper()
	if d, err := time.Parse("02.01.2006", s); err == nil {
		return d
	}
	var q, y int
	if n, _ := fmt.Sscanf(s, "Q%d/%d", &q, &y); n == 2 {
		return time.Date(y, time.Month(3*q+1), 0, 0, 0, 0, 0, time.UTC)
	}
	monate := []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
	for i, m := range monate {
		if n, _ := fmt.Sscanf(strings.TrimPrefix(s, m+" "), "%d", &y); strings.HasPrefix(s, m+" ") && n == 1 {
			return time.Date(y, time.Month(i+2), 0, 0, 0, 0, 0, time.UTC)
		}
	}
	if y, err := strconv.Atoi(s); err == nil {
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	t.Fatalf("Datum %q: Form unbekannt", s)
	return time.Time{}
}

// zaehlstatus applies the staleness rule of "Stand und Herkunft" on the
// build day: the last entry is the status; older than 180 days it counts as
// "veraltet", unless it is "umgesetzt".
func (m *cMassnahme) zaehlstatus(t *testing.T, heute time.Time) {
	datum := m.Stand
	if n := len(m.Verlauf); n > 0 {
		m.Status, datum = m.Verlauf[n-1].Status, m.Verlauf[n-1].Datum
	}
	m.Zaehl = m.Status
	if m.Status != "umgesetzt" && (datum == "" || endeVon(t, datum).AddDate(0, 0, 180).Before(heute)) {
		m.Zaehl = "veraltet"
	}
}

type cStrategie struct {
	Beispiel       bool     `toml:"beispiel"`
	Art            string   `toml:"art"`
	Vorgaenger     []string `toml:"vorgaenger"`
	AbgeloestDurch string   `toml:"abgeloest_durch"`
}

type inhalt struct {
	massnahmen                              []cMassnahme
	strategien                              map[string]cStrategie
	ressorts                                map[string]bool
	messwerte                               map[string]float64 // "<slug>/<ziel>/<YYYY-MM-DD>" → value
	beispieleEinrechnen, fruehereEinrechnen bool
}

func frontMatter(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(data), "+++", 3)
	if len(parts) < 3 {
		t.Fatalf("%s: kein TOML-Kopf", file)
	}
	if _, err := toml.Decode(parts[1], v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

var (
	inhaltOnce sync.Once
	inhaltVal  inhalt
)

func leseInhalt(t *testing.T) inhalt {
	inhaltOnce.Do(func() {
		in := inhalt{strategien: map[string]cStrategie{}, ressorts: map[string]bool{}, messwerte: map[string]float64{}}
		var cfg struct {
			Agenda struct {
				Beispiele *bool `toml:"beispiele_einrechnen"`
				Fruehere  *bool `toml:"fruehere_fassungen_einrechnen"`
			} `toml:"agenda"`
		}
		if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &cfg); err != nil {
			t.Fatal(err)
		}
		if b := cfg.Agenda.Beispiele; b != nil {
			in.beispieleEinrechnen = *b
		}
		if b := cfg.Agenda.Fruehere; b != nil {
			in.fruehereEinrechnen = *b
		}
		var akteure struct {
			Ressort []struct{ Kuerzel string } `toml:"ressort"`
		}
		if _, err := toml.DecodeFile(filepath.Join(root, "content/akteure.toml"), &akteure); err != nil {
			t.Fatal(err)
		}
		for _, r := range akteure.Ressort {
			in.ressorts[r.Kuerzel] = true
		}
		dirs, _ := filepath.Glob(filepath.Join(root, "content/strategien/*/strategie.md"))
		for _, f := range dirs {
			var s cStrategie
			frontMatter(t, f, &s)
			in.strategien[filepath.Base(filepath.Dir(f))] = s
		}
		for slug, s := range in.strategien {
			files, _ := filepath.Glob(filepath.Join(root, "content/strategien", slug, "massnahmen/*.md"))
			for _, f := range files {
				var m cMassnahme
				frontMatter(t, f, &m)
				m.Strategie, m.Beispiel = slug, s.Beispiel
				m.zaehlstatus(t, testkit.Date)
				in.massnahmen = append(in.massnahmen, m)
			}
			var mw struct {
				Messwert []struct {
					Ziel  string  `toml:"ziel"`
					Datum string  `toml:"datum"`
					Wert  float64 `toml:"wert"`
				} `toml:"messwert"`
			}
			if _, err := toml.DecodeFile(filepath.Join(root, "content/strategien", slug, "messwerte.toml"), &mw); err == nil {
				for _, m := range mw.Messwert {
					d, err := time.Parse("02.01.2006", m.Datum)
					if err != nil {
						t.Fatalf("%s: Datum %q", slug, m.Datum)
					}
					in.messwerte[slug+"/"+m.Ziel+"/"+d.Format("2006-01-02")] = m.Wert
				}
			}
		}
		inhaltVal = in
	})
	return inhaltVal
}

// abgeloest reports whether another strategy supersedes slug.
func (in inhalt) abgeloest(slug string) bool {
	if in.strategien[slug].AbgeloestDurch != "" {
		return true
	}
	for _, s := range in.strategien {
		for _, v := range s.Vorgaenger {
			if v == slug {
				return true
			}
		}
	}
	return false
}

// inAgenda reports whether a measure appears in the agenda at all:
// superseded strategies are left out unless the config counts them.
func (in inhalt) inAgenda(m cMassnahme) bool {
	return in.fruehereEinrechnen || !in.abgeloest(m.Strategie)
}

// imLand reports whether a measure counts in the state totals.
func (in inhalt) imLand(m cMassnahme) bool {
	return (!m.Beispiel || in.beispieleEinrechnen) && (in.fruehereEinrechnen || !in.abgeloest(m.Strategie))
}

func zaehle(list []cMassnahme, keep func(cMassnahme) bool) map[string]int {
	out := map[string]int{}
	for _, m := range list {
		if keep(m) {
			out[m.Zaehl]++
		}
	}
	return out
}

// --- the built site ----------------------------------------------------------

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
)

func gebaut(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tdsite-agenda-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(dir, "public")
		_, diags, err := build.Run(context.Background(), build.Options{Source: root, Dest: siteDir, BuildDate: testkit.Date})
		if err != nil {
			var b strings.Builder
			diags.Print(&b, false)
			siteErr = err
			siteDir = b.String()
		}
	})
	if siteErr != nil {
		t.Fatalf("Build: %v\n%s", siteErr, siteDir)
	}
	return siteDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if siteDir != "" && siteErr == nil {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

func lies(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(gebaut(t), rel))
	if err != nil {
		t.Fatalf("fehlt: %s", rel)
	}
	return string(data)
}

var reMassnahme = regexp.MustCompile(`data-massnahme="([^"]+)"`)

// ids returns the measure IDs listed in html (table rows), in order.
func ids(html string) []string {
	var out []string
	for _, m := range reMassnahme.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// tabelle returns the HTML of the table with the given id.
func tabelle(t *testing.T, html, id string) string {
	t.Helper()
	i := strings.Index(html, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(html[i:], "</table>")
	return html[i : i+j]
}

func gleicheMenge(t *testing.T, what string, got []string, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, g := range got {
		seen[g]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s: %s steht %d-mal da", what, id, n)
		}
	}
	sort.Strings(want)
	g := append([]string(nil), got...)
	sort.Strings(g)
	if strings.Join(g, ",") != strings.Join(want, ",") {
		t.Errorf("%s:\n bekommen %v\n erwartet %v", what, g, want)
	}
}

// --- tests -------------------------------------------------------------------

// TestKatalog2020 checks the headline figure: all 75 measures of the 2020
// catalogue appear exactly once on /agenda/massnahmen/, with the status
// counts of the content on the overview.
func TestKatalog2020(t *testing.T) {
	in := leseInhalt(t)
	var katalog []string
	for _, m := range in.massnahmen {
		if m.Strategie == "digitale-gesellschaft" {
			katalog = append(katalog, m.ID)
		}
	}
	if len(katalog) != 75 {
		t.Fatalf("der Maßnahmenkatalog 2020 hat %d statt 75 Dateien", len(katalog))
	}
	alle := ids(tabelle(t, lies(t, "agenda/massnahmen/index.html"), "tabelle-massnahmen"))
	var ausKatalog []string
	var erwartetAlle []string
	for _, m := range in.massnahmen {
		if in.inAgenda(m) {
			erwartetAlle = append(erwartetAlle, m.ID)
		}
	}
	set := map[string]bool{}
	for _, id := range katalog {
		set[id] = true
	}
	for _, id := range alle {
		if set[id] {
			ausKatalog = append(ausKatalog, id)
		}
	}
	gleicheMenge(t, "Katalog 2020 auf /agenda/massnahmen/", ausKatalog, katalog)
	gleicheMenge(t, "alle Maßnahmen auf /agenda/massnahmen/", alle, erwartetAlle)

	// The strategy's row on the overview: measures, geplant, laufend, umgesetzt, ausgesetzt, veraltet.
	want := zaehle(in.massnahmen, func(m cMassnahme) bool { return m.Strategie == "digitale-gesellschaft" })
	zeile := zeileVon(t, lies(t, "agenda/index.html"), `href="/strategien/digitale-gesellschaft/"`)
	if len(zeile) < 6 || zeile[0] != 75 || zeile[1] != want["geplant"] || zeile[2] != want["laufend"] ||
		zeile[3] != want["umgesetzt"] || zeile[4] != want["ausgesetzt"] || zeile[5] != want["veraltet"] {
		t.Errorf("Zeile der Strategie 2020 auf /agenda/: %v, erwartet 75 und %v", zeile, want)
	}
}

var reZahl = regexp.MustCompile(`<td class="zahl">\s*(\d+)\s*</td>`)

// zeileVon returns the numbers of the table row that contains marker.
func zeileVon(t *testing.T, html, marker string) []int {
	t.Helper()
	i := strings.Index(html, marker)
	if i < 0 {
		t.Fatalf("%s fehlt", marker)
	}
	j := strings.Index(html[i:], "</tr>")
	var out []int
	for _, m := range reZahl.FindAllStringSubmatch(html[i:i+j], -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// TestSummen checks the state totals and the status table on /agenda/.
func TestSummen(t *testing.T) {
	in := leseInhalt(t)
	want := zaehle(in.massnahmen, in.imLand)
	html := lies(t, "agenda/index.html")
	status := tabelle(t, html, "status") // the first status table follows the heading #status
	if status == "" {
		t.Fatal("Statustabelle fehlt")
	}
	total := 0
	for _, s := range []string{"geplant", "laufend", "umgesetzt", "ausgesetzt", "veraltet"} {
		got := zeileVon(t, status, `href="/agenda/status/`+s+`/"`)
		if len(got) == 0 || got[0] != want[s] {
			t.Errorf("Status %s auf /agenda/: %v, erwartet %d", s, got, want[s])
		}
		total += want[s]
	}
	if got := zeileVon(t, html, "Summe des Landes"); len(got) == 0 || got[0] != total {
		t.Errorf("Summe des Landes: %v, erwartet %d", got, total)
	}
	if !strings.Contains(html, "Fiktives Beispiel") || !strings.Contains(html, "nicht in den Summen") {
		t.Error("/agenda/ kennzeichnet das fiktive Beispiel nicht")
	}
}

// TestFacetten checks that every facet page lists exactly its measures:
// state measures in one table, fictional ones in another.
func TestFacetten(t *testing.T) {
	in := leseInhalt(t)
	pruefe := func(page string, keep func(cMassnahme) bool) {
		t.Helper()
		html := lies(t, page)
		var land, bsp []string
		for _, m := range in.massnahmen {
			switch {
			case !keep(m) || !in.inAgenda(m):
			case in.imLand(m):
				land = append(land, m.ID)
			default:
				bsp = append(bsp, m.ID)
			}
		}
		gleicheMenge(t, page+" (Land)", ids(tabelle(t, html, "tabelle-land")), land)
		gleicheMenge(t, page+" (Beispiel)", ids(tabelle(t, html, "tabelle-beispiel")), bsp)
		if len(ids(html)) != len(land)+len(bsp) {
			t.Errorf("%s listet %d Maßnahmen, erwartet %d", page, len(ids(html)), len(land)+len(bsp))
		}
	}
	hfs := map[string]bool{}
	kuerzel := map[string]bool{}
	for _, m := range in.massnahmen {
		if !in.inAgenda(m) {
			continue
		}
		if m.Handlungsfeld != "" {
			hfs[m.Handlungsfeld] = true
		}
		for _, f := range m.Federfuehrung {
			if in.ressorts[f] {
				kuerzel[f] = true
			}
		}
	}
	n := 0
	for hf := range hfs {
		pruefe("agenda/handlungsfelder/"+hf+"/index.html", func(m cMassnahme) bool { return m.Handlungsfeld == hf })
		n++
	}
	for k := range kuerzel {
		pruefe("agenda/ressorts/"+strings.ToLower(k)+"/index.html", func(m cMassnahme) bool {
			for _, f := range m.Federfuehrung {
				if f == k {
					return true
				}
			}
			return false
		})
		n++
	}
	for _, s := range []string{"geplant", "laufend", "umgesetzt", "ausgesetzt", "veraltet"} {
		pruefe("agenda/status/"+s+"/index.html", func(m cMassnahme) bool { return m.Zaehl == s })
		n++
	}
	// Measures no Ressort leads are listed once on the Ressort overview.
	var andere []string
	for _, m := range in.massnahmen {
		ressort := false
		for _, f := range m.Federfuehrung {
			ressort = ressort || in.ressorts[f]
		}
		if !ressort && in.imLand(m) {
			andere = append(andere, m.ID)
		}
	}
	gleicheMenge(t, "Federführung bei anderen Stellen", ids(tabelle(t, lies(t, "agenda/ressorts/index.html"), "tabelle-andere")), andere)
	if n < 30 {
		t.Errorf("nur %d Facettenseiten geprüft", n)
	}
}

// --- open data ---------------------------------------------------------------

type jsonAgenda struct {
	Summen struct {
		Land struct {
			Massnahmen int            `json:"massnahmen"`
			Status     map[string]int `json:"massnahmen_nach_status"`
		} `json:"land"`
		Beispiel *struct {
			Massnahmen int `json:"massnahmen"`
		} `json:"beispiel"`
	} `json:"summen"`
	Massnahmen []struct {
		ID, Status, Strategie string
		Beispiel              bool
		URL                   string
	} `json:"massnahmen"`
	Ziele []struct {
		ID       string   `json:"id"`
		Zielwert *float64 `json:"zielwert"`
		Basis    *struct {
			Wert float64 `json:"wert"`
		} `json:"basis"`
	} `json:"ziele"`
	Messwerte []struct {
		ID   string  `json:"id"`
		Wert float64 `json:"wert"`
	} `json:"messwerte"`
}

func leseCSV(t *testing.T, rel string) (header []string, rows []map[string]string) {
	t.Helper()
	data := []byte(lies(t, rel))
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Errorf("%s beginnt mit einer Byte-Order-Mark", rel)
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Errorf("%s hat keine CRLF-Zeilenenden", rel)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s lässt sich nicht lesen: %v", rel, err)
	}
	header = all[0]
	for _, rec := range all[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return header, rows
}

func dezimal(t *testing.T, s string) float64 {
	t.Helper()
	if strings.Contains(s, ".") {
		t.Errorf("„%s“: Dezimalpunkt statt Komma", s)
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		t.Errorf("„%s“ ist keine Zahl", s)
	}
	return v
}

// TestOffeneDaten checks that agenda.json and the CSV files parse and carry
// the same measures, statuses, goals and measurements as the content.
func TestOffeneDaten(t *testing.T) {
	in := leseInhalt(t)
	var j jsonAgenda
	if err := json.Unmarshal([]byte(lies(t, "daten/agenda.json")), &j); err != nil {
		t.Fatalf("agenda.json: %v", err)
	}
	want := zaehle(in.massnahmen, in.imLand)
	for s, n := range want {
		if j.Summen.Land.Status[s] != n {
			t.Errorf("agenda.json summen.land %s = %d, erwartet %d", s, j.Summen.Land.Status[s], n)
		}
	}
	inAgenda := 0
	for _, m := range in.massnahmen {
		if in.inAgenda(m) {
			inAgenda++
		}
	}
	if len(j.Massnahmen) != inAgenda {
		t.Errorf("agenda.json: %d Maßnahmen, erwartet %d", len(j.Massnahmen), inAgenda)
	}
	byID := map[string]cMassnahme{}
	for _, m := range in.massnahmen {
		byID[m.ID] = m
	}
	for _, m := range j.Massnahmen {
		c, ok := byID[m.ID]
		if !ok || c.Status != m.Status || c.Strategie != m.Strategie || c.Beispiel != m.Beispiel {
			t.Errorf("agenda.json: Maßnahme %s passt nicht zum Inhalt (%+v)", m.ID, m)
		}
		if !strings.HasPrefix(m.URL, "https://") {
			t.Errorf("agenda.json: Maßnahme %s hat keine absolute Adresse: %s", m.ID, m.URL)
		}
	}
	if len(j.Messwerte) != len(in.messwerte) {
		t.Errorf("agenda.json: %d Messwerte, erwartet %d", len(j.Messwerte), len(in.messwerte))
	}
	for _, m := range j.Messwerte {
		if v, ok := in.messwerte[m.ID]; !ok || v != m.Wert {
			t.Errorf("agenda.json: Messwert %s = %v, im Inhalt %v (%v)", m.ID, m.Wert, v, ok)
		}
	}

	header, rows := leseCSV(t, "daten/massnahmen.csv")
	if header[0] != "id" || len(rows) != inAgenda {
		t.Errorf("massnahmen.csv: Kopf %v, %d Zeilen, erwartet %d", header, len(rows), inAgenda)
	}
	csvStatus := map[string]int{}
	for _, r := range rows {
		c := byID[r["id"]]
		if r["status"] != c.Status || (r["beispiel"] == "ja") != c.Beispiel {
			t.Errorf("massnahmen.csv: Zeile %s passt nicht zum Inhalt", r["id"])
		}
		if (r["veraltet"] == "ja") != (c.Zaehl == "veraltet") {
			t.Errorf("massnahmen.csv: Zeile %s: veraltet = %q, nach Inhalt und Stichtag %q", r["id"], r["veraltet"], c.Zaehl)
		}
		if in.imLand(c) {
			csvStatus[c.Zaehl]++
		}
	}
	for s, n := range want {
		if csvStatus[s] != n {
			t.Errorf("massnahmen.csv: %d × %s, erwartet %d", csvStatus[s], s, n)
		}
	}

	_, rows = leseCSV(t, "daten/messwerte.csv")
	if len(rows) != len(in.messwerte) {
		t.Errorf("messwerte.csv: %d Zeilen, erwartet %d", len(rows), len(in.messwerte))
	}
	for _, r := range rows {
		if v := dezimal(t, r["wert"]); v != in.messwerte[r["id"]] {
			t.Errorf("messwerte.csv: %s = %v, im Inhalt %v", r["id"], v, in.messwerte[r["id"]])
		}
		if r["plan_wert"] != "" {
			dezimal(t, r["plan_wert"])
		}
	}

	_, rows = leseCSV(t, "daten/ziele.csv")
	if len(rows) != len(j.Ziele) {
		t.Errorf("ziele.csv: %d Zeilen, agenda.json: %d Ziele", len(rows), len(j.Ziele))
	}
	ziele := map[string]int{}
	for i, z := range j.Ziele {
		ziele[z.ID] = i
	}
	for _, r := range rows {
		z := j.Ziele[ziele[r["id"]]]
		if z.Zielwert != nil && dezimal(t, r["zielwert"]) != *z.Zielwert {
			t.Errorf("ziele.csv: Zielwert von %s weicht von agenda.json ab", r["id"])
		}
		if z.Basis != nil && dezimal(t, r["basis_wert"]) != z.Basis.Wert {
			t.Errorf("ziele.csv: Ausgangswert von %s weicht von agenda.json ab", r["id"])
		}
	}

	// The agenda page links every file and names the licence.
	html := lies(t, "agenda/index.html")
	for _, f := range []string{"agenda.json", "agenda.schema.json", "massnahmen.csv", "ziele.csv", "messwerte.csv"} {
		if !strings.Contains(html, `href="/daten/`+f+`"`) {
			t.Errorf("/agenda/ verlinkt /daten/%s nicht", f)
		}
	}
	if !strings.Contains(html, "dl-de/by-2-0") {
		t.Error("/agenda/ nennt die Lizenz der Daten nicht")
	}
}

// TestDiagrammeUndTabellen checks that every chart is an accessible image
// with title and description and sits next to a table with its values.
func TestDiagrammeUndTabellen(t *testing.T) {
	html := lies(t, "agenda/indikatoren/beispiel-kommunen/index.html")
	svgs := regexp.MustCompile(`<svg class="diagramm" role="img" aria-labelledby="([^" ]+) ([^"]+)"`).FindAllStringSubmatch(html, -1)
	if len(svgs) < 10 {
		t.Fatalf("nur %d Diagramme", len(svgs))
	}
	for _, m := range svgs {
		for _, id := range m[1:] {
			if !strings.Contains(html, `id="`+id+`"`) {
				t.Errorf("Diagramm verweist auf fehlende id %s", id)
			}
		}
	}
	if n := strings.Count(html, "<caption>Werte zu "); n != 14 {
		t.Errorf("%d Wertetabellen, erwartet 14 (eine je messbarem Ziel)", n)
	}
}
