package landkarte_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tdsite/internal/landkarte"
	"tdsite/internal/testkit"
)

// measureScript runs in Chromium: for every line of text of every map it
// compares the rendered width (real font, real shaping) with the box the
// line belongs to, and writes the overflows into the page.
const measureScript = `
const out = [];
let lines = 0;
for (const t of document.querySelectorAll("svg.sk-svg text")) {
  const node = t.closest(".sk-n");
  if (!node) continue; // column headers
  const box = node.querySelector(".sk-k");
  const b = t.getBBox(), r = box.getBBox();
  lines++;
  if (b.x < r.x || b.x + b.width > r.x + r.width - 2) {
    out.push(t.textContent + " | " + (b.x + b.width - r.x - r.width).toFixed(1) + " px");
  }
}
document.getElementById("ergebnis").textContent = "LINES " + lines + "\n" + out.join("\n");
`

// TestTextFitsInChromium renders the maps in Chromium with the site's
// stylesheet and the reader's system font (here DejaVu Sans, among the
// widest) and checks that no line of text is wider than its box: the
// width table in metrics.go must hold in a real browser.
func TestTextFitsInChromium(t *testing.T) {
	testkit.Chromium(t)
	s := bundled(t)
	css, err := os.ReadFile(filepath.Join(testkit.Root(), "themes/thueringendigital/static/css/thueringendigital.css"))
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for _, name := range []string{"beispiel-kommunen", "digitale-gesellschaft", "e-government-it-2014"} {
		m, err := landkarte.ForStrategy(s.Strategie(name), ident)
		if err != nil {
			t.Fatal(err)
		}
		body.WriteString(string(m.SVG()) + string(m.SVGNarrow()))
	}
	th, err := landkarte.Thueringen(s, ident)
	if err != nil {
		t.Fatal(err)
	}
	body.WriteString(string(th.SVG()) + string(th.SVGNarrow()))
	dir := t.TempDir()
	page := filepath.Join(dir, "karten.html")
	html := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Karten</title><style>` + string(css) +
		`.sk-schmal,.sk-breit{display:block}</style></head><body><div class="sk">` + body.String() +
		`</div><pre id="ergebnis">nicht gelaufen</pre><script>` + measureScript + `</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := testkit.Headless(ctx, t, "--dump-dom", "file://"+page)
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	res := regexp.MustCompile(`(?s)<pre id="ergebnis">(.*?)</pre>`).FindSubmatch(dom)
	if res == nil || !strings.HasPrefix(string(res[1]), "LINES ") {
		t.Fatalf("no result from the page: %.300s", dom)
	}
	lines := strings.Split(strings.TrimSpace(string(res[1])), "\n")
	t.Logf("%s lines of text measured in Chromium", strings.TrimPrefix(lines[0], "LINES "))
	for _, l := range lines[1:] {
		t.Errorf("text wider than its box in Chromium: %s", l)
	}
}
