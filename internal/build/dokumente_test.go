package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/diag"
)

// TestDokumenteImBau builds the bundled site with a bigger Aktionsplan:
// the page and agenda.json show the size measured while building, the
// files are published beside the landing page, and the external
// yardsticks of Smart State appear without invented values.
func TestDokumenteImBau(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dir := filepath.Join(root, "content/strategien/beispiel-kommunen/dokumente")
	// 1,5 MB: the size on the page can only come from the file.
	zeile := "BSP-01;Schulung;Kommunale Digitalstrategien;fiktives Beispiel\n"
	csv := "ID;Maßnahme;Handlungsfeld;Hinweis\n" + strings.Repeat(zeile, 3<<19/len(zeile)+1)
	csv = csv[:3<<19]
	writeFile(t, filepath.Join(dir, "aktionsplan.csv"), csv)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)

	pdf, _ := os.ReadFile(filepath.Join(dir, "kurzfassung.pdf"))
	got, err := os.ReadFile(filepath.Join(dest, "strategien/beispiel-kommunen/dokumente/kurzfassung.pdf"))
	if err != nil || string(got) != string(pdf) {
		t.Errorf("PDF not published unchanged: %v", err)
	}
	if st, err := os.Stat(filepath.Join(dest, "strategien/beispiel-kommunen/dokumente/aktionsplan.csv")); err != nil || st.Size() != 3<<19 {
		t.Errorf("CSV not published: %v", err)
	}

	page := readOut(t, dest, "strategien/beispiel-kommunen/index.html")
	for _, want := range []string{
		`<h2 id="dokumente">Dokumente</h2>`,
		`<a href="#dokumente">Dokumente</a>`,
		`type="application/pdf">Kurzfassung der Strategie (fiktiv) <span class="dokument-format">(PDF, 1 KB)</span></a>`,
		`Aktionsplan: Liste der Maßnahmen (fiktiv) <span class="dokument-format">(CSV, 1,5 MB)</span></a>`,
		`Barrierefreiheit: teilweise barrierefrei. Die PDF-Datei hat`,
		`Barrierefreiheit: nicht barrierefrei.`,
		`Format und Größe sind nicht bekannt, weil die Datei nicht auf dieser Website liegt`,
		`<h2 id="externe-kennzahlen">Externe Kennzahlen</h2>`,
		`<caption id="extern-beispiel-kommunen-kommunal-digital-index-werte">Veröffentlichte Werte: Kommunal-Digital-Index (fiktiv)</caption>`,
		`<td>41,5 %</td><td>Kommunal-Digital-Index 2025 (fiktiv), Tabelle 3</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("example landing page lacks %q", want)
		}
	}

	smart := readOut(t, dest, "strategien/smart-state/index.html")
	for _, want := range []string{
		`<h2 id="externe-kennzahlen">Externe Kennzahlen</h2>`,
		`<h3 id="extern-smart-state-d21-digital-index">D21-Digital-Index (Digitalmonitor)</h3>`,
		`Bitkom-Länderindex`, `Dashboard Digitale Verwaltung`,
		`<strong>Noch kein Wert:</strong> Keine Quelle dieser Website nennt bisher einen Wert. Werte erscheinen jährlich in „D21-Digital-Index (Digitalmonitor)“ (Herausgeber: Initiative D21 e. V.).`,
		`<h2 id="dokumente">Dokumente</h2>`,
		`Auf dieser Website liegen zu dieser Strategie noch keine Dokumente zum Herunterladen.`,
	} {
		if !strings.Contains(smart, want) {
			t.Errorf("Smart State page lacks %q", want)
		}
	}
	if strings.Contains(smart, "<caption id=\"extern-smart-state") {
		t.Error("Smart State shows values no source gives")
	}

	ag := readOut(t, dest, "agenda/index.html")
	if !strings.Contains(ag, `<h2 id="externe-kennzahlen">Externe Kennzahlen</h2>`) || !strings.Contains(ag, "D21-Digital-Index") ||
		!strings.Contains(ag, `genannt in <a href=`) {
		t.Error("agenda lacks the external yardsticks of Smart State")
	}
	if strings.Contains(ag, "Kommunal-Digital-Index") {
		t.Error("the fictional yardstick counts into the agenda")
	}

	var doc struct {
		Dokumente []struct {
			ID, Strategie, Titel, Art, Sprache, URL string
			Format, MIME, Datum, Barrierefrei       *string
			Bytes                                   *int64
			Beispiel, Extern                        bool
		} `json:"dokumente"`
		Externe []struct {
			ID, Name, Herausgeber string
			URL                   *string
			Werte                 []struct {
				Datum  string
				Wert   float64
				Quelle string
			}
		} `json:"externe_indikatoren"`
	}
	if err := json.Unmarshal([]byte(readOut(t, dest, "daten/agenda.json")), &doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, d := range doc.Dokumente {
		switch d.ID {
		case "beispiel-kommunen/aktionsplan.csv":
			found++
			if d.Bytes == nil || *d.Bytes != 3<<19 || d.Format == nil || *d.Format != "CSV" || !d.Beispiel ||
				!strings.HasSuffix(d.URL, "/strategien/beispiel-kommunen/dokumente/aktionsplan.csv") || d.Sprache != "de" ||
				d.Datum == nil || *d.Datum != "2025-05-22" || d.Barrierefrei == nil || *d.Barrierefrei != "ja" {
				t.Errorf("agenda.json, Aktionsplan: %+v", d)
			}
		case "beispiel-kommunen/extern-fortschrittsbericht-2025-fiktiv":
			found++
			if !d.Extern || d.Bytes != nil || d.Format != nil || d.URL != "https://example.org/beispiel-kommunen/fortschrittsbericht-2025.pdf" {
				t.Errorf("agenda.json, external document: %+v", d)
			}
		}
	}
	if found != 2 {
		t.Errorf("agenda.json lists %d of 2 expected documents: %+v", found, doc.Dokumente)
	}
	ext := map[string]int{}
	for _, x := range doc.Externe {
		ext[x.ID] = len(x.Werte)
		if strings.HasPrefix(x.ID, "smart-state/") && x.URL != nil {
			t.Errorf("%s: a URL no source gives", x.ID)
		}
	}
	if n, ok := ext["smart-state/d21-digital-index"]; !ok || n != 0 {
		t.Errorf("agenda.json, D21: %v", ext)
	}
	if ext["beispiel-kommunen/kommunal-digital-index"] != 2 {
		t.Errorf("agenda.json, fictional yardstick: %v", ext)
	}
}

// TestDokumentFehler: a missing file, a file whose content does not fit
// its extension and a link out of the site folder each stop the build
// with a finding at file and line; the linked file is not published.
func TestDokumentFehler(t *testing.T) {
	root := copySite(t)
	dir := filepath.Join(root, "content/strategien/beispiel-kommunen")
	if err := os.Remove(filepath.Join(dir, "dokumente/kurzfassung.pdf")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "dokumente/aktionsplan.csv"), "%PDF-1.4\nkein CSV\n")
	geheim := filepath.Join(t.TempDir(), "geheim.txt")
	writeFile(t, geheim, marke+"\n")
	if err := os.Symlink(geheim, filepath.Join(dir, "dokumente/geheim.txt")); err != nil {
		t.Fatal(err)
	}
	// 51 MB without writing them: a sparse file behind a real PDF header.
	gross := filepath.Join(dir, "dokumente/gross.pdf")
	writeFile(t, gross, "%PDF-1.4\n")
	if err := os.Truncate(gross, 51<<20); err != nil {
		t.Fatal(err)
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "dokumente.toml"))
	writeFile(t, filepath.Join(dir, "dokumente.toml"), string(toml)+`
[[dokument]]
datei = "dokumente/geheim.txt"
titel = "Geheim"
art = "sonstiges"
barrierefrei = "ja"

[[dokument]]
datei = "dokumente/gross.pdf"
titel = "Groß"
art = "bericht"
barrierefrei = "ja"
`)
	dest := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if !errors.Is(err, ErrContent) {
		t.Fatalf("build did not stop: %v", err)
	}
	want := map[string]bool{
		"content/strategien/beispiel-kommunen/dokumente.toml:6 dokument-datei":     false, // missing
		"content/strategien/beispiel-kommunen/dokumente.toml:14 dokument-typ":      false, // PDF named .csv
		"content/strategien/beispiel-kommunen/dokumente/geheim.txt:0 verknuepfung": false, // link out of the site
		"content/strategien/beispiel-kommunen/dokumente.toml:36 dokument-groesse":  false, // over 50 MB
	}
	for _, d := range diags.Items() {
		if d.Severity != diag.Error {
			continue
		}
		key := fmt.Sprintf("%s:%d %s", d.Pos.File, d.Pos.Line, d.Rule)
		if _, ok := want[key]; ok {
			want[key] = true
			if d.Hint == "" {
				t.Errorf("%s without hint", key)
			}
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("finding %s missing:\n%s", k, printDiags(diags))
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("output written despite errors")
	}
}

func readOut(t *testing.T, dest, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
