package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"

	"tdsite/internal/testkit"
)

// TestAbschnitteBenannt builds the bundled site and checks every page the way
// the Nu HTML Checker and screen readers see its structure:
//   - a <section> or <article> has its own heading (vnu warns "Section lacks
//     heading"; scrolling table and map boxes are <div role="region"> for that
//     reason),
//   - an <article> is named by a heading inside it (aria-labelledby), so that
//     news lists do not read as a row of unnamed articles,
//   - a role="region" has a name, else it is no landmark.
func TestAbschnitteBenannt(t *testing.T) {
	testkit.Slow(t)
	root := testkit.Root()
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, root, dest)
	n := 0
	befunde := map[string]int{}
	beispiel := map[string]string{}
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range abschnittBefunde(b) {
			befunde[f]++
			if _, ok := beispiel[f]; !ok {
				beispiel[f], _ = filepath.Rel(dest, p)
			}
		}
		return nil
	})
	for f, k := range befunde {
		t.Errorf("%d× %s (z. B. %s)", k, f, beispiel[f])
	}
	if n < 100 {
		t.Errorf("nur %d Seiten", n)
	}
}

// TestAbschnittBefunde: the check sees what it is meant to see.
func TestAbschnittBefunde(t *testing.T) {
	gut := `<main><section aria-labelledby="a"><h2 id="a">A</h2><div class="tabelle-scroll" role="region" aria-labelledby="a" tabindex="0"><table></table></div></section>` +
		`<ul><li><article aria-labelledby="m1"><h3 id="m1"><a href="/">M</a></h3><p>x<br>y</p></article></li></ul></main>`
	if f := abschnittBefunde([]byte(gut)); len(f) != 0 {
		t.Errorf("gutes HTML: %q", f)
	}
	schlecht := `<section aria-labelledby="a"><h2 id="a">A</h2><section class="tabelle-scroll" aria-labelledby="a"><table></table></section></section>` +
		`<article><h3>M</h3></article><article aria-labelledby="fremd"><h3 id="m2">M</h3></article><div role="region"></div>`
	want := []string{
		`<section class="tabelle-scroll"> ohne eigene Überschrift`,
		`<article> ohne aria-labelledby auf eine Überschrift darin`,
		`<article> ohne aria-labelledby auf eine Überschrift darin`,
		`role="region" ohne Namen`,
	}
	if f := abschnittBefunde([]byte(schlecht)); strings.Join(f, "|") != strings.Join(want, "|") {
		t.Errorf("schlechtes HTML:\n got %q\nwant %q", f, want)
	}
}

type abschnitt struct {
	tag, class, labelledby string
	ueberschrift           bool            // a heading of its own (not in a nested section)
	ids                    map[string]bool // ids of all headings inside
}

// abschnittBefunde lists the structure problems of one page.
func abschnittBefunde(data []byte) []string {
	var out []string
	var stapel []*abschnitt
	lx := phtml.NewLexer(parse.NewInputBytes(data))
	tag := ""
	attrs := map[string]string{}
	for {
		tt, _ := lx.Next()
		switch tt {
		case phtml.ErrorToken:
			return out
		case phtml.StartTagToken:
			tag = strings.ToLower(string(lx.Text()))
			clear(attrs)
		case phtml.AttributeToken:
			attrs[strings.ToLower(string(lx.AttrKey()))] = strings.Trim(string(lx.AttrVal()), `"'`)
		case phtml.StartTagCloseToken:
			if attrs["role"] == "region" && attrs["aria-label"] == "" && attrs["aria-labelledby"] == "" {
				out = append(out, `role="region" ohne Namen`)
			}
			switch tag {
			case "section", "article", "aside", "nav":
				stapel = append(stapel, &abschnitt{tag: tag, class: attrs["class"], labelledby: attrs["aria-labelledby"], ids: map[string]bool{}})
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if len(stapel) > 0 {
					stapel[len(stapel)-1].ueberschrift = true
				}
				for _, a := range stapel {
					a.ids[attrs["id"]] = true
				}
			}
		case phtml.EndTagToken:
			name := strings.ToLower(string(lx.Text()))
			if len(stapel) == 0 || stapel[len(stapel)-1].tag != name {
				continue
			}
			a := stapel[len(stapel)-1]
			stapel = stapel[:len(stapel)-1]
			if (a.tag == "section" || a.tag == "article") && !a.ueberschrift {
				el := "<" + a.tag
				if a.class != "" {
					el += fmt.Sprintf(" class=%q", a.class)
				}
				out = append(out, el+"> ohne eigene Überschrift")
			}
			if a.tag == "article" && (a.labelledby == "" || !a.ids[a.labelledby]) {
				out = append(out, "<article> ohne aria-labelledby auf eine Überschrift darin")
			}
		}
	}
}
