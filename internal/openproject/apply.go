package openproject

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/decode"
	"tdsite/internal/diag"
	"tdsite/internal/tomledit"
)

// Aenderung is the planned change of one measure file.
type Aenderung struct {
	File      string   // relative to the site root
	Massnahme string   // measure ID
	Pakete    []string // OpenProject IDs ("#12") the change comes from
	Zeilen    []string // German summary, one line per change
	Vorher    []byte
	Nachher   []byte
}

// Ergebnis is the plan of an import: what changes, and what could not be
// carried over. Nothing in an export is dropped silently: every row ends
// up in a change, in Unveraendert, in OhneID or in Probleme.
type Ergebnis struct {
	Aenderungen   []*Aenderung
	Unveraendert  []string  // measure IDs that are up to date
	OhneID        []string  // rows without a measure ID (labels)
	Probleme      []Problem // unknown IDs, unknown statuses, conflicts
	NichtImExport []string  // measure IDs of the exported strategies missing in the export
}

// Options of an import.
type Options struct {
	Stand  time.Time       // written as "stand" into every changed measure
	Status Statuszuordnung // nil: Standardstatus
	// Datei is the export's file name; status entries and milestones name
	// it as their source.
	Datei string
	// Exportdatum is the day of the export (zero: unknown). A status entry
	// is dated with the work package's last update if the export has that
	// column, else with the export's day, else with Importtag.
	Exportdatum time.Time
	Importtag   time.Time // zero: Stand, or today
}

// importtag is the day of the import.
func (o Options) importtag() time.Time {
	switch {
	case !o.Importtag.IsZero():
		return o.Importtag
	case !o.Stand.IsZero():
		return o.Stand
	}
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Quelle names the export as the source of what the import writes:
// "OpenProject-Export export.csv vom 30.11.2026" (the day of the export,
// or of the import if the export's day is unknown).
func (o Options) Quelle() string {
	day := o.Exportdatum
	if day.IsZero() {
		day = o.importtag()
	}
	name := filepath.Base(o.Datei)
	if o.Datei == "" {
		name = ""
	}
	return strings.Join(strings.Fields("OpenProject-Export "+name+" vom "+day.Format("02.01.2006")), " ")
}

// tage are the days a statement of work package a may carry, best first:
// its last update, the export's day, the day of the import.
func (o Options) tage(a *Arbeitspaket) []time.Time {
	var out []time.Time
	for _, t := range []time.Time{a.Geaendert, o.Exportdatum, o.importtag()} {
		if !t.IsZero() {
			out = append(out, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	return out
}

// markerRe finds the OpenProject ID tdsite writes behind milestones it adds:
// "[[meilenstein]] # OpenProject #123". Editors may reword the milestone's
// text; the marker keeps it linked.
var markerRe = regexp.MustCompile(`#\s*OpenProject\s*#(\d+)`)

// Plan compares the export with the loaded content and prepares the
// changes of the measure files, without writing anything.
func Plan(site *content.Site, ex *Export, opt Options) *Ergebnis {
	if opt.Status == nil {
		opt.Status, _ = NewStatuszuordnung(nil)
	}
	res := &Ergebnis{Probleme: append([]Problem{}, ex.Probleme...)}
	byID := map[string]*content.Massnahme{}
	var allIDs []string
	for _, st := range site.Strategien {
		for _, m := range st.Massnahmen {
			byID[strings.ToLower(m.ID)] = m
			allIDs = append(allIDs, m.ID)
		}
	}
	pakete := map[string]*Arbeitspaket{}
	for i := range ex.Pakete {
		pakete[ex.Pakete[i].ID] = &ex.Pakete[i]
	}
	type gruppe struct {
		m            *content.Massnahme
		haupt, meile []*Arbeitspaket
	}
	gruppen := map[*content.Massnahme]*gruppe{}
	for i := range ex.Pakete {
		a := &ex.Pakete[i]
		id := a.Massnahme
		if id == "" && a.Meilenstein() {
			if p := pakete[a.Parent]; p != nil {
				id = p.Massnahme
			}
		}
		if id == "" {
			res.OhneID = append(res.OhneID, a.Label())
			continue
		}
		m := byID[strings.ToLower(id)]
		if m == nil {
			hint := "Tragen Sie in OpenProject die ID einer Maßnahme aus content/strategien/*/massnahmen/ ein oder legen Sie die Maßnahme mit „tdsite new massnahme“ an."
			if s := diag.Suggest(id, allIDs); s != "" {
				hint = fmt.Sprintf("Meinten Sie „%s“? ", s) + hint
			}
			res.Probleme = append(res.Probleme, Problem{Zeile: a.Zeile, Hinweis: hint,
				Text: fmt.Sprintf("Arbeitspaket %s: Die Maßnahmen-ID „%s“ gibt es nicht; die Zeile wird nicht übernommen.", a.Label(), id)})
			continue
		}
		g := gruppen[m]
		if g == nil {
			g = &gruppe{m: m}
			gruppen[m] = g
		}
		if a.Meilenstein() {
			g.meile = append(g.meile, a)
		} else {
			g.haupt = append(g.haupt, a)
		}
	}
	list := make([]*gruppe, 0, len(gruppen))
	strategien := map[string]bool{}
	for _, g := range gruppen {
		list = append(list, g)
		strategien[path.Dir(path.Dir(g.m.File))] = true
	}
	sort.Slice(list, func(i, j int) bool { return list[i].m.File < list[j].m.File })
	for _, g := range list {
		ch, probs := planMassnahme(site.Root, g.m, g.haupt, g.meile, opt)
		res.Probleme = append(res.Probleme, probs...)
		switch {
		case ch != nil:
			res.Aenderungen = append(res.Aenderungen, ch)
		case len(probs) == 0:
			res.Unveraendert = append(res.Unveraendert, g.m.ID)
		}
	}
	for _, st := range site.Strategien {
		if !strategien[st.Dir] {
			continue
		}
		for _, m := range st.Massnahmen {
			if gruppen[m] == nil {
				res.NichtImExport = append(res.NichtImExport, m.ID)
			}
		}
	}
	sort.SliceStable(res.Probleme, func(i, j int) bool { return res.Probleme[i].Zeile < res.Probleme[j].Zeile })
	return res
}

// edit collects the line edits of one file together with the values the
// parsed front matter must have afterwards.
type edit struct {
	file        string
	doc         *tomledit.Doc
	want        map[string]any // expected front matter after the edits
	zeilen      []string
	fehler      []string
	changed     bool
	verlaufEnde []string // new [[verlauf]] entries, appended after the last one
}

// aktuellerStatus is the measure's current status as its file states it:
// the last [[verlauf]] entry, else the legacy top-level status.
func aktuellerStatus(m *content.Massnahme) string {
	if n := len(m.Verlauf); n > 0 {
		return m.Verlauf[n-1].Status
	}
	return m.Status
}

// statuswechsel records a change of the measure's status as a new dated
// [[verlauf]] entry with the export as source. A legacy top-level status is
// kept in sync (the check requires the last entry to match it); if the
// file had no entries yet, its old status becomes the first entry, dated
// with its stand, so that the history keeps when it held.
func (e *edit) statuswechsel(m *content.Massnahme, a *Arbeitspaket, alt, neu string, anchor int, opt Options) *Problem {
	var nach time.Time // the new entry may not predate the last one
	alterEintrag := len(m.Verlauf) == 0 && m.Status != "" && !m.Stand.IsZero()
	switch {
	case len(m.Verlauf) > 0:
		nach = m.Verlauf[len(m.Verlauf)-1].Datum.End()
	case alterEintrag:
		nach = m.Stand.End()
	}
	var tag time.Time
	for _, t := range opt.tage(a) {
		if !t.Before(nach) {
			tag = t
			break
		}
	}
	if tag.IsZero() {
		return &Problem{Zeile: a.Zeile, Text: fmt.Sprintf("Arbeitspaket %s: Der Status von %s wird nicht geändert: Der letzte Eintrag im Verlauf (%s) ist neuer als der Export.", a.Label(), m.ID, nach.Format("02.01.2006")),
			Hinweis: "Exportieren Sie erneut aus OpenProject oder tragen Sie den Status von Hand ein."}
	}
	if m.At.Has("status") {
		e.set(m.At, "status", tomledit.String(neu), neu, anchor)
	}
	day, quelle := tag.Format("02.01.2006"), opt.Quelle()
	list, _ := e.want["verlauf"].([]map[string]any)
	if alterEintrag {
		e.verlaufEnde = append(e.verlaufEnde, "", "[[verlauf]]", "datum = "+tomledit.String(m.Stand.Raw), "status = "+tomledit.String(alt))
		list = append(list, map[string]any{"datum": m.Stand.Raw, "status": alt})
		e.zeilen = append(e.zeilen, fmt.Sprintf("Verlauf: bisheriger Status „%s“ vom %s als erster Eintrag", alt, m.Stand.Raw))
	}
	e.verlaufEnde = append(e.verlaufEnde, "", "[[verlauf]] # OpenProject #"+a.ID, "datum = "+tomledit.String(day), "status = "+tomledit.String(neu),
		"quelle = "+tomledit.String(quelle), "sicherheit = "+tomledit.String(content.Belegt))
	e.want["verlauf"] = append(list, map[string]any{"datum": day, "status": neu, "quelle": quelle, "sicherheit": content.Belegt})
	e.changed = true
	if alt == "" {
		alt = "ohne Angabe"
	}
	e.zeilen = append(e.zeilen, fmt.Sprintf("Status: %s → %s am %s (OpenProject: „%s“)", alt, neu, day, a.Status))
	return nil
}

// meilensteinStatus is what the file states about a milestone: its status,
// or for older files erreicht = true; otherwise unbekannt.
func meilensteinStatus(ms content.Meilenstein) string {
	switch {
	case ms.Status != "":
		return ms.Status
	case ms.Erreicht:
		return content.MsErreicht
	}
	return content.MsUnbekannt
}

// meilensteinStatus writes a milestone's status. An older erreicht = … line
// becomes the status line, so that the two never disagree.
func (e *edit) meilensteinStatus(ms content.Meilenstein, status string, after int) {
	if ms.At.Has("status") || !ms.At.Has("erreicht") {
		e.set(ms.At, "status", tomledit.String(status), status, after)
		return
	}
	line := ms.At.Key("erreicht").Line
	if err := e.doc.ReplaceKey(line, "erreicht", "status", tomledit.String(status)); err != nil {
		e.fehler = append(e.fehler, fmt.Sprintf("%s:%d: %v", e.file, line, err))
		return
	}
	e.changed = true
	name, idx := splitIndex(ms.At.Path)
	target := e.want[name].([]map[string]any)[idx]
	delete(target, "erreicht")
	target["status"] = status
}

func (e *edit) set(at decode.At, key string, literal string, value any, insertAfter int) {
	if at.Has(key) {
		line := at.Key(key).Line
		if err := e.doc.SetValue(line, key, literal); err != nil {
			e.fehler = append(e.fehler, fmt.Sprintf("%s:%d: %v", e.file, line, err))
			return
		}
	} else {
		e.doc.InsertAfter(insertAfter, key+" = "+literal)
	}
	e.changed = true
	target := e.want
	if at.Path != "" { // meilenstein[2]
		name, idx := splitIndex(at.Path)
		target = e.want[name].([]map[string]any)[idx]
	}
	target[key] = value
}

func planMassnahme(root string, m *content.Massnahme, haupt, meile []*Arbeitspaket, opt Options) (*Aenderung, []Problem) {
	var probs []Problem
	abs := filepath.Join(root, filepath.FromSlash(m.File))
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, []Problem{{Text: fmt.Sprintf("%s kann nicht gelesen werden: %v", m.File, err)}}
	}
	before, err := frontMatter(m.File, data)
	if err != nil {
		return nil, []Problem{{Text: err.Error(), Hinweis: "Beheben Sie zuerst die Fehler, die „tdsite check“ meldet."}}
	}
	e := &edit{file: m.File, doc: tomledit.New(data), want: deepCopy(before)}
	ch := &Aenderung{File: m.File, Massnahme: m.ID, Vorher: data}
	anchor := m.At.Key("status").Line // new top-level keys go below the status
	if !m.At.Has("status") {
		anchor = m.At.Key("id").Line
	}

	// Status and start come from the measure's own work package.
	if len(haupt) > 0 {
		a := haupt[0]
		status, ok := opt.Status.Status(a.Status)
		for _, other := range haupt[1:] {
			if s, _ := opt.Status.Status(other.Status); s != status {
				probs = append(probs, Problem{Zeile: other.Zeile, Text: fmt.Sprintf("Zur Maßnahme %s gibt es mehrere Arbeitspakete mit unterschiedlichem Status (%s: „%s“, %s: „%s“); der Status wird nicht geändert.",
					m.ID, a.Label(), a.Status, other.Label(), other.Status),
					Hinweis: "Tragen Sie die Maßnahmen-ID in OpenProject nur beim Arbeitspaket der Maßnahme ein, nicht bei Unteraufgaben."})
				ok = false
				status = ""
			}
		}
		aktuell := aktuellerStatus(m)
		switch {
		case !ok && status == "" && len(probs) == 0:
			probs = append(probs, Problem{Zeile: a.Zeile, Text: fmt.Sprintf("Arbeitspaket %s: Den Status „%s“ kennt tdsite nicht; der Status von %s bleibt „%s“.", a.Label(), a.Status, m.ID, aktuell),
				Hinweis: fmt.Sprintf("Ordnen Sie ihn in config.toml zu: [openproject.status] %s = \"laufend\" (erlaubt: %s).", tomledit.String(a.Status), strings.Join(content.Status, ", "))})
		case ok && status != aktuell:
			if p := e.statuswechsel(m, a, aktuell, status, anchor, opt); p != nil {
				probs = append(probs, *p)
			}
		}
		ch.Pakete = append(ch.Pakete, "#"+a.ID)
		if !a.Start.IsZero() && (m.Start.IsZero() || !within(m.Start, a.Start)) {
			day := a.Start.Format("02.01.2006")
			alt := "ohne Angabe"
			if !m.Start.IsZero() {
				alt = m.Start.Raw
			}
			e.set(m.At, "start", tomledit.String(day), day, anchor)
			e.zeilen = append(e.zeilen, fmt.Sprintf("Start: %s → %s", alt, day))
		}
	}

	// Milestones: update the ones that exist, append the new ones.
	sort.SliceStable(meile, func(i, j int) bool { return meile[i].Zeile < meile[j].Zeile })
	var neu []string
	for _, a := range meile {
		ch.Pakete = append(ch.Pakete, "#"+a.ID)
		tag := a.Ende
		if tag.IsZero() {
			tag = a.Start
		}
		erreicht, known := false, false
		if s, ok := opt.Status.Status(a.Status); ok {
			erreicht, known = s == "umgesetzt", true
		}
		if a.Prozent == 100 {
			erreicht, known = true, true
		}
		if !known {
			probs = append(probs, Problem{Zeile: a.Zeile, Text: fmt.Sprintf("Meilenstein %s: Den Status „%s“ kennt tdsite nicht; ob er erreicht ist, wird nicht geändert.", a.Label(), a.Status),
				Hinweis: fmt.Sprintf("Ordnen Sie ihn in config.toml zu: [openproject.status] %s = \"umgesetzt\".", tomledit.String(a.Status))})
		}
		msStatus := content.MsOffen
		if erreicht {
			msStatus = content.MsErreicht
		}
		// the day the export states the milestone's status, and its source
		msStand, quelle := opt.tage(a)[0].Format("02.01.2006"), opt.Quelle()
		i := findMeilenstein(e.doc, m, a)
		if i < 0 {
			if a.Thema == "" {
				probs = append(probs, Problem{Zeile: a.Zeile, Text: fmt.Sprintf("Meilenstein #%s hat kein Thema und wird nicht übernommen.", a.ID)})
				continue
			}
			block := []string{"", "[[meilenstein]] # OpenProject #" + a.ID}
			ms := map[string]any{"text": a.Thema}
			desc := ""
			if !tag.IsZero() {
				day := tag.Format("02.01.2006")
				block = append(block, "datum = "+tomledit.String(day))
				ms["datum"] = day
				desc = day
			}
			block = append(block, "text = "+tomledit.String(a.Thema))
			if known {
				block = append(block, "status = "+tomledit.String(msStatus), "stand = "+tomledit.String(msStand), "quelle = "+tomledit.String(quelle))
				ms["status"], ms["stand"], ms["quelle"] = msStatus, msStand, quelle
			}
			neu = append(neu, block...)
			list, _ := e.want["meilenstein"].([]map[string]any)
			e.want["meilenstein"] = append(list, ms)
			e.changed = true
			if erreicht {
				desc = strings.TrimPrefix(desc+", erreicht", ", ")
			}
			if desc != "" {
				desc = " (" + desc + ")"
			}
			e.zeilen = append(e.zeilen, fmt.Sprintf("Neuer Meilenstein „%s“%s", a.Thema, desc))
			continue
		}
		ms := m.Meilensteine[i]
		header := ms.At.Pos().Line
		after := header
		if ms.At.Has("text") {
			after = ms.At.Key("text").Line
		}
		if !tag.IsZero() && (ms.Datum.IsZero() || !within(ms.Datum, tag)) {
			day := tag.Format("02.01.2006")
			alt := "ohne Datum"
			if !ms.Datum.IsZero() {
				alt = ms.Datum.Raw
			}
			e.set(ms.At, "datum", tomledit.String(day), day, header)
			e.zeilen = append(e.zeilen, fmt.Sprintf("Meilenstein „%s“: Datum %s → %s", ms.Text, alt, day))
		}
		if alt := meilensteinStatus(ms); known && msStatus != alt {
			// status, stand and quelle stay together, in this order
			for _, k := range []string{"erreicht", "status", "stand"} {
				if ms.At.Has(k) {
					after = max(after, ms.At.Key(k).Line)
				}
			}
			e.meilensteinStatus(ms, msStatus, after)
			e.set(ms.At, "stand", tomledit.String(msStand), msStand, after)
			e.set(ms.At, "quelle", tomledit.String(quelle), quelle, after)
			e.zeilen = append(e.zeilen, fmt.Sprintf("Meilenstein „%s“: %s → %s", ms.Text, alt, msStatus))
		}
	}
	if len(e.fehler) > 0 {
		return nil, append(probs, Problem{Zeile: firstRow(haupt, meile), Text: fmt.Sprintf("Arbeitspaket %s: Die Maßnahme %s kann nicht automatisch geändert werden; die Datei bleibt unverändert. %s",
			strings.Join(ch.Pakete, ", "), m.ID, strings.Join(e.fehler, "; ")),
			Hinweis: "Übernehmen Sie die Änderung von Hand; schreiben Sie Werte wie status und datum einzeilig in Anführungszeichen."})
	}
	if !e.changed {
		return nil, probs
	}
	if stand := opt.Stand.Format("02.01.2006"); !opt.Stand.IsZero() && (!m.At.Has("stand") || m.Stand.Raw != stand) {
		alt := "ohne Angabe"
		if m.At.Has("stand") {
			alt = m.Stand.Raw
		}
		e.set(m.At, "stand", tomledit.String(stand), stand, anchor)
		e.zeilen = append(e.zeilen, fmt.Sprintf("Stand: %s → %s", alt, stand))
	}
	if len(neu) > 0 || len(e.verlaufEnde) > 0 {
		end := lastValueLine(e.doc, closingLine(data))
		e.doc.InsertAfter(end, neu...)
		if len(m.Verlauf) > 0 {
			// the new entry follows the last one, wherever that stands
			end = tableEnd(e.doc, m.Verlauf[len(m.Verlauf)-1].At.Pos().Line, closingLine(data))
		}
		e.doc.InsertAfter(end, e.verlaufEnde...)
	}
	ch.Nachher = e.doc.Bytes()
	ch.Zeilen = e.zeilen
	if err := verify(m.File, data, ch.Nachher, e.want); err != nil {
		return nil, append(probs, Problem{Zeile: firstRow(haupt, meile), Text: fmt.Sprintf("Arbeitspaket %s: %v", strings.Join(ch.Pakete, ", "), err),
			Hinweis: "Übernehmen Sie die Änderung von Hand."})
	}
	return ch, probs
}

// firstRow is the CSV line of the first work package of a measure.
func firstRow(lists ...[]*Arbeitspaket) int {
	row := 0
	for _, l := range lists {
		for _, a := range l {
			if row == 0 || a.Zeile < row {
				row = a.Zeile
			}
		}
	}
	return row
}

// findMeilenstein finds the milestone a work package belongs to: by the
// OpenProject marker on its header line, or by the same text.
func findMeilenstein(doc *tomledit.Doc, m *content.Massnahme, a *Arbeitspaket) int {
	for i, ms := range m.Meilensteine {
		if g := markerRe.FindStringSubmatch(doc.Line(ms.At.Pos().Line)); g != nil && g[1] == a.ID {
			return i
		}
	}
	for i, ms := range m.Meilensteine {
		if g := markerRe.FindStringSubmatch(doc.Line(ms.At.Pos().Line)); g == nil && norm(ms.Text) == norm(a.Thema) {
			return i
		}
	}
	return -1
}

// within reports whether day t lies in what d covers: "Q2/2025" covers
// 15.05.2025, so an exact date from OpenProject does not replace a
// deliberately coarse date in the content.
func within(d datum.Datum, t time.Time) bool {
	return !t.Before(d.Start()) && !t.After(d.End())
}

// lastValueLine is the last line before the closing "+++" that is neither
// blank nor a comment: new milestones go there, above trailing comments
// that usually talk about the text below the front matter.
func lastValueLine(doc *tomledit.Doc, closing int) int {
	for n := closing - 1; n > 1; n-- {
		if l := strings.TrimSpace(doc.Line(n)); l != "" && !strings.HasPrefix(l, "#") {
			return n
		}
	}
	return closing - 1
}

// tableEnd is the last value line of the table whose header is on line
// header: new entries of an array of tables go right below it.
func tableEnd(doc *tomledit.Doc, header, closing int) int {
	end := header
	for n := header + 1; n < closing; n++ {
		l := strings.TrimSpace(doc.Line(n))
		if strings.HasPrefix(l, "[") {
			break
		}
		if l != "" && !strings.HasPrefix(l, "#") {
			end = n
		}
	}
	return end
}

// closingLine is the line number of the "+++" that ends the front matter.
func closingLine(data []byte) int {
	clean, _ := decode.Clean("", data)
	_, _, bodyLine, _ := decode.SplitFrontMatter(clean)
	return bodyLine - 1
}

func frontMatter(file string, data []byte) (map[string]any, error) {
	clean, d := decode.Clean(file, data)
	if d != nil {
		return nil, fmt.Errorf("%s: %s", file, d.Message)
	}
	front, _, _, ok := decode.SplitFrontMatter(clean)
	if !ok || front == nil {
		return nil, fmt.Errorf("%s hat keinen vollständigen Kopf zwischen +++", file)
	}
	doc, d := decode.Parse(file, front, 2)
	if d != nil {
		return nil, fmt.Errorf("%s: %s", file, d.Message)
	}
	return doc.Root, nil
}

// verify parses the edited file and checks that the front matter is
// exactly the old one plus the intended changes and that the text below
// is untouched. Only then may the file be written.
func verify(file string, before, after []byte, want map[string]any) error {
	got, err := frontMatter(file, after)
	if err == nil && !reflect.DeepEqual(got, want) {
		err = fmt.Errorf("unerwartetes Ergebnis")
	}
	if err == nil {
		cb, _ := decode.Clean(file, before)
		ca, _ := decode.Clean(file, after)
		_, bodyBefore, _, _ := decode.SplitFrontMatter(cb)
		_, bodyAfter, _, _ := decode.SplitFrontMatter(ca)
		if !bytes.Equal(bodyBefore, bodyAfter) {
			err = fmt.Errorf("der Text nach dem Kopf hätte sich geändert")
		}
	}
	if err != nil {
		return fmt.Errorf("%s: Die Änderung ließ sich nicht sicher prüfen (%v); die Datei bleibt unverändert.", file, err)
	}
	return nil
}

func deepCopy(v map[string]any) map[string]any {
	out := make(map[string]any, len(v))
	for k, x := range v {
		out[k] = copyValue(x)
	}
	return out
}

func copyValue(x any) any {
	switch t := x.(type) {
	case map[string]any:
		return deepCopy(t)
	case []map[string]any:
		l := make([]map[string]any, len(t))
		for i := range t {
			l[i] = deepCopy(t[i])
		}
		return l
	case []any:
		l := make([]any, len(t))
		for i := range t {
			l[i] = copyValue(t[i])
		}
		return l
	}
	return x
}

// splitIndex splits "meilenstein[2]" into "meilenstein" and 2.
func splitIndex(p string) (string, int) {
	i := strings.IndexByte(p, '[')
	var n int
	fmt.Sscanf(p[i:], "[%d]", &n)
	return p[:i], n
}

// Write saves the changed files. Each file is replaced atomically.
func (r *Ergebnis) Write(root string) error {
	for _, ch := range r.Aenderungen {
		if err := tomledit.WriteFile(filepath.Join(root, filepath.FromSlash(ch.File)), ch.Nachher); err != nil {
			return fmt.Errorf("%s kann nicht geschrieben werden: %w", ch.File, err)
		}
	}
	return nil
}
