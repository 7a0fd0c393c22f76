package opendata

import (
	"bytes"
	"encoding/json"

	"tdsite/internal/agenda"
)

// Indent is indent for the tests of package opendata_test.
var Indent = indent

// JSONInEinemStueck encodes the agenda as JSON did before it wrote the
// document in pieces: encoded in one go, then indented by json.Indent.
func JSONInEinemStueck(a *agenda.Agenda, abs func(string) string) ([]byte, error) {
	var compact, b bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dokumentVon(a, abs)); err != nil {
		return nil, err
	}
	err := json.Indent(&b, compact.Bytes(), "", "  ")
	return b.Bytes(), err
}
