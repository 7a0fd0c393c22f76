package landkarte_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tdsite/internal/landkarte"
	"tdsite/internal/testkit"
)

// TestGroesseInEm: both drawings state their size in em, so that they and
// their labels grow with the reader's text size (WCAG 1.4.4); at the
// default 16 px the size is the drawing's own size in px.
func TestGroesseInEm(t *testing.T) {
	s := bundled(t)
	m, err := landkarte.ForStrategy(s.Strategie("beispiel-kommunen"), ident)
	if err != nil {
		t.Fatal(err)
	}
	groesse := regexp.MustCompile(`^<svg [^>]*width="([0-9.]+)em" height="([0-9.]+)em" viewBox="0 0 ([0-9.]+) ([0-9.]+)"`)
	for name, svg := range map[string]string{"breit": string(m.SVG()), "schmal": string(m.SVGNarrow())} {
		g := groesse.FindStringSubmatch(svg)
		if g == nil {
			t.Errorf("%s: keine Größe in em: %.200s", name, svg)
			continue
		}
		for i, achse := range []string{"Breite", "Höhe"} {
			em, _ := strconv.ParseFloat(g[1+i], 64)
			px, _ := strconv.ParseFloat(g[3+i], 64)
			if d := em*16 - px; d > 0.05 || d < -0.05 {
				t.Errorf("%s: %s %s em ≠ %s px bei 16 px je em", name, achse, g[1+i], g[3+i])
			}
		}
	}
	// The lower bounds of the theme grow with the text, too.
	css, err := os.ReadFile(filepath.Join(testkit.Root(), "themes/thueringendigital/static/css/thueringendigital.css"))
	if err != nil {
		t.Fatal(err)
	}
	for px := 320; px <= 2400; px += 40 {
		klasse := landkarte.MinWidthClass(float64(px))
		want := fmt.Sprintf(".%s{min-width:%srem}", klasse, strconv.FormatFloat(float64(px)/16, 'f', -1, 64))
		if !strings.Contains(string(css), want) {
			t.Errorf("Stylesheet: %s fehlt", want)
		}
	}
}
