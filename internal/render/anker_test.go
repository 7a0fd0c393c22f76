package render

import (
	"html/template"
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/markdown"
)

// The heading IDs of Markdown and the template function anker are one
// function: a link built with {{anker "…"}} lands on the heading "## …".
func TestAnkerWieUeberschrift(t *testing.T) {
	headings := []struct{ text, want string }{
		{"Café", "cafe"},
		{"Größe & Maße", "groesse-masse"},
		{"Äpfel, Öfen, Übungen", "aepfel-oefen-uebungen"},
		{"STRASSE / Straße", "strasse-strasse"},
		{"Crème brûlée à la française", "creme-brulee-a-la-francaise"},
		{"Señor Dvořák, Łódź", "senor-dvorak-lodz"},
		{"Cafe\u0301 und U\u0308bung", "cafe-und-uebung"}, // decomposed, as macOS writes
		{"Ziel 2030: 50 % (Z1.2)", "ziel-2030-50-z1-2"},
		{"„Zitat“ – mit Gedankenstrich…", "zitat-mit-gedankenstrich"},
		{"Rock'n'Roll?!", "rock-n-roll"},
	}
	tmpl := template.Must(template.New("t").Funcs(Funcs("https://example.org/")).Parse(`{{range .}}{{anker .}}|{{end}}`))
	var names []string
	var src strings.Builder
	for _, h := range headings {
		names = append(names, h.text)
		src.WriteString("## " + h.text + "\n\n")
	}
	var got strings.Builder
	if err := tmpl.Execute(&got, names); err != nil {
		t.Fatal(err)
	}
	anker := strings.Split(strings.TrimSuffix(got.String(), "|"), "|")
	html := string(markdown.New(false).Render([]byte(src.String()), markdown.Options{}))
	var ids []string
	for _, m := range regexp.MustCompile(`<h2 id="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) != len(headings) || len(anker) != len(headings) {
		t.Fatalf("%d Überschriften, %d IDs, %d Anker:\n%s", len(headings), len(ids), len(anker), html)
	}
	for i, h := range headings {
		if ids[i] != h.want || anker[i] != h.want {
			t.Errorf("%q: Überschrift-ID %q, anker %q, erwartet %q", h.text, ids[i], anker[i], h.want)
		}
	}
}

// Equal headings get numbered IDs; anker names the first one.
func TestAnkerDoppelteUeberschrift(t *testing.T) {
	html := string(markdown.New(false).Render([]byte("## Café\n\n## Café\n\n## Café\n"), markdown.Options{}))
	tmpl := template.Must(template.New("t").Funcs(Funcs("https://example.org/")).Parse(`{{anker .}}`))
	var a strings.Builder
	if err := tmpl.Execute(&a, "Café"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a.String(), a.String() + "-1", a.String() + "-2"} {
		if !strings.Contains(html, `id="`+id+`"`) {
			t.Errorf("ID %q fehlt:\n%s", id, html)
		}
	}
}
