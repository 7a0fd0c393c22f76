package serve

import (
	"strings"
	"testing"

	"tdsite/internal/testkit"
)

// A template that fails at render time shows in the preview like a
// content error: file and line of the template, the page, a hint; the
// last good page stays.
func TestTemplateRuntimeErrorInPreview(t *testing.T) {
	testkit.Slow(t)
	pv := start(t, testkit.Bundled(t))
	tpl := "layouts/massnahme.html"
	good := pv.read(tpl)
	pv.write(tpl, strings.Replace(good, "\n", "\n{{ index \"abc\" 10 }}\n", 1))
	pv.expect("fehler")
	code, page := pv.get("/massnahmen/bsp-01/")
	if code != 200 || !strings.Contains(page, "Schulungsprogramm") {
		t.Fatalf("last good page not served: status %d", code)
	}
	if !strings.Contains(page, "<code>"+tpl+":2</code>: Die Vorlage bricht bei der Seite /massnahmen/") ||
		!strings.Contains(page, "index out of range") || !strings.Contains(page, "Hinweis:") {
		t.Errorf("error panel does not name the template line:\n%s", page[strings.Index(page, "<body"):][:2000])
	}
	pv.write(tpl, good)
	pv.expect("reload")
	if _, page = pv.get("/massnahmen/bsp-01/"); strings.Contains(page, "tdsite-fehler") {
		t.Errorf("error panel stays after the fix")
	}
}
