package serve

import (
	"strings"
	"testing"

	"tdsite/internal/testsite"
	"tdsite/internal/testsite/bundled"
)

// A finding whose message carries ESC and CR (from a key written with TOML
// escapes) reaches the terminal log and the error panel escaped.
func TestFindingsEscapedInLogAndPanel(t *testing.T) {
	pv := start(t, testsite.Bundled(t, bundled.Root()))
	good := pv.read(massnahme)
	pv.write(massnahme, strings.Replace(good, "+++\n", "+++\n\"x\\u001b[2K\\rgefälscht\\u0007\" = 1\n", 1))
	pv.expect("fehler")
	_, page := pv.get("/massnahmen/bsp-01/")
	panel := page[strings.Index(page, `id="tdsite-fehler"`):]
	if strings.ContainsAny(panel, "\x1b\r\x07") || !strings.Contains(panel, `x\u001b[2K\rgefälscht\u0007`) {
		t.Errorf("error panel:\n%q", panel[:min(len(panel), 2000)])
	}
	log := pv.log.String()
	if strings.ContainsAny(log, "\x1b\r\x07") || !strings.Contains(log, `x\u001b[2K\rgefälscht\u0007`) {
		t.Errorf("terminal log:\n%q", log)
	}
}
