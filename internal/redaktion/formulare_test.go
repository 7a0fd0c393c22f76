package redaktion

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tdsite/internal/scaffold"
	"tdsite/internal/testkit"
)

const (
	bsp     = "content/strategien/beispiel-kommunen"
	bsp02   = bsp + "/massnahmen/BSP-02.md"
	meldung = bsp + "/meldungen/2026-11-20-steuerkreis-beschliesst-leitbild.md"
)

// The browser writes the file `tdsite new meldung` writes, with the text
// the editor would then type below the head.
func TestMeldungWieKommandozeile(t *testing.T) {
	r := starte(t, false)
	text := "Der Steuerkreis hat das Leitbild beschlossen.\r\n\r\n## Wie es weitergeht\r\n\r\n- Ist-Analyse\r\n"
	code, page := r.sende("/redaktion/meldung?strategie=beispiel-kommunen", "/redaktion/meldung", url.Values{
		"strategie": {"beispiel-kommunen"}, "titel": {"Steuerkreis beschließt Leitbild"}, "datum": {"20.11.2026"},
		"zusammenfassung": {"Das Leitbild 2035 steht."}, "text": {text}, "aktion": {"speichern"}})
	if code != 200 || !strings.Contains(page, "Gespeichert") {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	got := r.lies(meldung)
	golden(t, "meldung.md", got)

	cli := testkit.Bundled(t)
	sc, _ := scaffold.Open(cli, heute)
	if _, err := sc.NewMeldung(scaffold.MeldungOptions{Titel: "Steuerkreis beschließt Leitbild", Strategie: "beispiel-kommunen",
		Datum: "20.11.2026", Zusammenfassung: "Das Leitbild 2035 steht."}); err != nil {
		t.Fatal(err)
	}
	head, _ := os.ReadFile(filepath.Join(cli, meldung))
	if want := string(head) + strings.ReplaceAll(text, "\r\n", "\n"); got != want {
		t.Errorf("Browser und Kommandozeile schreiben verschieden:\n%s\n---\n%s", got, want)
	}
}

// A refused form writes nothing, lists the errors at the top linked to the
// fields and keeps what was typed.
func TestMeldungFehlerNichtsGeschrieben(t *testing.T) {
	r := starte(t, false)
	before := testkit.Snapshot(t, filepath.Join(r.root, "content"))
	code, page := r.sende("/redaktion/meldung", "/redaktion/meldung", url.Values{
		"strategie": {"beispiel-kommunen"}, "titel": {""}, "datum": {"31.02.2026"}, "text": {"Mein Text"}, "aktion": {"speichern"}})
	for _, want := range []string{`href="#feld-titel"`, `href="#feld-datum"`, `aria-invalid="true"`, "Mein Text", "Nichts wurde gespeichert", "<title>Fehler: "} {
		if !strings.Contains(page, want) {
			t.Errorf("es fehlt %q", want)
		}
	}
	if code != 422 {
		t.Errorf("Status %d, erwartet 422", code)
	}
	// The same rules as tdsite check: a javascript: link is an error there.
	code, page = r.sende("/redaktion/meldung", "/redaktion/meldung", url.Values{
		"strategie": {"beispiel-kommunen"}, "titel": {"Test"}, "datum": {"20.11.2026"}, "text": {"[Klick](javascript:alert(1))"}, "aktion": {"speichern"}})
	if code != 422 || !strings.Contains(page, `href="#feld-text"`) || !strings.Contains(page, "meldungen/2026-11-20-test.md:") {
		t.Errorf("Status %d; erwartet die Meldung von tdsite check mit Datei und Zeile:\n%s", code, page)
	}
	if after := testkit.Snapshot(t, filepath.Join(r.root, "content")); len(after) != len(before) {
		t.Errorf("geschrieben trotz Fehler: %d statt %d Dateien", len(after), len(before))
	}
}

func TestMeldungVorschau(t *testing.T) {
	r := starte(t, false)
	_, page := r.sende("/redaktion/meldung", "/redaktion/meldung", url.Values{"text": {"Ein \"Zitat\" und **fett**"}, "aktion": {"vorschau"}})
	if !strings.Contains(page, "<strong>fett</strong>") || !strings.Contains(page, "&bdquo;Zitat&ldquo;") || strings.Contains(page, "Nichts wurde gespeichert") {
		t.Errorf("Vorschau fehlt oder zeigt Fehler:\n%s", page)
	}
}

// Status report: a [[verlauf]] entry at the end of the head, milestones
// and stand changed in place; every other byte stays.
func TestStatusMelden(t *testing.T) {
	r := starte(t, false)
	old := r.lies(bsp02)
	code, page := r.sende("/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02", "/redaktion/status", url.Values{
		"strategie": {"beispiel-kommunen"}, "massnahme": {"BSP-02"}, "datum": {"20.11.2026"}, "status": {"laufend"},
		"quelle": {"Monitoringbericht zum 20.11.2026"}, "sicherheit": {"belegt"}, "notiz": {"50 Kommunen beraten"},
		"ms0": {"erreicht"}, "ms1": {"erreicht"}, "ms2": {"erreicht"}, "ms3": {"erreicht"}, "ms4": {"erreicht"}})
	if code != 200 || !strings.Contains(page, "Gespeichert") {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	got := r.lies(bsp02)
	golden(t, "status-BSP-02.md", got)
	if strings.Count(got, "\n")-strings.Count(old, "\n") != 8 {
		t.Errorf("erwartet 8 neue Zeilen (Verlauf und Stand des Meilensteins)")
	}
}

func TestStatusPflichtfelder(t *testing.T) {
	r := starte(t, false)
	old := r.lies(bsp02)
	code, page := r.sende("/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02", "/redaktion/status", url.Values{
		"strategie": {"beispiel-kommunen"}, "massnahme": {"BSP-02"}, "datum": {"20.11.2026"}, "sicherheit": {"abgeleitet"}, "ms0": {"kaputt"}})
	for _, want := range []string{`href="#feld-status"`, `href="#feld-quelle"`, `href="#feld-grund"`, `href="#feld-ms0"`} {
		if !strings.Contains(page, want) {
			t.Errorf("es fehlt %q", want)
		}
	}
	if code != 422 || r.lies(bsp02) != old {
		t.Errorf("Status %d; Datei geändert: %v", code, r.lies(bsp02) != old)
	}
}

// Someone saved the file in a text editor while the form was open: the
// save is refused, the hand edit stays and the page shows it.
func TestGleichzeitigGeaendert(t *testing.T) {
	r := starte(t, false)
	_, page := r.get("/redaktion/text?strategie=beispiel-kommunen&massnahme=BSP-02")
	tok, ver := reToken.FindStringSubmatch(page)[1], reVersion.FindStringSubmatch(page)[1]
	hand := r.lies(bsp02) + "\nVon Hand ergänzt.\n"
	os.WriteFile(filepath.Join(r.root, bsp02), []byte(hand), 0o644)
	code, page := r.post("/redaktion/text", url.Values{"csrf": {tok}, "version": {ver}, "strategie": {"beispiel-kommunen"},
		"massnahme": {"BSP-02"}, "text": {"Mein neuer Text"}, "aktion": {"speichern"}}, r.srv.URL)
	if code != 422 || !strings.Contains(page, "seit Sie das Formular geöffnet haben") || !strings.Contains(page, "Von Hand ergänzt.") ||
		!strings.Contains(page, "Mein neuer Text") {
		t.Errorf("Status %d:\n%s", code, page)
	}
	if r.lies(bsp02) != hand {
		t.Error("die Änderung von Hand wurde überschrieben")
	}
}

func TestTextBearbeiten(t *testing.T) {
	r := starte(t, false)
	old := r.lies(bsp02)
	head, _, _ := split([]byte(old))
	code, page := r.sende("/redaktion/text?strategie=beispiel-kommunen&massnahme=BSP-02", "/redaktion/text", url.Values{
		"strategie": {"beispiel-kommunen"}, "massnahme": {"BSP-02"}, "text": {"Neuer Text.\r\n"}, "aktion": {"speichern"}})
	if code != 200 {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	if got := r.lies(bsp02); got != string(head)+"Neuer Text.\n" {
		t.Errorf("erhalten:\n%s", got)
	}
}

// Measurements go through `tdsite new messwert`'s code: same bytes, same
// plausibility checks.
func TestMesswertWieKommandozeile(t *testing.T) {
	r := starte(t, false)
	rel := bsp + "/messwerte.toml"
	code, page := r.sende("/redaktion/messwert?strategie=beispiel-kommunen&ziel=E1.2", "/redaktion/messwert", url.Values{
		"strategie": {"beispiel-kommunen"}, "ziel": {"E1.2"}, "datum": {"20.11.2026"}, "wert": {"41"}, "kommentar": {"Bericht der DAT"}})
	if code != 200 || !strings.Contains(page, "Gespeichert") {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	cli := testkit.Bundled(t)
	sc, _ := scaffold.Open(cli, heute)
	if _, err := sc.NewMesswert(scaffold.MesswertOptions{Ziel: "E1.2", Strategie: "beispiel-kommunen", Wert: "41", Datum: "20.11.2026", Kommentar: "Bericht der DAT"}); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(cli, rel))
	if got := r.lies(rel); got != string(want) {
		t.Errorf("Browser und Kommandozeile schreiben verschieden:\n%s", got)
	}
	for _, wert := range []string{"1e400", "viele", "NaN"} {
		code, page = r.sende("/redaktion/messwert?strategie=beispiel-kommunen&ziel=E1.2", "/redaktion/messwert", url.Values{
			"strategie": {"beispiel-kommunen"}, "ziel": {"E1.2"}, "datum": {"21.11.2026"}, "wert": {wert}})
		if code != 422 || !strings.Contains(page, `href="#feld-wert"`) {
			t.Errorf("%s: Status %d, erwartet Fehler am Feld", wert, code)
		}
	}
}

func TestSicherheit(t *testing.T) {
	r := starte(t, false)
	r.get("/redaktion/") // session cookie
	v := url.Values{"strategie": {"beispiel-kommunen"}, "titel": {"x"}, "aktion": {"speichern"}}
	if code, _ := r.post("/redaktion/meldung", v, r.srv.URL); code != 403 {
		t.Errorf("ohne Token: Status %d", code)
	}
	_, page := r.get("/redaktion/meldung")
	v.Set("csrf", reToken.FindStringSubmatch(page)[1])
	if code, _ := r.post("/redaktion/meldung", v, "http://boese.example"); code != 403 {
		t.Errorf("fremder Origin: Status %d", code)
	}
	v.Set("text", strings.Repeat("x", maxBody+1))
	if code, _ := r.post("/redaktion/meldung", v, r.srv.URL); code != 403 {
		t.Errorf("zu groß: Status %d", code)
	}
	// With --bind the preview may serve the network; the forms never do.
	req := httptest.NewRequest("GET", "/redaktion/", nil)
	req.RemoteAddr = "192.0.2.7:40000"
	rec := httptest.NewRecorder()
	New(r.root, false).ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("aus dem Netz: Status %d", rec.Code)
	}
	// The confirmation after a save names only files that exist under the key pattern.
	if _, page := r.get("/redaktion/meldung?strategie=beispiel-kommunen&gespeichert=1&meldung=..%2F..%2Fconfig"); strings.Contains(page, "Gespeichert") {
		t.Error("Bestätigung für eine Datei außerhalb der Meldungen")
	}
	for _, p := range []string{"/redaktion/status?strategie=../../etc&massnahme=BSP-02", "/redaktion/text?strategie=beispiel-kommunen&massnahme=../BSP-02",
		"/redaktion/messwert?strategie=beispiel-kommunen&ziel=..%2Fx", "/redaktion/gibtsnicht"} {
		if code, _ := r.get(p); code != 404 {
			t.Errorf("%s: Status %d, erwartet 404", p, code)
		}
	}
}

// "Änderungen" lists the changed content files with their diff and, with
// --git, commits only them under the name typed in the form.
func TestAenderungenUndCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git fehlt")
	}
	// The site in a subfolder of the repository, as in a monorepo.
	repo := t.TempDir()
	root := filepath.Join(repo, "website")
	if err := os.Rename(testkit.Bundled(t), root); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.org"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out, err := exec.Command("git", "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	git("add", "-A")
	git("commit", "-qm", "Start")
	os.WriteFile(filepath.Join(root, "notizen.txt"), []byte("nicht Teil der Website"), 0o644)
	r := starteIn(t, root, true)
	r.sende("/redaktion/meldung", "/redaktion/meldung", url.Values{"strategie": {"beispiel-kommunen"}, "titel": {"Neu im Test"},
		"datum": {"20.11.2026"}, "text": {"Hallo."}, "aktion": {"speichern"}})
	_, page := r.get("/redaktion/aenderungen")
	if !strings.Contains(page, "meldungen/2026-11-20-neu-im-test.md") || !strings.Contains(page, `class="zeile diff-neu">&#43;Hallo.`) {
		t.Fatalf("Änderung fehlt:\n%s", page)
	}
	code, page := r.sende("/redaktion/aenderungen", "/redaktion/aenderungen", url.Values{"nachricht": {""}, "autor": {""}})
	if code != 422 || !strings.Contains(page, `href="#feld-nachricht"`) {
		t.Errorf("leere Angaben: Status %d", code)
	}
	code, page = r.sende("/redaktion/aenderungen", "/redaktion/aenderungen", url.Values{"nachricht": {"Meldung im Test"}, "autor": {"Erika Muster"}})
	if code != 200 || !strings.Contains(page, "in Git gespeichert") {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	if log := git("log", "-1", "--format=%an|%s", "--name-only"); !strings.Contains(log, "Erika Muster|Meldung im Test") || !strings.Contains(log, "neu-im-test.md") {
		t.Errorf("Commit: %s", log)
	}
	if st := git("status", "--porcelain"); !strings.Contains(st, "?? website/notizen.txt") {
		t.Errorf("Dateien außerhalb von content/ mitgespeichert: %q", st)
	}
}

// Without --git the page shows the changes but offers no commit.
func TestAenderungenOhneGit(t *testing.T) {
	r := starte(t, false)
	if _, page := r.get("/redaktion/aenderungen"); strings.Contains(page, "<form") {
		t.Error("Formular zum Commit ohne --git")
	}
	if code, _ := r.sende("/redaktion/meldung", "/redaktion/aenderungen", url.Values{"nachricht": {"x"}, "autor": {"y"}}); code != 403 {
		t.Errorf("Commit ohne --git: Status %d", code)
	}
}

// postMultipart sends the news form with a file, as a browser does.
func (r *redakteurin) postMultipart(v url.Values, name string, data []byte) (int, string) {
	r.t.Helper()
	_, page := r.get("/redaktion/meldung")
	v.Set("csrf", reToken.FindStringSubmatch(page)[1])
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range v {
		w.WriteField(k, vs[0])
	}
	fw, _ := w.CreateFormFile("bild", name)
	fw.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", r.srv.URL+"/redaktion/meldung", &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", r.srv.URL)
	resp, err := r.c.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// A PNG: the 8-byte signature is what type sniffing looks at.
var png = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)

func TestMeldungMitBild(t *testing.T) {
	r := starte(t, false)
	v := func() url.Values {
		return url.Values{"strategie": {"beispiel-kommunen"}, "titel": {"Mit Bild"}, "datum": {"20.11.2026"}, "text": {"Text."}, "aktion": {"speichern"}}
	}
	if code, page := r.postMultipart(v(), "foto.png", png); code != 422 || !strings.Contains(page, `href="#feld-bild_alt"`) {
		t.Errorf("ohne Alternativtext: Status %d", code)
	}
	w := v()
	w.Set("bild_alt", "Ein Schild [mit] Klammern")
	if code, page := r.postMultipart(w, "../../boese.png", []byte("<script>alert(1)</script>")); code != 422 || !strings.Contains(page, `href="#feld-bild"`) {
		t.Errorf("kein Bild: Status %d", code)
	}
	if _, err := os.Stat(filepath.Join(r.root, "static")); err == nil {
		t.Fatal("nach Fehlern wurde ein Bild gespeichert")
	}
	code, page := r.postMultipart(w, "../../foto.png", png)
	if code != 200 {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	img, err := os.ReadFile(filepath.Join(r.root, "static/bilder/beispiel-kommunen/2026-11-20-mit-bild.png"))
	if err != nil || !bytes.Equal(img, png) {
		t.Errorf("Bild nicht gespeichert: %v", err)
	}
	md := r.lies(bsp + "/meldungen/2026-11-20-mit-bild.md")
	if !strings.HasSuffix(md, "+++\n![Ein Schild \\[mit\\] Klammern](/bilder/beispiel-kommunen/2026-11-20-mit-bild.png)\n\nText.\n") {
		t.Errorf("Meldung:\n%s", md)
	}
}

// "Diese Seite bearbeiten" leads from a page of the preview to the form
// for its file; other pages get no link.
func TestBearbeitenLink(t *testing.T) {
	r := starte(t, false)
	for pfad, ziel := range map[string]string{
		"/strategien/beispiel-kommunen/":                              "/redaktion/text?strategie=beispiel-kommunen",
		"/massnahmen/bsp-02/":                                         "/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02",
		"/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff/": "/redaktion/text?strategie=beispiel-kommunen&meldung=2025-01-21-kickoff",
		"/strategien/beispiel-kommunen/meldungen/":                    "/redaktion/meldung?strategie=beispiel-kommunen",
	} {
		link := BearbeitenLink(pfad)
		m := regexp.MustCompile(`href="([^"]+)"`).FindStringSubmatch(link)
		if m == nil {
			t.Errorf("%s: kein Link", pfad)
			continue
		}
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(r.srv.URL + html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Location"); got != ziel {
			t.Errorf("%s → %s, erwartet %s", pfad, got, ziel)
		}
	}
	for _, pfad := range []string{"/", "/agenda/", "/strategien/x/ziele/a/b/", `/strategien/"><b>/`} {
		if l := BearbeitenLink(pfad); l != "" {
			t.Errorf("%s: %s", pfad, l)
		}
	}
	if code, page := r.get("/redaktion/text?strategie=beispiel-kommunen&meldung=2025-01-21-kickoff"); code != 200 || !strings.Contains(page, "Datei <code>content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md</code>") {
		t.Errorf("Text einer Meldung: Status %d", code)
	}
}

// A measure without text, milestones or cost/benefit has no page of its
// own: after a status report the editor is sent to its entry on the
// strategy's page, where the site shows it, not to an address that does
// not exist.
func TestStatusOhneEigeneSeite(t *testing.T) {
	r := starte(t, false)
	head, _, _ := strings.Cut(r.lies(bsp02), "\n[kosten_nutzen]")
	head = strings.NewReplacer(`"BSP-02"`, `"BSP-99"`, "Einzelberatung", "Kurzberatung").Replace(head)
	if err := os.WriteFile(filepath.Join(r.root, bsp, "massnahmen/BSP-99.md"), []byte(head+"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, page := r.sende("/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-99", "/redaktion/status", url.Values{
		"strategie": {"beispiel-kommunen"}, "massnahme": {"BSP-99"}, "datum": {"20.11.2026"}, "status": {"laufend"},
		"quelle": {"Monitoringbericht zum 20.11.2026"}, "sicherheit": {"belegt"}})
	if code != 200 || !strings.Contains(page, "Gespeichert") {
		t.Fatalf("Status %d:\n%s", code, page)
	}
	if !strings.Contains(page, `href="/strategien/beispiel-kommunen/#massnahme-bsp-99"`) || strings.Contains(page, "/massnahmen/bsp-99/") {
		t.Errorf("der Link führt nicht zum Eintrag auf der Strategieseite:\n%s", page)
	}
}
