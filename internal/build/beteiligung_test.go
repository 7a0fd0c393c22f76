package build

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seite(t *testing.T, dest, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// inOrder reports the first of parts that does not follow the one before.
func inOrder(html string, parts ...string) string {
	pos := -1
	for _, p := range parts {
		i := strings.Index(html[pos+1:], p)
		if i < 0 {
			return p
		}
		pos += 1 + i
	}
	return ""
}

// The landing page lists decisions by date and links them from the phase
// block; contact and participation show upcoming formats (after the build
// date 23.11.2026) before past ones.
func TestBeschluesseUndBeteiligungAufDerLandingpage(t *testing.T) {
	dest, _ := buildBundled(t)
	bsp := seite(t, dest, "strategien/beispiel-kommunen/index.html")

	for _, want := range []string{`<a href="#beschluesse">Beschlüsse</a>`, `<a href="#beteiligung">Kontakt und Beteiligung</a>`,
		`<h2 id="beschluesse">Beschlüsse</h2>`, `<h2 id="beteiligung">Kontakt und Beteiligung</h2>`,
		`<a href="mailto:digitalstrategie-kommunen@example.org">`} {
		if !strings.Contains(bsp, want) {
			t.Errorf("Beispiel-Landingpage ohne %s", want)
		}
	}
	if miss := inOrder(bsp, `id="beschluss-2024-12-02"`, `id="beschluss-2025-03-13"`, `id="beschluss-2025-05-22"`,
		`id="beschluss-2025-05-22-2"`, `id="beschluss-2025-06-13"`, `id="beschluss-2026-07-15"`); miss != "" {
		t.Errorf("Beschlüsse nicht nach Datum: %s fehlt oder steht zu früh", miss)
	}
	// The phase block (before the section) links each decision of its phase.
	if miss := inOrder(bsp, `<ol class="phasen">`, `<a href="#beschluss-2025-03-13">Beschluss vom 13.03.2025</a>`,
		`<a href="#beschluss-2025-05-22-2">Beschluss vom 22.05.2025</a>`, `<a href="#beschluss-2025-06-13">Beschluss vom 13.06.2025</a>`,
		`<a href="#beschluss-2026-07-15">Beschluss vom 15.07.2026</a>`, `<h2 id="beschluesse">`); miss != "" {
		t.Errorf("Phasenblock verlinkt die Beschlüsse nicht: %s", miss)
	}
	if miss := inOrder(bsp, `<h2 id="beteiligung">`, `id="beteiligung-kommend"`,
		`Umfrage zur Zufriedenheit mit der Beratung`, `<time datetime="2027-03-04">04.03.2027</time>`,
		`id="beteiligung-vergangen"`, `Konsultation zum Leitfaden`, `Kickoff der Beispielstrategie`); miss != "" {
		t.Errorf("Beteiligung: kommende vor vergangenen Terminen, fehlt oder falsch: %s", miss)
	}

	// Real strategies: only what sources give, and the page says what is missing.
	egov := seite(t, dest, "strategien/e-government-it-2014/index.html")
	if !strings.Contains(egov, `<time datetime="2014-05">Mai 2014</time>`) || !strings.Contains(egov, "Gremium: Kabinett") {
		t.Error("2014: Beschluss vom Mai 2014 oder Kabinettsbeschluss fehlt")
	}
	ss := seite(t, dest, "strategien/smart-state/index.html")
	for _, want := range []string{"Für diese Strategie ist kein eigener Kontakt veröffentlicht. Federführend ist",
		`id="beteiligung-ohne-termin"`, "Dialog-Formate vor Ort in den Kommunen", `<time datetime="2026-02-18">18.02.2026</time>: Unterrichtung des Landtags`} {
		if !strings.Contains(ss, want) {
			t.Errorf("Smart State ohne %q", want)
		}
	}
	abschnitt := ss[strings.Index(ss, `id="beteiligung"`):]
	if abschnitt = abschnitt[:strings.Index(abschnitt, "</section>")]; strings.Contains(abschnitt, "mailto:") {
		t.Error("Smart State nennt eine Kontaktadresse, die keine Quelle belegt")
	}
	kultur := seite(t, dest, "strategien/kultur/index.html")
	for _, want := range []string{"Die veröffentlichten Quellen nennen keine datierten Beschlüsse",
		"Auch das federführende Ressort nennen die Quellen nicht.", "Termine für Veranstaltungen, Konsultationen oder Umfragen sind nicht veröffentlicht."} {
		if !strings.Contains(kultur, want) {
			t.Errorf("Kultur ohne %q", want)
		}
	}
}

// Upcoming participation formats are entries of the Atom feed, labelled
// as dates and, for the fictional example, as "Beispiel"; past ones are not.
func TestTermineImFeed(t *testing.T) {
	dest, _ := buildBundled(t)
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(seite(t, dest, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	var termine []string
	for _, e := range feed.Entries {
		if strings.Contains(e.Title, "Termin:") {
			termine = append(termine, e.Title)
			if !strings.HasPrefix(e.ID, "https://digital.thueringen.de/strategien/beispiel-kommunen/#beteiligung-") {
				t.Errorf("Termin-Eintrag zeigt nicht auf den Abschnitt: %s", e.ID)
			}
			if e.Updated != "2026-09-30T00:00:00Z" {
				t.Errorf("Termin-Eintrag %q: updated %s, erwartet den Stand von beteiligung.toml", e.Title, e.Updated)
			}
		}
		if strings.Contains(e.Title, "Kickoff der Beispielstrategie") {
			t.Errorf("vergangenes Format im Feed: %s", e.Title)
		}
	}
	want := []string{
		"Beispiel – Termin: Umfrage zur Zufriedenheit mit der Beratung (01.12.2026 bis 15.01.2027)",
		"Beispiel – Termin: Digitaltag der Kommunen: Zwischenbilanz der Umsetzung (04.03.2027)",
	}
	if strings.Join(termine, "\n") != strings.Join(want, "\n") {
		t.Errorf("Termine im Feed:\n%s\nerwartet:\n%s", strings.Join(termine, "\n"), strings.Join(want, "\n"))
	}
}
