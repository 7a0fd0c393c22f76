package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

// The fictional example never counts into anything about a real strategy or
// Handlungsfeld. The test builds the bundled site twice, with and without
// content/strategien/beispiel-kommunen, and compares every page, table and
// file both builds have: each text with a digit in it must be the same.
// What the example adds may only appear inside an element of class
// "fiktiv" (the pages label it there as fictional); those are left out.
func TestBeispielZaehltNirgendsMit(t *testing.T) {
	testkit.Slow(t)
	mit := testkit.Bundled(t)
	ohne := testkit.Bundled(t)
	if err := os.RemoveAll(filepath.Join(ohne, "content", "strategien", "beispiel-kommunen")); err != nil {
		t.Fatal(err)
	}
	// A closed report froze the example's measures too; without the example
	// they leave its frozen figures.
	berichte, _ := filepath.Glob(filepath.Join(ohne, "content", "agenda", "*.md"))
	for _, f := range berichte {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var keep []string
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, `"beispiel-kommunen/`) {
				keep = append(keep, line)
			}
		}
		if err := os.WriteFile(f, []byte(strings.Join(keep, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(src string) string {
		dest := filepath.Join(t.TempDir(), "public")
		_, diags, err := Run(context.Background(), Options{Source: src, Dest: dest, NoMinify: true,
			BuildDate: testDate})
		if err != nil {
			t.Fatalf("build %s: %v", src, err)
		}
		if e, _ := diags.Count(); e > 0 {
			var b strings.Builder
			diags.Print(&b, false)
			t.Fatalf("build %s: %d Fehler\n%s", src, e, b.String())
		}
		return dest
	}
	a, b := build(mit), build(ohne)

	compared := 0
	err := filepath.WalkDir(b, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(b, p)
		rel = filepath.ToSlash(rel)
		var extract func(t *testing.T, data []byte) []string
		switch {
		case strings.HasPrefix(rel, "suche/index."), rel == "sitemap.xml", rel == "feed.xml":
			// Lists of every page and news item (the search index is
			// compared entry by entry below).
			return nil
		case strings.HasSuffix(rel, ".html"):
			extract = zahlenTexte
		case strings.HasSuffix(rel, ".csv"):
			extract = echteZeilen
		case rel == "daten/agenda.json":
			extract = echteDaten
		default:
			return nil
		}
		withEx, err := os.ReadFile(filepath.Join(a, rel))
		if err != nil {
			t.Errorf("%s fehlt, sobald das Beispiel dabei ist", rel)
			return nil
		}
		withoutEx, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		compared++
		if diff := multisetDiff(extract(t, withEx), extract(t, withoutEx)); diff != "" {
			t.Errorf("%s: das Beispiel verändert Angaben zu echten Strategien (+ nur mit, − nur ohne Beispiel):\n%s", rel, diff)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compared < 100 {
		t.Errorf("nur %d Dateien verglichen", compared)
	}
	// The search index names itself by its content; its entries for the
	// pages both builds have must be the same.
	mitIndex, ohneIndex := suchEintraege(t, a), suchEintraege(t, b)
	if len(ohneIndex) < 100 {
		t.Errorf("Suchindex: nur %d Einträge", len(ohneIndex))
	}
	for u, e := range ohneIndex {
		if mitIndex[u] != e {
			t.Errorf("Suchindex, %s: mit Beispiel %s, ohne %s", u, mitIndex[u], e)
		}
	}
}

// suchEintraege reads the search index of a build: entry by address.
func suchEintraege(t *testing.T, dest string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dest, "suche", "index.*.json"))
	if len(files) != 1 {
		t.Fatalf("Suchindex: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var ix struct{ Seiten []map[string]any }
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range ix.Seiten {
		j, _ := json.Marshal(e)
		out[fmt.Sprint(e["u"])] = string(j)
	}
	return out
}

// The extraction must see what it should compare and drop what is marked.
func TestZahlenTexte(t *testing.T) {
	page := `<html><head><title>7 Dinge</title></head><body><main>
<p>Die Karte zeigt 6 Strategien<span class="x fiktiv"> und <b>1</b> fiktives Beispiel</span>.</p>
<table><tr><th>HF</th><td>3</td><td class="fiktiv">2</td></tr></table>
<ul><li class="fiktiv">BSP-01 <ul><li>4 Maßnahmen</li></ul></li><li>Q-01 laufend</li></ul>
<svg><title>9 Ziele</title><desc>8</desc><g class="sk-n fiktiv"><text>2 Maßnahmen</text></g><text>1 Ziel</text><use class="fiktiv" href="#a"/><text>5 Ziele</text></svg>
<img class="fiktiv" src="x.png" alt=""><p>Stand 2026 &amp; mehr</p>
</main></body></html>`
	got := zahlenTexte(t, []byte(page))
	want := []string{"Die Karte zeigt 6 Strategien.", "HF | 3 |", "Q-01 laufend", "1 Ziel", "5 Ziele", "Stand 2026 & mehr"}
	if !slices.Equal(got, want) {
		t.Errorf("zahlenTexte:\n got %q\nwant %q", got, want)
	}
}

var (
	reTag   = regexp.MustCompile(`(?s)<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`)
	reClass = regexp.MustCompile(`\bclass="([^"]*)"`)
	reDigit = regexp.MustCompile(`[0-9]`)
	// Elements that end a piece of text; td and th only end a cell.
	textBlock = map[string]bool{"p": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true, "h4": true,
		"h5": true, "h6": true, "div": true, "dt": true, "dd": true, "figcaption": true, "caption": true,
		"section": true, "article": true, "table": true, "ul": true, "ol": true, "dl": true, "text": true,
		"header": true, "footer": true, "nav": true, "main": true, "aside": true, "figure": true, "body": true}
	// Elements whose text is not compared: code, the page head, and the
	// title and description of SVG maps, which repeat the boxes and the
	// figure caption that are compared.
	skipText = map[string]bool{"script": true, "style": true, "head": true, "title": true, "desc": true}
	void     = map[string]bool{"img": true, "br": true, "hr": true, "input": true, "meta": true, "link": true,
		"source": true, "wbr": true, "col": true, "area": true, "base": true, "track": true, "embed": true}
)

// zahlenTexte returns the pieces of visible text that contain a digit,
// leaving out every element of class "fiktiv" with all it contains.
func zahlenTexte(t *testing.T, data []byte) []string {
	t.Helper()
	src := string(data)
	var out []string
	var cur strings.Builder
	flush := func() {
		s := strings.Join(strings.Fields(html.UnescapeString(cur.String())), " ")
		cur.Reset()
		if reDigit.MatchString(s) {
			out = append(out, s)
		}
	}
	skipName, skipDepth := "", 0 // inside an element left out
	last := 0
	for _, m := range reTag.FindAllStringSubmatchIndex(src, -1) {
		text := src[last:m[0]]
		last = m[1]
		if skipName == "" {
			cur.WriteString(text)
		}
		if m[4] < 0 {
			continue // comment
		}
		closing := m[3] > m[2]
		name := strings.ToLower(src[m[4]:m[5]])
		attrs := src[m[6]:m[7]]
		selfClosing := void[name] || strings.HasSuffix(strings.TrimSpace(attrs), "/")
		if skipName != "" {
			if name == skipName && !selfClosing {
				if closing {
					skipDepth--
				} else {
					skipDepth++
				}
				if skipDepth == 0 {
					skipName = ""
				}
			}
			continue
		}
		if !closing && !selfClosing {
			marked := false
			if c := reClass.FindStringSubmatch(attrs); c != nil {
				marked = slices.Contains(strings.Fields(c[1]), "fiktiv")
			}
			if marked || skipText[name] {
				skipName, skipDepth = name, 1
				continue
			}
		}
		switch {
		case textBlock[name]:
			flush()
		case name == "td" || name == "th":
			if closing {
				cur.WriteString(" | ")
			}
		default:
			cur.WriteString(" ")
		}
	}
	cur.WriteString(src[last:])
	flush()
	return out
}

// echteZeilen returns the rows of a CSV table that belong to real
// strategies; every table must say which strategy a row belongs to and
// whether it is fictional.
func echteZeilen(t *testing.T, data []byte) []string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Errorf("CSV nicht lesbar: %v", err)
		return nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	_, hasStrategie := col["strategie"]
	bsp, hasBeispiel := col["beispiel"]
	if !hasStrategie || !hasBeispiel {
		t.Errorf("CSV ohne Spalten strategie und beispiel: %v", rows[0])
		return nil
	}
	out := []string{strings.Join(rows[0], ";")}
	for _, row := range rows[1:] {
		if row[bsp] != "ja" {
			out = append(out, strings.Join(row, ";"))
		}
	}
	return out
}

// echteDaten returns the lines of indented agenda.json that hold a digit,
// without the entries marked "beispiel": true and without the separate
// sums of the examples ("beispiel": {…}).
func echteDaten(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Errorf("agenda.json: %v", err)
		return nil
	}
	var prune func(v any) any
	prune = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if _, isBool := c.(bool); k == "beispiel" && !isBool {
					delete(x, k)
					continue
				}
				x[k] = prune(c)
			}
		case []any:
			var keep []any
			for _, c := range x {
				if o, ok := c.(map[string]any); ok && o["beispiel"] == true {
					continue
				}
				keep = append(keep, prune(c))
			}
			return keep
		}
		return v
	}
	out, _ := json.MarshalIndent(prune(v), "", " ")
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if reDigit.MatchString(l) {
			lines = append(lines, l)
		}
	}
	return lines
}

// multisetDiff lists the texts that occur more often in one list than in
// the other; "" if both hold the same.
func multisetDiff(with, without []string) string {
	n := map[string]int{}
	for _, s := range with {
		n[s]++
	}
	for _, s := range without {
		n[s]--
	}
	var lines []string
	for s, c := range n {
		switch {
		case c > 0:
			lines = append(lines, fmt.Sprintf("  + %s", s))
		case c < 0:
			lines = append(lines, fmt.Sprintf("  − %s", s))
		}
	}
	slices.Sort(lines)
	if len(lines) > 40 {
		lines = append(lines[:40], fmt.Sprintf("  … und %d weitere", len(lines)-40))
	}
	return strings.Join(lines, "\n")
}
