package gencontent

import (
	"fmt"
	"hash/fnv"
	"math/rand"
	"strings"
)

// Body is the text of one generated measure, for benchmarks of a single
// Markdown text.
var Body = MeasureBody("K001-101", 1)

// MeasureBody is the Markdown text of the generated measure id of strategy
// copy k: its own text, 1–8 KB long, with headings, a list, a table,
// links within the site, footnotes and umlauts; one measure in five also
// links outside the site. Every text differs, as real ones do: a corpus
// of identical texts would let the Markdown cache render it once and hide
// the cost of parsing (issue 21). The same id gives the same text, so
// that benchmarks compare like with like.
func MeasureBody(id string, k int) string {
	h := fnv.New64a()
	h.Write([]byte(id))
	r := rand.New(rand.NewSource(int64(h.Sum64())))
	g := &bodyGen{r: r, id: id, k: k}
	target := 1024 + r.Intn(6*1024)

	var b strings.Builder
	g.paragraph(&b, 2+r.Intn(3))
	fmt.Fprintf(&b, "## %s\n\n", pick(r, headings))
	g.paragraph(&b, 3)
	g.list(&b)
	g.table(&b)
	for b.Len() < target {
		fmt.Fprintf(&b, "### %s\n\n", pick(r, headings))
		g.paragraph(&b, 2+r.Intn(4))
		if r.Intn(3) == 0 {
			g.list(&b)
		}
	}
	if r.Intn(5) == 0 {
		fmt.Fprintf(&b, "Weitere Informationen bietet [%s](https://%s/%s/%s).\n\n",
			pick(r, externalNames), pick(r, externalHosts), pick(r, externalPaths), strings.ToLower(id))
	}
	for i, n := range g.notes {
		fmt.Fprintf(&b, "[^%d]: %s\n", i+1, n)
	}
	return b.String()
}

type bodyGen struct {
	r     *rand.Rand
	id    string
	k     int
	notes []string
}

// paragraph writes n sentences, now and then with a link or a footnote.
func (g *bodyGen) paragraph(b *strings.Builder, n int) {
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(b, "%s %s %s", pick(g.r, subjects), pick(g.r, verbs), pick(g.r, objects))
		switch g.r.Intn(8) {
		case 0:
			fmt.Fprintf(b, " (siehe %s)", g.internalLink())
		case 1:
			g.notes = append(g.notes, fmt.Sprintf("%s %d, S. %d.", pick(g.r, sources), 2018+g.r.Intn(9), 3+g.r.Intn(180)))
			fmt.Fprintf(b, "[^%d]", len(g.notes))
		case 2:
			fmt.Fprintf(b, " bis %s%d", pick(g.r, quarters), 2026+g.r.Intn(5))
		}
		b.WriteByte('.')
	}
	b.WriteString("\n\n")
}

// internalLink links a page that exists in every generated site: the
// agenda, the measure's strategy or another generated measure of it.
func (g *bodyGen) internalLink() string {
	switch g.r.Intn(3) {
	case 0:
		return "[Digitale Agenda](/agenda/)"
	case 1:
		return fmt.Sprintf("[Strategie der Kopie %d](/strategien/beispiel-k%03d/)", g.k, g.k)
	}
	other := 101 + g.r.Intn(Extra)
	return fmt.Sprintf("[Maßnahme K%03d-%d](/massnahmen/k%03d-%d/)", g.k, other, g.k, other)
}

func (g *bodyGen) list(b *strings.Builder) {
	n := 3 + g.r.Intn(4)
	numbered := g.r.Intn(2) == 0
	for i := 1; i <= n; i++ {
		if numbered {
			fmt.Fprintf(b, "%d. ", i)
		} else {
			b.WriteString("- ")
		}
		fmt.Fprintf(b, "%s %s\n", pick(g.r, steps), pick(g.r, objects))
	}
	b.WriteString("\n")
}

func (g *bodyGen) table(b *strings.Builder) {
	b.WriteString("| Jahr | Kommunen | Verfahren | Anteil |\n|---|---:|---:|---:|\n")
	year := 2024 + g.r.Intn(3)
	for i := 0; i < 2+g.r.Intn(4); i++ {
		fmt.Fprintf(b, "| %d | %d | %d | %d %% |\n", year+i, 5+g.r.Intn(200), 1+g.r.Intn(40), g.r.Intn(101))
	}
	b.WriteString("\n")
}

func pick(r *rand.Rand, words []string) string { return words[r.Intn(len(words))] }

var (
	headings = []string{"Ausgangslage", "Ziele der Maßnahme", "Vorgehen", "Beteiligte Stellen", "Zeitplan",
		"Wirkung für Bürgerinnen und Bürger", "Finanzierung", "Risiken und Abhängigkeiten", "Erfahrungen aus Pilotkommunen",
		"Barrierefreiheit", "Datenschutz und Sicherheit", "Nächste Schritte", "Übergabe in den Regelbetrieb"}
	subjects = []string{"Die Kommunen in Thüringen", "Die Rechenzentren des Landes", "Die Landkreise", "Die beteiligten Ressorts",
		"Arbeitsgruppen der Spitzenverbände", "Die Ministerien des Freistaats", "Die Pilotkommunen",
		"Die Bürgerämter", "Externe Dienstleister", "Die Förderbanken", "Die Hochschulen des Freistaats",
		"Die Beschäftigten der Verwaltung", "Die Gremien des IT-Planungsrats", "Die kreisfreien Städte", "Ehrenamtliche Initiativen"}
	verbs = []string{"erproben gemeinsam", "führen schrittweise ein", "prüfen sorgfältig", "begleiten", "bündeln",
		"vereinfachen spürbar", "veröffentlichen regelmäßig", "gestalten nutzerfreundlich", "überführen", "bewerten jährlich",
		"planen gemeinsam", "schulen gezielt", "öffnen für Dritte", "dokumentieren nachvollziehbar"}
	objects = []string{"digitale Antragsverfahren", "Bescheide über das Servicekonto", "Auskünfte für Bürgerinnen und Bürger",
		"die elektronische Akte", "offene Daten zur Mobilität", "Glasfaseranschlüsse in ländlichen Räumen",
		"Fortbildungen für Führungskräfte", "barrierefreie Online-Formulare", "Schnittstellen zu Fachverfahren",
		"gemeinsame Plattformen der Länder", "Sensoren für Umweltdaten", "Beratungsangebote für Unternehmen",
		"Lernmanagementsysteme an Schulen", "die Ende-zu-Ende-Digitalisierung von Leistungen", "Videosprechstunden in Ämtern",
		"Regeln für Künstliche Intelligenz", "Übersetzungen in Leichte Sprache", "Prüfungen der IT-Sicherheit"}
	steps    = []string{"Bedarf erheben für", "Lösung auswählen für", "Einführung begleiten für", "Kosten schätzen für", "Nutzen messen für", "Erfahrungen teilen über"}
	quarters = []string{"Q1/", "Q2/", "Q3/", "Q4/", "Ende "}
	sources  = []string{"Landesprogramm Digitale Kommune", "Bericht des Rechnungshofs", "Evaluation der Pilotphase",
		"Umfrage unter Thüringer Kommunen", "Jahresbericht des Landesrechenzentrums", "Beschluss der Landesregierung"}
	externalNames = []string{"das Landesportal", "den Bund", "die Föderale IT-Kooperation", "das Open-Data-Portal", "die Aufbaubank"}
	externalHosts = []string{"www.thueringen.de", "www.digitale-verwaltung.de", "www.fitko.de", "opendata.thueringen.de", "www.aufbaubank.de"}
	externalPaths = []string{"themen/digitalisierung", "massnahmen", "projekte", "foerderung", "dokumente"}
)
