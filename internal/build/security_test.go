package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

// replaceIn edits a content file of a copied site; the old text must exist.
func replaceIn(t *testing.T, root, file, old, new string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	writeFile(t, p, strings.Replace(string(data), old, new, 1))
}

// Hostile text in every kind of field is escaped by html/template: the
// output contains no element, attribute or address that the editors did not
// get from the templates.
func TestHostileTextIsEscaped(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	const xss = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'{{.Site}}</title>`
	kick := "content/strategien/beispiel-kommunen/meldungen/2025-01-21-kickoff.md"
	writeFile(t, filepath.Join(root, kick), "+++\ntitel = '''"+xss+"'''\ndatum = \"21.01.2025\"\nzusammenfassung = '''"+xss+"'''\n+++\n"+
		"Roh: <script>alert(3)</script> <img src=x onerror=alert(4)> [Link](javascript&#58;alert(5))\n")
	replaceIn(t, root, "content/strategien/beispiel-kommunen/strategie.md",
		`kurzname = "Kommunen (Beispiel)"`, "kurzname = '''Kommunen "+xss+"'''")
	replaceIn(t, root, "content/akteure.toml", `name = "Thüringer Ministerium für Digitales und Infrastruktur"`,
		"name = '''Ministerium "+xss+"'''")

	dest := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if err == nil {
		t.Fatalf("a javascript: link must stop the build")
	}
	if !strings.Contains(printDiags(diags), "javascript:alert(5)") {
		t.Fatalf("javascript: link not reported:\n%s", printDiags(diags))
	}
	// Without the forbidden link the build succeeds; raw HTML is reported.
	replaceIn(t, root, kick, "[Link](javascript&#58;alert(5))", "")
	_, diags, err = Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, printDiags(diags))
	}
	if out := printDiags(diags); !strings.Contains(out, "[roh-html]") || !strings.Contains(out, kick) {
		t.Errorf("raw HTML not reported as warning:\n%s", out)
	}

	seen := 0
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte("Kommunen &lt;script")) {
			seen++
		}
		rel, _ := filepath.Rel(dest, p)
		for _, problem := range testkit.HTMLProblems(data) {
			t.Errorf("%s: %s", rel, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 3 {
		t.Errorf("the hostile short name appears escaped on only %d pages; was it rendered at all?", seen)
	}
	feed, err := os.ReadFile(filepath.Join(dest, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(feed, &f); err != nil {
		t.Fatalf("feed.xml is not well-formed: %v", err)
	}
	found := false
	for _, e := range f.Entries {
		if e.Title == xss {
			found = true
		}
		for _, problem := range testkit.HTMLProblems([]byte(e.Content)) {
			t.Errorf("feed entry %q: %s", e.Title, problem)
		}
	}
	if !found {
		t.Errorf("hostile title not found as plain text in the feed")
	}
}

// The bundled site has no scripts, inline styles or dangerous addresses.
func TestBundledOutputIsClean(t *testing.T) {
	testkit.Slow(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, repoRoot(t), dest)
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		for _, problem := range testkit.HTMLProblems(data) {
			t.Errorf("%s: %s", rel, problem)
		}
		if !bytes.Contains(data, []byte(`http-equiv="Content-Security-Policy"`)) || !bytes.Contains(data, []byte(`name="referrer"`)) {
			t.Errorf("%s: no CSP or referrer policy", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Errorf("only %d pages checked", pages)
	}
}

// Two builds of the same content – also from another folder – are byte
// identical: nothing depends on time, map order, parallelism or paths.
func TestDeterministicOutput(t *testing.T) {
	testkit.Slow(t)
	a := filepath.Join(t.TempDir(), "public")
	b := filepath.Join(t.TempDir(), "public")
	c := filepath.Join(t.TempDir(), "public")
	mustBuild(t, repoRoot(t), a)
	mustBuild(t, repoRoot(t), b)
	mustBuild(t, copySite(t), c)
	ha := treeHashes(t, a)
	if d := diffTrees(ha, treeHashes(t, b)); d != "" {
		t.Errorf("two builds differ:\n%s", d)
	}
	if d := diffTrees(ha, treeHashes(t, c)); d != "" {
		t.Errorf("a build from another folder differs:\n%s", d)
	}
	if len(ha) < 100 {
		t.Errorf("only %d files compared", len(ha))
	}
	// The configured build date is the only date in the output that is not
	// from the content: another date changes the footer, nothing else.
	d := filepath.Join(t.TempDir(), "public")
	if _, _, err := Run(context.Background(), Options{Source: repoRoot(t), Dest: d, BuildDate: testDate.AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(d, "index.html"))
	if !bytes.Contains(home, []byte("24.11.2026")) {
		t.Errorf("build date not in the footer")
	}
}
