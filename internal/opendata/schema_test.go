package opendata_test

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tdsite/internal/agenda"
	"tdsite/internal/build"
	"tdsite/internal/opendata"
	"tdsite/internal/testkit"
	"tdsite/internal/urlpath"
)

// validate checks doc against the subset of JSON Schema 2020-12 that
// agenda.schema.json uses: $ref to $defs, type, properties, required,
// additionalProperties: false, items, enum, oneOf, pattern, minimum.
// Unknown keywords fail the test, so the schema cannot silently use more.
func validate(root, s map[string]any, doc any, path string, errs *[]string) {
	fail := func(format string, args ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(format, args...)) }
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			fail("unbekannter Verweis %s", ref)
			return
		}
		validate(root, def, doc, path, errs)
		return
	}
	for k := range s {
		switch k {
		case "type", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "pattern",
			"minimum", "description", "format", "title", "$schema", "$id", "$defs":
		default:
			fail("Schlüsselwort %s wird vom Test nicht unterstützt", k)
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, sub := range one {
			var e []string
			validate(root, sub.(map[string]any), doc, path, &e)
			if len(e) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("passt auf %d statt genau eine Alternative", n)
		}
		return
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch x := t.(type) {
		case string:
			types = []string{x}
		case []any:
			for _, y := range x {
				types = append(types, y.(string))
			}
		}
		if !hasType(doc, types) {
			fail("Typ %T passt nicht zu %v", doc, types)
			return
		}
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, v := range e {
			found = found || v == doc
		}
		if !found {
			fail("%v ist nicht erlaubt", doc)
		}
	}
	if p, ok := s["pattern"].(string); ok {
		if str, ok := doc.(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q passt nicht zu %s", str, p)
		}
	}
	if m, ok := s["minimum"].(float64); ok {
		if n, ok := doc.(float64); ok && n < m {
			fail("%v < %v", n, m)
		}
	}
	switch d := doc.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := d[r]; !ok {
				fail("Pflichtfeld %s fehlt", r)
			}
		}
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("Feld %s steht nicht im Schema", k)
				}
				continue
			}
			validate(root, sub, d[k], path+"."+k, errs)
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, v := range d {
				validate(root, items, v, fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	}
}

func hasType(v any, types []string) bool {
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "number":
			if _, ok := v.(float64); ok {
				return true
			}
		case "integer":
			if f, ok := v.(float64); ok && f == math.Trunc(f) {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}

func asStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

func dokument(t *testing.T) (doc map[string]any, schema map[string]any) {
	t.Helper()
	p := testkit.Prepare(t, testkit.Root(), build.Prepare)
	a := agenda.Build(p.Model)
	abs := func(s string) string { return urlpath.Abs(p.Config.BaseURL, s) }
	data, err := opendata.JSON(a, abs)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(opendata.Schema(abs), &schema); err != nil {
		t.Fatalf("agenda.schema.json ist kein gültiges JSON: %v", err)
	}
	return doc, schema
}

func TestJSONPasstZumSchema(t *testing.T) {
	doc, schema := dokument(t)
	var errs []string
	validate(schema, schema, doc, "agenda", &errs)
	for _, e := range errs {
		t.Error(e)
	}
	if v := doc["schema_version"]; v != opendata.SchemaVersion {
		t.Errorf("schema_version %v, erwartet %s", v, opendata.SchemaVersion)
	}
	if id, _ := schema["$id"].(string); id != doc["$schema"] || !strings.HasPrefix(id, "https://") {
		t.Errorf("$id des Schemas %q passt nicht zu $schema %q", id, doc["$schema"])
	}
}

// TestSchemaErkenntAbweichungen makes sure the check above can fail: an
// unknown field, a wrong type and a missing required field are reported.
func TestSchemaErkenntAbweichungen(t *testing.T) {
	doc, schema := dokument(t)
	m := doc["massnahmen"].([]any)[0].(map[string]any)
	m["unbekannt"] = 1
	m["status"] = "erledigt"
	delete(m, "titel")
	var errs []string
	validate(schema, schema, doc, "agenda", &errs)
	joined := strings.Join(errs, "\n")
	for _, want := range []string{"Feld unbekannt", "erledigt", "Pflichtfeld titel"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Abweichung „%s“ nicht erkannt; Meldungen:\n%s", want, joined)
		}
	}
}

// IDs of all entities are unique within their kind.
func TestIDsEindeutig(t *testing.T) {
	doc, _ := dokument(t)
	for _, kind := range []string{"strategien", "handlungsfelder", "akteure", "ziele", "initiativen", "massnahmen", "messwerte"} {
		seen := map[string]bool{}
		for _, e := range doc[kind].([]any) {
			id := e.(map[string]any)["id"].(string)
			if seen[id] {
				t.Errorf("%s: ID %s doppelt", kind, id)
			}
			seen[id] = true
		}
	}
}

// BenchmarkDaten measures writing all open data files of the bundled site.
func BenchmarkDaten(b *testing.B) {
	p := testkit.Prepare(b, testkit.Root(), build.Prepare)
	files := opendata.Dateien(agenda.Build(p.Model))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := f.Inhalt(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
