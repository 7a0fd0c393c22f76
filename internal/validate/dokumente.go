package validate

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"tdsite/internal/content"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
)

// The rules of dokumente.toml and kennzahlen.toml register here, beside
// their checks.
func init() {
	Rules["dokument"] = "Downloads nennen Titel, Art, Sprache und entweder eine Datei in dokumente/ oder eine Adresse."
	Rules["dokument-datei"] = "Jede genannte Datei liegt in dokumente/ der Strategie; jede Datei dort ist genannt."
	Rules["dokument-typ"] = "Downloads sind PDF, ODT, DOCX, ODS, XLSX, CSV oder TXT, und ihr Inhalt passt zur Endung."
	Rules["dokument-groesse"] = fmt.Sprintf("Ein Download ist höchstens %d MB groß.", content.MaxDokument>>20)
	Rules["dokument-barrierefrei"] = "Jeder Download sagt, ob er barrierefrei ist; wenn nicht ganz, steht ein Hinweis dabei."
	Rules["externer-indikator"] = "Externe Kennzahlen nennen Herausgeber und für jeden Wert Datum und Quelle."
}

const dokumentHint = "Siehe docs/inhaltsformat.md, Abschnitt „Dokumente“."

func (c *checker) dokumente(s *content.Strategie) {
	files := map[string]*content.Datei{}
	for _, f := range s.Dateien {
		files["dokumente/"+f.Name] = f
	}
	used := map[string]bool{}
	if s.Dokumente != nil {
		for _, d := range s.Dokumente.Dokumente {
			c.dokument(d, files, used)
		}
	}
	var unused []string
	for name, f := range files {
		if !used[name] {
			unused = append(unused, f.Rel)
		}
	}
	sort.Strings(unused)
	for _, rel := range unused {
		c.d.Warnf(diag.Pos{File: rel}, "dokument-datei", "Nennen Sie die Datei in einem [[dokument]] in dokumente.toml oder löschen Sie sie.",
			"Die Datei wird nicht veröffentlicht, weil kein Eintrag in dokumente.toml sie nennt.")
	}
	if s.Kennzahlen != nil {
		c.externeIndikatoren(s.Kennzahlen)
	}
}

func (c *checker) dokument(d content.Dokument, files map[string]*content.Datei, used map[string]bool) {
	if _, ok := content.DokumentArten[d.Art]; !ok && d.Art != "" {
		c.d.Errorf(d.At.Key("art"), "dokument", "Erlaubt sind strategie, aktionsplan, bericht, beschluss und sonstiges.",
			"Die Art „%s“ ist unbekannt.", d.Art)
	}
	if d.Sprache != "" && !markdown.Sprachcode.MatchString(d.Sprache) {
		c.d.Errorf(d.At.Key("sprache"), "dokument", "Schreiben Sie den Sprachcode nach ISO 639-1, z. B. de, en, pl.",
			"„%s“ ist kein Sprachcode.", d.Sprache)
	}
	switch d.Barrierefrei {
	case "ja":
	case "teilweise", "nein":
		if strings.TrimSpace(d.Hinweis) == "" {
			c.d.Warnf(d.At.Key("barrierefrei"), "dokument-barrierefrei",
				"Schreiben Sie in hinweis, was nicht barrierefrei ist und wie man den Inhalt sonst bekommt (z. B. auf Anfrage per E-Mail).",
				"Das Dokument ist nicht ganz barrierefrei, aber es fehlt ein Hinweis dazu.")
		}
	case "":
		c.d.Warnf(d.At.Pos(), "dokument-barrierefrei", "Ergänzen Sie barrierefrei = \"ja\", \"teilweise\" oder \"nein\".",
			"Das Dokument „%s“ sagt nicht, ob es barrierefrei ist.", d.Titel)
	default:
		c.d.Errorf(d.At.Key("barrierefrei"), "dokument-barrierefrei", "Erlaubt sind \"ja\", \"teilweise\" und \"nein\".",
			"„%s“ ist keine Angabe zur Barrierefreiheit.", d.Barrierefrei)
	}
	switch {
	case d.Datei != "" && d.URL != "":
		c.d.Errorf(d.At.Key("url"), "dokument", "Geben Sie entweder datei (eine Datei in dokumente/) oder url (ein Dokument auf einer anderen Website) an.",
			"Das Dokument nennt zugleich eine Datei und eine Adresse.")
		return
	case d.Datei == "" && d.URL == "":
		c.d.Errorf(d.At.Pos(), "dokument", "Geben Sie datei = \"dokumente/<name>\" oder url = \"https://…\" an.",
			"Das Dokument „%s“ nennt weder eine Datei noch eine Adresse.", d.Titel)
		return
	case d.URL != "":
		if !strings.HasPrefix(d.URL, "https://") && !strings.HasPrefix(d.URL, "http://") {
			c.d.Errorf(d.At.Key("url"), "dokument", "Dateien dieser Website gehören in dokumente/ und werden mit datei genannt.",
				"Die Adresse „%s“ ist keine http(s)-Adresse.", d.URL)
			return
		}
		c.url(d.At.Key("url"), d.URL)
		return
	}
	pos := d.At.Key("datei")
	dir, name := path.Split(d.Datei)
	if dir != "dokumente/" || name == "" || path.Clean(d.Datei) != d.Datei {
		c.d.Errorf(pos, "dokument-datei", "Legen Sie die Datei in den Ordner dokumente/ der Strategie und schreiben Sie datei = \"dokumente/<name>\".",
			"„%s“ liegt nicht direkt im Ordner dokumente/ der Strategie.", d.Datei)
		return
	}
	f := files[d.Datei]
	if f == nil {
		c.d.Errorf(pos, "dokument-datei", "Legen Sie die Datei dort ab oder korrigieren Sie den Namen (Groß- und Kleinschreibung zählt).",
			"Die Datei „%s“ fehlt.", d.Datei)
		return
	}
	used[d.Datei] = true
	ext := strings.ToLower(path.Ext(name))
	if stem := strings.TrimSuffix(name, path.Ext(name)); !content.ValidKey(stem) { // the name becomes the address
		c.d.Errorf(pos, "schluessel", content.KeyHint(content.Slugify(stem)+ext),
			"Der Dateiname „%s“ ist kein gültiger Schlüssel (nur Kleinbuchstaben, Ziffern, Bindestriche vor der Endung).", name)
	}
	typ, ok := content.DokumentTypen[ext]
	if !ok {
		c.d.Errorf(pos, "dokument-typ", "Erlaubt sind .pdf, .odt, .docx, .ods, .xlsx, .csv und .txt. Andere Formate wandeln Sie vorher um, z. B. in PDF.",
			"Dateien mit der Endung „%s“ werden nicht veröffentlicht.", ext)
		return
	}
	if f.Sniff != typ.Sniff {
		c.d.Errorf(pos, "dokument-typ", "Prüfen Sie, ob die richtige Datei abgelegt ist, oder geben Sie ihr die Endung ihres Formats. Text muss UTF-8 sein.",
			"Der Inhalt von „%s“ passt nicht zur Endung %s (erkannt: %s).", d.Datei, ext, f.Sniff)
	}
	if f.Size > content.MaxDokument {
		c.d.Errorf(pos, "dokument-groesse", "Verkleinern Sie die Datei (z. B. Bilder im PDF komprimieren) oder teilen Sie sie auf.",
			"Die Datei ist %d MB groß; erlaubt sind höchstens %d MB.", (f.Size+(1<<20)-1)>>20, content.MaxDokument>>20)
	}
	if f.Size == 0 {
		c.d.Errorf(pos, "dokument-groesse", "Legen Sie die vollständige Datei ab.", "Die Datei „%s“ ist leer.", d.Datei)
	}
}

func (c *checker) externeIndikatoren(k *content.Kennzahlen) {
	seen := map[string]bool{}
	for _, x := range k.Externe {
		if seen[x.ID] && x.ID != "" {
			c.d.Errorf(x.At.Key("id"), "doppelt", "Jede externe Kennzahl braucht eine eigene ID.", "Die ID „%s“ gibt es schon.", x.ID)
		}
		seen[x.ID] = true
		if x.ID != "" && !content.ValidKey(x.ID) { // part of addresses and anchors
			c.d.Errorf(x.At.Key("id"), "schluessel", content.KeyHint(content.Slugify(x.ID)),
				"Die ID „%s“ ist kein gültiger Schlüssel (nur Kleinbuchstaben, Ziffern, Bindestriche).", x.ID)
		}
		c.url(x.At.Key("url"), x.URL)
		for _, w := range x.Werte {
			if strings.TrimSpace(w.Quelle) == "" && w.At.Has("quelle") {
				c.d.Errorf(w.At.Key("quelle"), "externer-indikator", "Nennen Sie die Veröffentlichung, aus der der Wert stammt, mit Datum.",
					"Der Wert vom %s nennt keine Quelle.", w.Datum.Raw)
			}
		}
	}
}
