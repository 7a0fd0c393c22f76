package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tdsite/internal/diag"
	"tdsite/internal/testkit"
)

// insertLine puts text as line n (1-based) into the file at p.
func insertLine(t *testing.T, p string, n int, text string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines = append(lines[:n-1], append([]string{text + "\n"}, lines[n-1:]...)...)
	writeFile(t, p, strings.Join(lines, ""))
}

// A template that fails while a page is rendered is a fault of the
// templates (ErrContent, exit 1), not of the disk: one finding at the
// failing template file and line – page template, base layout, a partial
// by {{template}}, by fragment, by rahmen, from the theme – naming a page, with Go's
// detail and a hint. The last good output stays.
func TestTemplateRuntimeErrorIsATemplateFinding(t *testing.T) {
	testkit.Slow(t)
	for _, c := range []struct {
		name, file string
		from       string // copied to file first ("" : file exists)
		line       int
	}{
		{name: "seitenvorlage", file: "layouts/massnahme.html", line: 3},
		{name: "grundvorlage", file: "layouts/_base.html", line: 3},
		{name: "partial-template", file: "layouts/partials/beispiel-hinweis.html", line: 1},
		{name: "partial-fragment", file: "layouts/partials/status.html", line: 1},
		{name: "partial-rahmen", file: "layouts/partials/fuss.html", line: 3},
		{name: "theme", file: "themes/thueringendigital/layouts/partials/kopf.html", from: "layouts/partials/kopf.html", line: 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := copySite(t)
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, root, dest)
			before := treeHashes(t, dest)
			p := filepath.Join(root, filepath.FromSlash(c.file))
			if c.from != "" {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := copyFile(filepath.Join(root, filepath.FromSlash(c.from)), p); err != nil {
					t.Fatal(err)
				}
			}
			insertLine(t, p, c.line, `{{ index "abc" 10 }}`)
			_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
			if !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want ErrContent\n%s", err, printDiags(diags))
			}
			var found []diag.Diagnostic
			for _, d := range diags.Items() {
				if d.Severity == diag.Error {
					found = append(found, d)
				}
			}
			if len(found) != 1 {
				t.Fatalf("want one finding for one mistake, got:\n%s", printDiags(diags))
			}
			d := found[0]
			if d.Pos != (diag.Pos{File: c.file, Line: c.line}) || d.Hint == "" ||
				!strings.HasPrefix(d.Message, "Die Vorlage bricht bei der Seite /") || !strings.Contains(d.Message, "index out of range: 10") {
				t.Errorf("finding: %s", d)
			}
			if diff := diffTrees(before, treeHashes(t, dest)); diff != "" {
				t.Errorf("last good output changed:\n%s", diff)
			}
			assertNoLeftovers(t, dest)
		})
	}
}

// A deleted page template names the file to restore, not "(Vorlage )".
func TestMissingPageTemplate(t *testing.T) {
	root := copySite(t)
	if err := os.Remove(filepath.Join(root, "layouts/massnahme.html")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), Options{Source: root, Dest: dest, BuildDate: testDate})
	if !errors.Is(err, ErrContent) {
		t.Fatalf("err = %v, want ErrContent\n%s", err, printDiags(diags))
	}
	d := findingAt(diags, "layouts/massnahme.html", diag.Error)
	if d == nil || !strings.Contains(d.Message, "Die Vorlage massnahme.html fehlt; sie wird für die Seite /massnahmen/") ||
		!strings.Contains(d.Message, "weitere Seiten") || !strings.Contains(d.Hint, "layouts/massnahme.html") {
		t.Fatalf("finding:\n%s", printDiags(diags))
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("published without the template")
	}
}

// A deleted partial is named by the line that includes it, with a hint
// to restore it, for {{template}}, fragment and rahmen alike.
func TestMissingPartial(t *testing.T) {
	testkit.Slow(t)
	for _, c := range []struct{ partial, at string }{
		{"layouts/partials/beispiel-hinweis.html", "layouts/massnahme.html"},
		{"layouts/partials/status.html", "layouts/partials/status-stand.html"},
		{"layouts/partials/fuss.html", "layouts/_base.html"},
	} {
		root := copySite(t)
		// The line of the first inclusion.
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(c.at)))
		if err != nil {
			t.Fatal(err)
		}
		// Any line that includes the partial will do: html/template reports
		// the inclusion it escapes first.
		var lines []string
		for n, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, `"`+strings.TrimPrefix(c.partial, "layouts/")+`"`) {
				lines = append(lines, fmt.Sprintf("%s:%d", c.at, n+1))
			}
		}
		if len(lines) == 0 {
			t.Fatalf("%s does not include %s", c.at, c.partial)
		}
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(c.partial))); err != nil {
			t.Fatal(err)
		}
		_, diags, err := Run(context.Background(), Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), BuildDate: testDate})
		if !errors.Is(err, ErrContent) {
			t.Fatalf("%s: err = %v, want ErrContent\n%s", c.partial, err, printDiags(diags))
		}
		found := false
		for _, d := range diags.Items() {
			if slices.Contains(lines, d.Pos.String()) && strings.Contains(d.Message, strings.TrimPrefix(c.partial, "layouts/")) && strings.Contains(d.Hint, "wieder her") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no finding at %v:\n%s", c.partial, lines, printDiags(diags))
		}
	}
}
