package decode

import (
	"fmt"
	"strconv"

	"tdsite/internal/diag"
)

// Clean refuses raw control bytes, but TOML can write them as escapes
// ("\u001b[31m", "\u0000"): the parsed strings would carry ESC into the HTML
// and NUL into the CSV and the feed. Every string and every key of the parsed
// document is checked here, once, so no field can be forgotten.

// controlChar returns the first control character in s that no text needs,
// and false if there is none. With lines, tab and line feed stay allowed:
// multi-line texts use them, and "\t" and "\n" in a one-line text mean the same.
func controlChar(s string, lines bool) (rune, bool) {
	for _, r := range s {
		if lines && (r == '\t' || r == '\n') {
			continue
		}
		if r < 0x20 || r >= 0x7f && r <= 0x9f {
			return r, true
		}
	}
	return 0, false
}

// checkControl walks the parsed tree in key order (so the finding is
// stable) and reports the first string or key with a control character.
func checkControl(doc *Document) *diag.Diagnostic {
	return walkControl(doc, "", doc.Root)
}

func walkControl(doc *Document, path string, v any) *diag.Diagnostic {
	switch x := v.(type) {
	case string:
		if r, ok := controlChar(x, true); ok {
			return controlFinding(doc, path, r, "Der Text")
		}
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := join(path, k)
			if r, ok := controlChar(k, false); ok { // a key is one line
				return controlFinding(doc, p, r, "Der Schlüssel")
			}
			if d := walkControl(doc, p, x[k]); d != nil {
				return d
			}
		}
	case []any:
		for i, it := range x {
			if d := walkControl(doc, path+"["+strconv.Itoa(i)+"]", it); d != nil {
				return d
			}
		}
	case []map[string]any:
		for i, it := range x {
			if d := walkControl(doc, path+"["+strconv.Itoa(i)+"]", it); d != nil {
				return d
			}
		}
	}
	return nil
}

func controlFinding(doc *Document, path string, r rune, what string) *diag.Diagnostic {
	other := fmt.Sprintf("\\x%02X", r)
	if r == 0x1b {
		other += " oder \\e"
	}
	allowed := "in Texten sind nur Zeilenumbruch (\\n) und Tabulator (\\t) erlaubt."
	if what == "Der Schlüssel" {
		allowed = "Schlüssel enthalten keine Steuerzeichen, auch keinen Zeilenumbruch."
	}
	return &diag.Diagnostic{
		Pos:      diag.Pos{File: doc.File, Line: doc.Index.Line(path)},
		Severity: diag.Error, Rule: "kodierung",
		Message: fmt.Sprintf("%s bei „%s“ enthält ein unsichtbares Steuerzeichen (U+%04X), geschrieben als Escape-Folge.", what, path, r),
		Hint: fmt.Sprintf("Löschen Sie die Escape-Folge \\u%04X (auch als %s geschrieben). "+
			"Steuerzeichen stören Terminals, den Feed und die Offenen Daten; %s", r, other, allowed),
	}
}
