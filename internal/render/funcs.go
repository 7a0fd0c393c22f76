package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"tdsite/internal/chart"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/fahrplan"
	"tdsite/internal/landkarte"
	"tdsite/internal/model"
	"tdsite/internal/urlpath"
)

// Funcs returns the template functions. baseURL decides the path prefix of
// internal links, so a site can live in a sub-directory of a server.
func Funcs(baseURL string) template.FuncMap {
	link := urlpath.Link(baseURL)
	abs := func(p string) string { return urlpath.Abs(baseURL, p) }
	return template.FuncMap{
		// Strategy maps (internal/landkarte): full, for the landing page, all of Thuringia.
		"strategiekarte": func(st *model.Strategie) (*landkarte.Map, error) { return landkarte.ForStrategy(st, link) },
		"strategiekarteEinbettung": func(st *model.Strategie) (*landkarte.Map, error) {
			return landkarte.Embedded(st, link)
		},
		// Umsetzungsfahrplan (internal/fahrplan): the drawing of a roadmap.
		"fahrplansvg": func(f *fahrplan.Fahrplan) template.HTML { return f.SVG(link) },
		"strategiefahrplan": func(st *model.Strategie, s *model.Site) *fahrplan.Fahrplan {
			return fahrplan.FuerStrategie(st, s.BuildDate.Start())
		},
		"thueringenkarte": func(s *model.Site) (*landkarte.Map, error) { return landkarte.Thueringen(s, link) },
		// url makes a site path ("/strategien/x/") into a link with the base path.
		"url": link,
		// absurl makes an absolute URL (sitemap, feed, canonical link).
		"absurl":      abs,
		"diagramm":    func(z *model.Ziel) *chart.Diagramm { return chart.Indikator(z, Wert) },
		"werttabelle": func(z *model.Ziel) []chart.Zeile { return chart.Tabelle(z, Wert) },
		"vorzeichen":  Vorzeichen,
		"datum":       FormatDatum,
		"iso": func(d datum.Datum) string {
			return d.ISO()
		},
		"zahl":        Zahl,
		"wert":        Wert,
		"plural":      Plural,
		"prozent":     func(v float64) string { return Zahl(math.Round(v*1000)/10) + " %" },
		"abbr":        Abbr,
		"akteure":     Akteure,
		"add":         func(a, b int) int { return a + b },
		"sub":         func(a, b int) int { return a - b },
		"pct":         func(part, total int) int { return Percent(part, total) },
		"dict":        dict,
		"list":        func(v ...any) []any { return v },
		"lower":       strings.ToLower,
		"bewertung":   func(b string) string { return model.BewertungLabel[b] },
		"rollenname":  RollenName,
		"markiert":    Markiert,
		"platzhalter": func(s string) bool { return len(content.Platzhalter(s)) > 0 },
		// anker makes an HTML id from German text: "Maßnahmen im …" → "massnahmen-im-…".
		"anker":    content.Slugify,
		"join":     strings.Join,
		"contains": strings.Contains,
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"strategiekarteBaum":    kartenBaum(link),     // funcs_karte.go
		"fahrplanZeilen":        fahrplanZeilen(link), // funcs_karte.go
		"strategiekarteWeitere": kartenWeitere(link),  // funcs_karte.go
		"agendazeile":           agendaZeile(link),
		"massnahmenzeile":       massnahmenZeile(link),  // funcs_strategie.go
		"stuecke":               Stuecke,                // funcs_strategie.go
		"rollenzeilen":          RollenZeilen,           // funcs_strategie.go
		"zielquant":             zielQuant(link),        // funcs_strategie.go
		"gremien":               gremienEintraege(link), // funcs_strategie.go
		"phasen":                phasenEintraege,        // funcs_strategie.go
		"statusstand":           StatusStand,
		"berichtziele":          berichtZiele(link),
		"berichtereignisse":     berichtEreignisse(link), // funcs_bericht.go
		"indikatorinhalt":       IndikatorInhalt,         // funcs_indikator.go
		"zielmeta":              ZielMeta,
		"zielbewertung":         zielBewertung(link),
		"berichtmeilensteine":   berichtMeilensteine(link),
		"massnahmeoberzeile":    massnahmeOberzeile(link), // funcs_massnahme.go
		"massnahmefakten":       massnahmeFakten(link),
		"aktionsplanlink":       aktionsplanLink(link),
		"massnahmeziele":        massnahmeZiele(link),
		"massnahmestand":        MassnahmeStand,
		"meilensteine":          Meilensteine,
		"kostennutzen":          KostenNutzen,
		"seitenkopf":            seitenKopf(link, abs), // funcs_seite.go
		"brotkruemel":           brotKruemel(link),
		"werttabellezeilen": func(z *model.Ziel, d *chart.Diagramm) template.HTML {
			return chart.TabelleHTML(chart.Tabelle(z, Wert), d != nil)
		},
	}
}

// FormatDatum renders a date for readers; zero dates render empty.
func FormatDatum(d datum.Datum) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// Zahl formats a number the German way: 1.231 and 12,5.
func Zahl(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	if neg && strings.Trim(s, "0.") != "" { // -0.001 rounds to 0, not "−0"
		return "−" + b.String()
	}
	return b.String()
}

// Wert formats a value with its unit: "50 %", "100 Personen", "liegt vor".
func Wert(v float64, einheit string) string {
	switch einheit {
	case "ja/nein":
		if v >= 1 {
			return "liegt vor"
		}
		return "liegt nicht vor"
	case "":
		return Zahl(v)
	case "%":
		return Zahl(v) + " %"
	}
	return Zahl(v) + " " + einheit
}

// Vorzeichen writes a change with its sign: "+2", "−1", "±0".
func Vorzeichen(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "±0"
}

// Plural picks the singular or plural form and prefixes the number.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Percent is part/total in whole percent (0 if total is 0).
func Percent(part, total int) int {
	if total == 0 {
		return 0
	}
	return int(math.Round(float64(part) * 100 / float64(total)))
}

// Abbr renders an actor's Kürzel with its full name for screen readers and
// on hover, as WCAG 3.1.4 asks for abbreviations.
func Abbr(a *model.Akteur) template.HTML {
	if a == nil {
		return ""
	}
	if a.Name == "" || a.Name == a.Kuerzel {
		return template.HTML(html.EscapeString(a.Kuerzel))
	}
	return template.HTML(fmt.Sprintf(`<abbr title="%s">%s</abbr>`, html.EscapeString(a.Name), html.EscapeString(a.Kuerzel)))
}

// Akteure renders a list of actors separated by commas.
func Akteure(list []*model.Akteur) template.HTML {
	parts := make([]string, 0, len(list))
	for _, a := range list {
		parts = append(parts, string(Abbr(a)))
	}
	return template.HTML(strings.Join(parts, ", "))
}

// rollenNamen are the words for the role letters; a map built per call
// cost an allocation for each of 28,000 cells of the role tables at 10k pages.
var rollenNamen = map[string]string{"R": "rechenschaftspflichtig", "V": "verantwortlich", "B": "beschließend",
	"U": "unterstützend", "C": "beratend", "I": "informiert"}

// RollenName expands role letters like "B/I" into words.
func RollenName(code string) string {
	names := rollenNamen
	var out []string
	for _, l := range strings.Split(code, "/") {
		if n, ok := names[strings.TrimSpace(l)]; ok {
			out = append(out, n)
		}
	}
	return strings.Join(out, " und ")
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: ungerade Anzahl von Argumenten")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: Schlüssel %v ist kein Text", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// Markiert escapes a text from config.toml for HTML, keeps its line breaks
// (addresses) and highlights placeholders like "[Anschrift eintragen]".
func Markiert(s string) template.HTML {
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if i > 0 {
			b.WriteString("<br>")
		}
		last := 0
		for _, m := range content.PlatzhalterIndex(line) {
			b.WriteString(html.EscapeString(line[last:m[0]]))
			b.WriteString(`<mark class="platzhalter">` + html.EscapeString(line[m[0]:m[1]]) + "</mark>")
			last = m[1]
		}
		b.WriteString(html.EscapeString(line[last:]))
	}
	return template.HTML(b.String())
}
