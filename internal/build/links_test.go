package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

// A broken internal link, anchor or asset stops the build; the finding
// names the content line or template line that produced it, and the
// published site stays as it was.
func TestBrokenLinksStopTheBuild(t *testing.T) {
	testkit.Slow(t)
	root := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	old := treeHashes(t, dest)

	kick := "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md"
	data, _ := os.ReadFile(filepath.Join(root, kick))
	lines := strings.Count(string(data), "\n")
	writeFile(t, filepath.Join(root, kick), string(data)+
		"\nSiehe [fehlt](/strategien/gibt-es-nicht/) und [Anker](/strategien/beispiel-kommunen/#gibt-es-nicht),\n"+
		"[oben](#nirgends) und ![Bild](/bilder/fehlt.png).\n")
	// A mistake in the page frame breaks a link on every page: one finding.
	replaceIn(t, root, "layouts/_base.html", `href="#inhalt"`, `href="#inhalt-falsch"`)
	tplLine := "layouts/_base.html:" + strconv.Itoa(lineOf(t, filepath.Join(root, "layouts/_base.html"), "#inhalt-falsch"))

	_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if !errors.Is(err, ErrContent) {
		t.Fatalf("got %v, want ErrContent", err)
	}
	out := printDiags(diags)
	for _, want := range []string{
		kick + ":" + strconv.Itoa(lines+2) + ": Fehler: Kaputter Link „/strategien/gibt-es-nicht/“",
		kick + ":" + strconv.Itoa(lines+2) + ": Fehler: Kaputter Link „/strategien/beispiel-kommunen/#gibt-es-nicht“",
		"Den Anker „#gibt-es-nicht“ gibt es in /strategien/beispiel-kommunen/ nicht.",
		kick + ":" + strconv.Itoa(lines+3) + ": Fehler: Kaputter Link „#nirgends“",
		kick + ":" + strconv.Itoa(lines+3) + ": Fehler: Kaputter Link „/bilder/fehlt.png“",
		tplLine + ": Fehler: Kaputter Link",
		"[link-kaputt]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if n := strings.Count(out, tplLine+":"); n != 1 {
		t.Errorf("the template mistake is reported %d times, want once (grouped)", n)
	}
	if d := diffTrees(old, treeHashes(t, dest)); d != "" {
		t.Errorf("public/ changed although the build failed:\n%s", d)
	}
	assertNoLeftovers(t, dest)
}

// External links are listed beside the output, not published, not fetched.
func TestExternalLinkReport(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, repoRoot(t), dest)
	if res.ExternalReport != dest+"-externe-links.txt" {
		t.Fatalf("report at %q", res.ExternalReport)
	}
	data, err := os.ReadFile(res.ExternalReport)
	if err != nil {
		t.Fatal(err)
	}
	report := string(data)
	for _, want := range []string{
		"https://parldok.thltcloud.de/parldok",
		"content/strategien/smart-state/strategie.md:",
		"https://www.govdata.de/dl-de/by-2-0",
		// Linkify makes a link of a bare "www." address.
		"http://www.thega.de/projekte/abwaerme\n    geschrieben in: content/strategien/digitale-gesellschaft/massnahmen/l3-06.md:" +
			strconv.Itoa(lineOf(t, filepath.Join(repoRoot(t), "content/strategien/digitale-gesellschaft/massnahmen/l3-06.md"), "www.thega.de")),
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	// The block of an address names every page it stands on (the first few).
	block, _, _ := strings.Cut(report[strings.Index(report, "https://parldok.thltcloud.de/parldok"):], "\n\n")
	if auf := block[strings.Index(block, "auf: "):]; !strings.Contains(auf, "/strategien/smart-state/") {
		t.Errorf("parldok: Seiten %q ohne /strategien/smart-state/", auf)
	}
	if len(res.Links.External) < 3 || res.Links.Links < 1000 {
		t.Errorf("link check saw only %d links, %d external", res.Links.Links, len(res.Links.External))
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.Base(res.ExternalReport))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the report must not be published")
	}
}

func TestMayLinkOut(t *testing.T) {
	for src, want := range map[string]bool{
		"Schritte: planen, umsetzen. Mehr unter [Agenda](/agenda/).": false,
		"Siehe <https://example.org/>.":                              true,
		"[Post](MAILTO:a@example.org)":                               true,
		"Anruf: [Zentrale](tel:+49361)":                              true,
		"Hotel: gebucht":                                             true, // errs towards true
		"Unter WWW.thega.de/abwaerme einsehbar.":                     true,
		"Fragen an poststelle@tmdi.thueringen.de":                    true,
		"Am Ende: Mailto: steht hier, und www.":                      true,
		"ww. und tele: und mail: und w.w.w.":                         false,
		"":                                                           false,
	} {
		if got := mayLinkOut([]byte(src)); got != want {
			t.Errorf("mayLinkOut(%q) = %v, want %v", src, got, want)
		}
	}
}

// lineOf is the first line of file that contains text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for n, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			return n + 1
		}
	}
	t.Fatalf("%s: %q nicht gefunden", file, text)
	return 0
}
