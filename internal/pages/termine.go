package pages

import (
	"html/template"
	"strings"
	"time"

	"tdsite/internal/datum"
	"tdsite/internal/model"
)

// feedTermin is an upcoming participation format as an entry of the Atom
// feed: subscribers learn of an event before it takes place, not only of
// news afterwards. Fictional formats are labelled in the title, as their
// news posts are.
type feedTermin struct {
	Titel, Pfad, Zusammenfassung, HTML string
	Updated                            time.Time
}

func termineFuerFeed(m *model.Site) []feedTermin {
	var out []feedTermin
	for _, f := range m.Termine {
		st := f.Strategie
		wann := formatDatum(f.Beginn())
		if !f.Bis.IsZero() {
			wann += " bis " + formatDatum(f.Bis)
		}
		titel := "Termin: " + f.Titel + " (" + wann + ")"
		if st.Beispiel {
			titel = "Beispiel – " + titel
		}
		teile := []string{f.ArtLabel, wann}
		if f.Ort != "" {
			teile = append(teile, f.Ort)
		}
		summary := strings.Join(teile, " · ") + ". Zur Strategie „" + st.Name + "“."
		body := string(f.Text) + `<p><a href="` + template.HTMLEscapeString(st.URL+"#"+f.Anker) + `">Mehr zur Beteiligung an der Strategie „` +
			template.HTMLEscapeString(st.Name) + `“</a></p>`
		// The day the entry was published is the Stand of beteiligung.toml;
		// the event's own date lies in the future and is no "updated".
		stand := st.Beteiligung.Stand
		if stand.IsZero() {
			stand = st.Stand
		}
		out = append(out, feedTermin{Titel: titel, Pfad: st.URL + "#" + f.Anker, Zusammenfassung: summary, HTML: body, Updated: stand.Start()})
	}
	return out
}

// formatDatum is the template function datum: the feed shows dates as
// the pages do.
func formatDatum(d datum.Datum) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
