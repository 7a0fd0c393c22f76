package redaktion

import (
	"net/url"
	"strings"
)

// formular is what an editor typed and what is wrong with it. A refused
// form is shown again with every value kept, the errors listed at the top
// and each one next to its field (GOV.UK error summary pattern).
type formular struct {
	Werte  url.Values
	Fehler []fehler
	// Hinweis is a message about the whole form (e.g. the file changed on
	// disk); it heads the error summary.
	Hinweis string
}

type fehler struct {
	Feld string // name of the input; the summary links to id "feld-<name>"
	Text string
}

func (f *formular) Wert(name string) string { return f.Werte.Get(name) }

// Text is a trimmed single-line value.
func (f *formular) Text(name string) string {
	return strings.Join(strings.Fields(f.Werte.Get(name)), " ")
}

func (f *formular) Fehlt(name, text string) bool {
	if f.Text(name) == "" {
		f.Add(name, text)
		return true
	}
	return false
}

func (f *formular) Add(feld, text string) { f.Fehler = append(f.Fehler, fehler{feld, text}) }

func (f *formular) HatFehler() bool { return len(f.Fehler) > 0 || f.Hinweis != "" }

// Err is the error of a field, for the message next to it.
func (f *formular) Err(name string) string {
	for _, e := range f.Fehler {
		if e.Feld == name {
			return e.Text
		}
	}
	return ""
}

// Feld is the data of the field templates.
type Feld struct {
	Name, Label, Hinweis, Wert, Fehler string
	Typ                                string // "text", "date", "textarea", …
}

// newFeld builds a field for the templates: {{template "eingabe" (feld .F "titel" "Titel" "text" "Hinweis")}}.
func newFeld(f *formular, name, label, typ, hinweis string) Feld {
	return Feld{Name: name, Label: label, Typ: typ, Hinweis: hinweis, Wert: f.Wert(name), Fehler: f.Err(name)}
}
