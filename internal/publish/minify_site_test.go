package publish_test

import (
	"bytes"
	"context"
	"testing"

	"tdsite/internal/build"
	"tdsite/internal/diag"
	"tdsite/internal/publish"
	"tdsite/internal/testkit"
)

// Every page of the bundled site, rendered without minifying, must come
// out of the one-pass minifier byte for byte as out of the HTML minifier,
// and nearly all pages must take the one pass: a change to the templates
// that made it give up on every page would cost a tenth of a build
// without a failing test otherwise.
func TestMinifyFastWieTdewolff(t *testing.T) {
	testkit.Slow(t)
	pages, fast := 0, 0
	for name, page := range testkit.RenderedPages(t, renderOnly) {
		pages++
		want, err := publish.MinifyWhole([]byte(page))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, ok := publish.MinifyFast(nil, []byte(page))
		if !ok {
			continue
		}
		fast++
		if !bytes.Equal(got, want) {
			t.Errorf("%s: anders verkleinert als vom HTML-Minifier\n%s", name, firstDifference(got, want))
		}
	}
	t.Logf("%d von %d Seiten in einem Durchgang", fast, pages)
	if pages < 100 || fast < pages*95/100 {
		t.Errorf("%d von %d Seiten in einem Durchgang verkleinert, erwartet sind mindestens 95 %%", fast, pages)
	}
}

// renderOnly builds the site in src without minifying (see
// testkit.RenderedPages).
func renderOnly(src, dest string) (*diag.List, error) {
	_, diags, err := build.Run(context.Background(), build.Options{Source: src, Dest: dest, NoMinify: true, BuildDate: testkit.Date})
	return diags, err
}

// firstDifference shows where got and want part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "schnell:  …" + string(got[from:min(len(got), i+80)]) + "\nMinifier: …" + string(want[from:min(len(want), i+80)])
}
