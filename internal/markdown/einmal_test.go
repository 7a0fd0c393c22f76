package markdown

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

// einmalFaelle are tricky texts with what Scan found in them before
// rendering collected it (tdsite a0fe0cd): links in tables, footnotes
// (listed after the text, where goldmark moves them), reference links,
// autolinks, raw HTML, and code that only looks like links.
var einmalFaelle = []struct {
	name, src string
	want      Scanned
}{
	{"tabelle", "Vorab\n\n| Quelle | Link |\n|---|---|\n| Land | [Portal](https://www.thueringen.de/portal) |\n| Bund | <https://www.bund.de/> und www.bmi.bund.de |\n", Scanned{Refs: []Ref{Ref{Dest: "https://www.thueringen.de/portal", Line: 5, Image: false}, Ref{Dest: "https://www.bund.de/", Line: 6, Image: false}, Ref{Dest: "http://www.bmi.bund.de", Line: 6, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"fussnoten", "Text mit Fußnote[^a] und [innen](/strategien/x/).\n\nWeiter[^b].\n\n[^a]: Siehe [Bericht](https://example.org/bericht.pdf)\n    und https://example.org/anhang.\n[^b]: Kontakt: info@example.org\n\nSchluss mit [Ende](#ende).\n", Scanned{Refs: []Ref{Ref{Dest: "/strategien/x/", Line: 1, Image: false}, Ref{Dest: "#ende", Line: 9, Image: false}, Ref{Dest: "https://example.org/bericht.pdf", Line: 5, Image: false}, Ref{Dest: "https://example.org/anhang", Line: 6, Image: false}, Ref{Dest: "info@example.org", Line: 7, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"referenzen", "Erst [Portal][p], dann [p] und [Bild-Ref][b].\n\n![Logo][b]\n\n[p]: https://www.thueringen.de/ \"Titel\"\n[b]: /bilder/logo.png\n", Scanned{Refs: []Ref{Ref{Dest: "https://www.thueringen.de/", Line: 1, Image: false}, Ref{Dest: "https://www.thueringen.de/", Line: 1, Image: false}, Ref{Dest: "/bilder/logo.png", Line: 1, Image: false}, Ref{Dest: "/bilder/logo.png", Line: 3, Image: true}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"autolinks", "<https://a.example/x?y=1&amp;z=2> <mailto:post@example.org> www.example.com/pfad.\nZweite Zeile tel:+49361 und https://b.example/c, dann <post@example.net>.\n", Scanned{Refs: []Ref{Ref{Dest: "https://a.example/x?y=1&z=2", Line: 1, Image: false}, Ref{Dest: "mailto:post@example.org", Line: 1, Image: false}, Ref{Dest: "http://www.example.com/pfad", Line: 1, Image: false}, Ref{Dest: "https://b.example/c", Line: 2, Image: false}, Ref{Dest: "post@example.net", Line: 2, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"html", "Absatz <span class=\"x\">inline</span> und <!-- Notiz --> Ende.\n\n<div>\n<a href=\"https://c.example/\">Block</a>\n</div>\n\n<!--\nKommentarblock\n-->\n\nNach dem Block <b>fett</b>.\n", Scanned{Refs: []Ref(nil), HTML: []RawHTML{RawHTML{HTML: "<span class=\"x\">", Line: 1}, RawHTML{HTML: "</span>", Line: 1}, RawHTML{HTML: "<div>\n<a href=\"https://c.example/\">Block</a>\n</div>\n", Line: 3}, RawHTML{HTML: "<b>", Line: 11}, RawHTML{HTML: "</b>", Line: 11}}, TiefeZeile: 0}},
	{"code", "Code `[kein](https://nicht.example/)` und `www.nein.example`.\n\n```\n[auch kein](https://fence.example/)\nhttps://fence2.example/\n```\n\n    [eingerückt](https://indent.example/)\n\nAber [ja](https://ja.example/).\n", Scanned{Refs: []Ref{Ref{Dest: "https://ja.example/", Line: 10, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"entitaeten", "[js](javascript&#58;alert(1)) [leer]() [leer2](<>) [raum](<a b>)\n![extern](https://img.example/a.png) [**fett** *kursiv*](https://d.example/)\n", Scanned{Refs: []Ref{Ref{Dest: "javascript:alert(1)", Line: 1, Image: false}, Ref{Dest: "", Line: 1, Image: false}, Ref{Dest: "", Line: 1, Image: false}, Ref{Dest: "a b", Line: 1, Image: false}, Ref{Dest: "https://img.example/a.png", Line: 2, Image: true}, Ref{Dest: "https://d.example/", Line: 2, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"verschachtelt", "> Zitat mit [Link](https://e.example/)\n> - Liste [L2](/seite/)\n>   1. tief https://f.example/\n\n- a\n  - b [B](https://g.example/)\n\n## Überschrift [H](https://h.example/)\n", Scanned{Refs: []Ref{Ref{Dest: "https://e.example/", Line: 1, Image: false}, Ref{Dest: "/seite/", Line: 2, Image: false}, Ref{Dest: "https://f.example/", Line: 3, Image: false}, Ref{Dest: "https://g.example/", Line: 6, Image: false}, Ref{Dest: "https://h.example/", Line: 8, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"zeilen", "Satz eins mit [A](https://i.example/).\nSatz zwei mit ![](/bilder/leer.png)\nSatz drei www.j.example\n", Scanned{Refs: []Ref{Ref{Dest: "https://i.example/", Line: 1, Image: false}, Ref{Dest: "/bilder/leer.png", Line: 1, Image: true}, Ref{Dest: "http://www.j.example", Line: 3, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
	{"klammern", "[Open Data]{lang=en} und [Anschrift eintragen] und [Text](https://k.example/){lang=en}.\n", Scanned{Refs: []Ref{Ref{Dest: "https://k.example/", Line: 1, Image: false}}, HTML: []RawHTML(nil), TiefeZeile: 0}},
}

// Rendering a text yields the same links, images and raw HTML as scanning
// it on its own, whatever the options, and parses it once for both.
func TestRenderSammeltWasScanFindet(t *testing.T) {
	for _, c := range einmalFaelle {
		if got := Scan([]byte(c.src)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Scan = %#v,\nwant %#v", c.name, got, c.want)
		}
		for _, opt := range []Options{{}, {Prefix: "p-", Offset: 2}, {Zeilen: true}} {
			r := New(false)
			parses := countParses(t)
			if html := r.Render([]byte(c.src), opt); html == "" {
				t.Errorf("%s %+v: nothing rendered", c.name, opt)
			}
			got, p := r.Scanned([]byte(c.src))
			if p != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s %+v: collected %#v, %v,\nwant %#v", c.name, opt, got, p, c.want)
			}
			r.Render([]byte(c.src), opt)
			if n := parses(); n != 1 {
				t.Errorf("%s %+v: parsed %d times, want once", c.name, opt, n)
			}
		}
	}
}

// A text with a problem is not rendered; the problem is what the checks
// get, and a text refused before parsing is never parsed.
func TestRenderVerweigertProblemtexte(t *testing.T) {
	r := New(false)
	parses := countParses(t)
	tief := []byte(strings.Repeat("> ", MaxDepth+1) + "zu tief\n")
	if html := r.Render(tief, Options{}); html != "" {
		t.Errorf("rendered a text that is too deep: %s", html)
	}
	if _, p := r.Scanned(tief); p == nil || p.Line != 1 {
		t.Errorf("problem = %+v, want one on line 1", p)
	}
	if n := parses(); n != 0 {
		t.Errorf("parsed %d times, want never", n)
	}
	betont := []byte("Text\n\n" + strings.Repeat("*a ", MaxDepth+1) + "x" + strings.Repeat(" a*", MaxDepth+1) + "\n")
	if html := r.Render(betont, Options{}); html != "" {
		t.Errorf("rendered a text nested too deep in emphasis: %s", html)
	}
	if _, p := r.Scanned(betont); p == nil || p.Line != 3 {
		t.Errorf("problem = %+v, want one on line 3", p)
	}
}

// Budget problems are handed out once: the machine may have been busy, so
// the next build tries again.
func TestBudgetproblemEinmal(t *testing.T) {
	saved := ScanBudget
	ScanBudget = 0
	t.Cleanup(func() { ScanBudget = saved })
	r := New(false)
	src := []byte("Ein [Link](https://a.example/).\n")
	if html := r.Render(src, Options{}); html != "" {
		t.Errorf("rendered beyond the budget: %s", html)
	}
	if _, p := r.Scanned(src); p == nil || !p.budget {
		t.Fatalf("problem = %+v, want the budget", p)
	}
	ScanBudget = saved
	if s, p := r.Scanned(src); p != nil || len(s.Refs) != 1 {
		t.Errorf("second look = %+v, %v; want the link, no problem", s, p)
	}
	// Parsed fine once, the text is known to finish: another rendering
	// of it (other options, a page rendered after the checks) is not
	// limited, so it never ends up empty with no check reporting it.
	ScanBudget = 0
	if html := r.Render(src, Options{Offset: 1}); html == "" {
		t.Error("a text parsed before was emptied by the budget")
	}
	if _, p := r.Scanned(src); p != nil {
		t.Errorf("problem = %+v after rendering a text parsed before", p)
	}
}

// countParses counts the parses of each text from now on; it returns how
// often the most parsed text was parsed.
func countParses(t *testing.T) func() int {
	var mu sync.Mutex
	n := map[string]int{}
	OnParse = func(src []byte) {
		mu.Lock()
		n[string(src)]++
		mu.Unlock()
	}
	t.Cleanup(func() { OnParse = nil })
	return func() int {
		mu.Lock()
		defer mu.Unlock()
		most := 0
		for _, c := range n {
			most = max(most, c)
		}
		return most
	}
}

// RenderAll fills the cache on all cores: Render then parses nothing, and
// a text that repeats is parsed once.
func TestRenderAllEinmal(t *testing.T) {
	var texts [][]byte
	for i := range 50 {
		texts = append(texts, []byte(einmalFaelle[i%len(einmalFaelle)].src))
	}
	r := New(false)
	parses := countParses(t)
	r.RenderAll(texts, Options{Offset: 1})
	if n := parses(); n != 1 {
		t.Errorf("a repeated text was parsed %d times, want once", n)
	}
	for _, c := range einmalFaelle {
		want := New(false).Render([]byte(c.src), Options{Offset: 1})
		if got := r.Render([]byte(c.src), Options{Offset: 1}); got != want {
			t.Errorf("%s: RenderAll gave\n%s\nwant\n%s", c.name, got, want)
		}
	}
	if n := parses(); n != 2 {
		t.Errorf("Render parsed again after RenderAll (%d parses of one text, want 1 + 1 for the fresh renderer)", n)
	}
}

// Einmal hands out what RenderAll rendered and forgets it, but only in a
// renderer of one build (EinmalFreigeben): asked again it renders the same
// HTML without keeping it, and a renderer for the preview keeps it.
func TestEinmalGibtFrei(t *testing.T) {
	opt := Options{Offset: 1}
	var texts [][]byte
	for _, c := range einmalFaelle {
		texts = append(texts, []byte(c.src))
	}
	for _, frei := range []bool{true, false} {
		r := New(false)
		if frei {
			r.EinmalFreigeben()
		}
		r.RenderAll(texts, opt)
		held := r.Cached()
		if held == 0 {
			t.Fatal("RenderAll kept nothing")
		}
		parses := countParses(t)
		src := texts[0]
		want := New(false).Render(src, opt)
		if want == "" {
			t.Fatalf("%s renders to nothing: pick another text", einmalFaelle[0].name)
		}
		for i := range 2 {
			if got := r.Einmal(src, opt); got != want {
				t.Errorf("frei=%v, call %d: Einmal gave\n%s\nwant\n%s", frei, i+1, got, want)
			}
			wantHeld := held
			if frei {
				wantHeld = held - 1
			}
			if n := r.Cached(); n != wantHeld {
				t.Errorf("frei=%v, call %d: %d texts held, want %d", frei, i+1, n, wantHeld)
			}
		}
		// The fresh renderer parsed once; a freed text is parsed again.
		wantParses := 1
		if frei {
			wantParses = 2
		}
		if n := parses(); n != wantParses {
			t.Errorf("frei=%v: the text was parsed %d times, want %d", frei, n, wantParses)
		}
		if got := r.Einmal([]byte(" \n"), opt); got != "" {
			t.Errorf("frei=%v: blank text gave %q", frei, got)
		}
	}
}

// A text that RenderAll was given three times (three copies of a measure)
// is handed out three times from the cache and only then let go.
func TestEinmalWiederholterText(t *testing.T) {
	opt := Options{}
	src := []byte(einmalFaelle[0].src)
	other := []byte("Ein anderer Text mit *Betonung*.")
	r := New(false)
	r.EinmalFreigeben()
	r.RenderAll([][]byte{src, other, src, src}, opt)
	held := r.Cached()
	parses := countParses(t)
	want := New(false).Render(src, opt)
	for i := range 3 {
		if got := r.Einmal(src, opt); got != want {
			t.Errorf("call %d: Einmal gave\n%s\nwant\n%s", i+1, got, want)
		}
		wantHeld := held
		if i == 2 {
			wantHeld = held - 1
		}
		if n := r.Cached(); n != wantHeld {
			t.Errorf("after call %d: %d texts held, want %d", i+1, n, wantHeld)
		}
	}
	if n := parses(); n != 1 { // the fresh renderer's parse for want
		t.Errorf("the text was parsed %d times, want once (for the comparison)", n)
	}
	r.Einmal(other, opt)
	if n := r.Cached(); n != held-2 {
		t.Errorf("a text given once is not let go after its one use: %d held, want %d", n, held-2)
	}
}
