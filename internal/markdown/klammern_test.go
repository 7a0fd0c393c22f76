package markdown

import (
	"strings"
	"testing"
)

func TestKlammern(t *testing.T) {
	r := New(false)
	for _, c := range []struct{ in, want string }{
		{"Das Portal [Open Data]{lang=en} zeigt Daten.", `Das Portal <span lang="en">Open Data</span> zeigt Daten.`},
		{"[Bonjour]{lang=fr-CH}", `<span lang="fr-CH">Bonjour</span>`},
		{"Anschrift: [Anschrift der Redaktion eintragen]", `Anschrift: <mark class="platzhalter">[Anschrift der Redaktion eintragen]</mark>`},
		// Not a language code: left as written, so the editor sees it.
		{"[Text]{lang=englisch!}", `[Text]{lang=englisch!}`},
		// Links stay links, even with "eintragen" in the text.
		{"[Termin eintragen](https://example.org/)", `<a href="https://example.org/">Termin eintragen</a>`},
		{"[normaler Text] ohne Folgen", `[normaler Text] ohne Folgen`},
		// Escaping inside the span.
		{"[<b>x</b>]{lang=en}", `<span lang="en">&lt;b&gt;x&lt;/b&gt;</span>`},
	} {
		got := strings.TrimSpace(string(r.Inline(c.in)))
		if got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestZeilen(t *testing.T) {
	r := New(false)
	src := []byte("Das ist ein Satz.\nDas ist **noch\nein** Satz.\n\n- Eins.\n  Zwei.\n")
	if got := string(r.Render(src, Options{})); strings.Contains(got, "<br") || strings.Count(got, "<p") != 1 {
		t.Errorf("ohne Zeilen: %s", got)
	}
	want := "<p class=\"satz\">Das ist ein Satz.</p>\n<p>Das ist <strong>noch<br>\nein</strong> Satz.</p>\n<ul>\n<li>Eins.<br>\nZwei.</li>\n</ul>\n"
	if got := string(r.Render(src, Options{Zeilen: true})); got != want {
		t.Errorf("mit Zeilen:\n got %q\nwant %q", got, want)
	}
}

func TestPruefhilfen(t *testing.T) {
	if got := FalscheSprachcodes("[a]{lang=en} [b]{lang=Englisch} [c]{lang=}"); len(got) != 2 || got[0] != "Englisch" || got[1] != "" {
		t.Errorf("FalscheSprachcodes: %q", got)
	}
}
