package htmlesc

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"testing"
)

// viaTemplate is what html/template writes for v in element content and in
// a quoted attribute.
func viaTemplate(t testing.TB, v any) (text, attr string) {
	t.Helper()
	var b strings.Builder
	tpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p>`))
	if err := tpl.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<p title="`), "</p>")
	attr, text, _ = strings.Cut(s, `">`)
	return text, attr
}

func TestWieHTMLTemplate(t *testing.T) {
	for _, s := range []string{"", "Ziel 2030: 50 %", `a<b>&"c'+d`, "\x00x", "Maßnahme – Ü", "\xff\xfe kaputt",
		"\uFFFD\uFDD0\uFDEF\uFFF0\uFFFF\uFDCF", "Tab\tund\nZeile"} {
		text, attr := viaTemplate(t, s)
		if got := String(s); got != text || got != attr {
			t.Errorf("String(%q) = %q, html/template: Text %q, Attribut %q", s, got, text, attr)
		}
	}
}

func TestFloatWieHTMLTemplate(t *testing.T) {
	for _, v := range []float64{0, 44, 155.3, -4.5, 0.1, 1e21, 1e-7, 123456789, math.MaxFloat64} {
		text, _ := viaTemplate(t, v)
		if got := string(AppendFloat(nil, v)); got != text {
			t.Errorf("AppendFloat(%v) = %q, html/template %q", v, got, text)
		}
	}
}

// viaHref is what html/template writes for s in an href after prefix
// ("": the whole URL, "/x#": its fragment).
func viaHref(t testing.TB, prefix, s string) string {
	t.Helper()
	var b strings.Builder
	if err := template.Must(template.New("").Parse(`<a href="`+prefix+`{{.}}">`)).Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`+prefix), `">`)
}

func TestURLWieHTMLTemplate(t *testing.T) {
	for _, s := range []string{"/strategien/k160/massnahmen/K160-101/", "/agenda/?a=1&b=2#x", "https://example.org/ä ö",
		"javascript:alert(1)", "JavaScript:x", "mailto:a@b", "/x:y", "%41%4", "%zz", "/%2F%", "100%", "a'b\"c<d>", "\x00\xff"} {
		if got, want := string(AppendURL(nil, s)), viaHref(t, "", s); got != want {
			t.Errorf("AppendURL(%q) = %q, html/template %q", s, got, want)
		}
	}
}

// Each input is checked as a whole URL and as the part after # of one.
func FuzzURLWieHTMLTemplate(f *testing.F) {
	f.Add("/a b/%41%g?x=ü&y='1'#z")
	f.Add("data:text")
	f.Add("auf-kurs")
	f.Add("a b/%41?x=ü&y='1'#z+")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(AppendURL(nil, s)), viaHref(t, "", s); got != want {
			t.Fatalf("AppendURL(%q) = %q, html/template %q", s, got, want)
		}
		if got, want := string(AppendURLPart(nil, s)), viaHref(t, "/x#", s); got != want {
			t.Fatalf("AppendURLPart(%q) = %q, html/template %q", s, got, want)
		}
	})
}

func FuzzWieHTMLTemplate(f *testing.F) {
	f.Add("a+b<\x00\xff\uFFFE")
	f.Fuzz(func(t *testing.T, s string) {
		text, attr := viaTemplate(t, s)
		if got := String(s); got != text || got != attr {
			t.Fatalf("String(%q) = %q, html/template: %q / %q", s, got, text, attr)
		}
	})
}

func ExampleString() {
	fmt.Println(String(`Ziel "A+B" < 5 & mehr`))
	// Output: Ziel &#34;A&#43;B&#34; &lt; 5 &amp; mehr
}
