package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"tdsite/internal/config"
	"tdsite/internal/validate"
)

// A build parses every Markdown text once: rendering collects the links
// and raw HTML that the Markdown checks and the report of external links
// need. The checks find from that data what parsing each text on its own
// finds, and the report names the line of a link only rendering saw.
func TestMarkdownEinmalGeparst(t *testing.T) {
	root := copySite(t)
	file := "content/strategien/digitale-gesellschaft/massnahmen/b1-01.md"
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(data), "\n") + 4
	writeFile(t, filepath.Join(root, file), string(data)+"\n| Quelle | Link |\n|---|---|\n"+
		"| Land | [Portal](https://einmal.example/tabelle) und <span>roh</span>[^q] |\n\n[^q]: Siehe www.einmal-fussnote.example\n")
	cfg, cd := config.Load(root)
	if cfg == nil {
		t.Fatal(printDiags(cd))
	}
	counts := parseCounts(t)
	twice := func() (n int) {
		for src, c := range counts() {
			if c > 1 {
				t.Logf("%d× geparst: %.60q", c, src)
				n++
			}
		}
		return n
	}
	c := NewCaches()
	p, diags := Prepare(root, testDate, c)
	if p == nil {
		t.Fatal(printDiags(diags))
	}
	md := c.Markdown(cfg.Markdown.UnsafeHTML)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := write(context.Background(), p, dest, true, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(counts()); n < 100 {
		t.Errorf("only %d texts parsed", n)
	}
	if n := twice(); n > 0 {
		t.Errorf("%d Markdown texts were parsed more than once in one build", n)
	}

	collected := validate.Markdown(p.Content, cfg.Markdown.UnsafeHTML, md)
	if n := twice(); n > 0 {
		t.Errorf("the checks parsed %d rendered texts again", n)
	}
	parsed := validate.Markdown(p.Content, cfg.Markdown.UnsafeHTML, nil)
	if !reflect.DeepEqual(collected.Items(), parsed.Items()) {
		t.Errorf("findings from rendering:\n%s\nfrom parsing each text:\n%s", printDiags(collected), printDiags(parsed))
	}
	if want := file + ":" + strconv.Itoa(line) + ": Warnung: HTML wird nicht veröffentlicht"; !strings.Contains(printDiags(collected), want) {
		t.Errorf("findings lack %q:\n%s", want, printDiags(collected))
	}

	report, err := os.ReadFile(res.ExternalReport)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"https://einmal.example/tabelle\n    geschrieben in: " + file + ":" + strconv.Itoa(line) + "\n",
		"http://www.einmal-fussnote.example\n    geschrieben in: " + file + ":" + strconv.Itoa(line+2) + "\n",
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}
