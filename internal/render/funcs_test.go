package render

import (
	"testing"

	"tdsite/internal/content"
	"tdsite/internal/model"
)

func TestZahl(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", 1231: "1.231", 12.5: "12,5", 1234567.25: "1.234.567,25", -3: "−3", 0.333333: "0,33", 100: "100",
	} {
		if got := Zahl(in); got != want {
			t.Errorf("Zahl(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestWert(t *testing.T) {
	if got := Wert(50, "%"); got != "50 %" {
		t.Error(got)
	}
	if got := Wert(100, "Personen"); got != "100 Personen" {
		t.Error(got)
	}
	if Wert(1, "ja/nein") != "liegt vor" || Wert(0, "ja/nein") != "liegt nicht vor" {
		t.Error("ja/nein")
	}
}

func TestRelURL(t *testing.T) {
	f := Funcs("https://example.org/thueringen/")
	u := f["url"].(func(string) string)
	abs := f["absurl"].(func(string) string)
	if got := u("/strategien/x/"); got != "/thueringen/strategien/x/" {
		t.Errorf("url = %s", got)
	}
	if got := abs("/feed.xml"); got != "https://example.org/thueringen/feed.xml" {
		t.Errorf("absurl = %s", got)
	}
	if got := u("https://other.example/"); got != "https://other.example/" {
		t.Errorf("external url changed: %s", got)
	}
}

func TestAbbrEscapes(t *testing.T) {
	got := string(Abbr(&model.Akteur{Akteur: content.Akteur{Kuerzel: "A&B", Name: `Name "mit" <Zeichen>`}}))
	want := `<abbr title="Name &#34;mit&#34; &lt;Zeichen&gt;">A&amp;B</abbr>`
	if got != want {
		t.Errorf("Abbr = %s, want %s", got, want)
	}
	if RollenName("B/I") != "beschließend und informiert" {
		t.Error(RollenName("B/I"))
	}
}
