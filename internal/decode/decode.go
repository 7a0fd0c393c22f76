// Package decode reads TOML (whole files or the +++ front matter of Markdown
// files) strictly into Go structs: unknown keys, wrong types and bad values
// become German findings with file and line, never silent drops.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"tdsite/internal/diag"
)

// Document is one parsed TOML text with the positions of its keys.
type Document struct {
	File  string
	Root  map[string]any
	Index *Index
}

// At remembers where a decoded table is written, so later checks can point
// editors at the exact line of a key. Structs get it through a field of type At.
type At struct {
	File string
	Path string
	ix   *Index
}

// Pos is the position of the table itself.
func (a At) Pos() diag.Pos { return diag.Pos{File: a.File, Line: a.ix.Line(a.Path)} }

// Key is the position of a key (or sub-path like "ziele[2]") inside the table.
func (a At) Key(key string) diag.Pos {
	return diag.Pos{File: a.File, Line: a.ix.Line(join(a.Path, key))}
}

// Text is the position of the first line of a string value's text, for
// Markdown in TOML fields: the text's line n is at Text(key).Line+n-1.
func (a At) Text(key string) diag.Pos {
	return diag.Pos{File: a.File, Line: a.ix.ValueLine(join(a.Path, key))}
}

// Has reports whether the key is written in the source.
func (a At) Has(key string) bool {
	if a.ix == nil {
		return false
	}
	return a.ix.has(join(a.Path, key))
}

// NewAt builds an At for files without TOML (for example plain Markdown).
func NewAt(file string) At { return At{File: file} }

// Unmarshaler lets a type decode itself from a raw TOML value (string, int64,
// float64, bool, time.Time, []any, map[string]any).
type Unmarshaler interface {
	UnmarshalTOMLValue(v any) error
}

// Hinter is implemented by errors that know what the editor should do.
type Hinter interface{ Hint() string }

// Clean normalises text files the way editors produce them: a UTF-8 byte order
// mark is dropped and CRLF or CR becomes LF. Invalid UTF-8 is reported with its line.
func Clean(file string, data []byte) ([]byte, *diag.Diagnostic) {
	for bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) { // tools that convert twice write two
		data = data[3:]
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		// CR LF (Windows) and a lone CR (old Mac, or "\r\r\n" from editors
		// that converted twice) both end a line, as editors count lines.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if data[i] == '\n' {
				line++
			}
			i += size
		}
		return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Rule: "kodierung",
			Message: "Die Datei enthält Zeichen, die nicht UTF-8-kodiert sind.",
			Hint:    "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ (nicht „ANSI“ oder „Windows-1252“)."}
	}
	// Invisible control characters (often pasted from PDFs or Word) end up
	// in titles and the feed, where XML does not allow them. The line is
	// counted only for a finding, not along every byte of every clean file.
	for i, c := range data {
		if c >= 0x20 && c != 0x7f || c == '\t' || c == '\n' {
			continue
		}
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		switch {
		case c == 0:
			return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Rule: "kodierung",
				Message: "Die Datei enthält Binärdaten (Null-Bytes) und ist keine Textdatei.",
				Hint:    "Legen Sie hier nur Text-, Markdown- oder TOML-Dateien ab."}
		default:
			return nil, &diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Rule: "kodierung",
				Message: fmt.Sprintf("Die Zeile enthält ein unsichtbares Steuerzeichen (U+%04X).", c),
				Hint:    "Löschen Sie die Zeile und schreiben Sie sie neu; solche Zeichen entstehen oft beim Kopieren aus PDF- oder Word-Dateien."}
		}
	}
	return data, nil
}

// Parse parses TOML text. firstLine is the line number of the first line of
// src in the file (front matter starts on line 2).
func Parse(file string, src []byte, firstLine int) (*Document, *diag.Diagnostic) {
	if d := guard(file, src, firstLine); d != nil {
		return nil, d
	}
	if root, ix, ok := fastParse(src, firstLine); ok {
		// Strings with control characters are left to the general path, so
		// checkControl would find nothing here.
		return &Document{File: file, Root: root, Index: ix}, nil
	}
	return parseGeneral(file, src, firstLine)
}

// parseGeneral reads any TOML, valid or not: BurntSushi/toml for the values
// and the errors, the scanner for the lines of the keys.
func parseGeneral(file string, src []byte, firstLine int) (*Document, *diag.Diagnostic) {
	root := map[string]any{}
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&root); err != nil {
		d := syntaxError(file, err, firstLine)
		return nil, &d
	}
	doc := &Document{File: file, Root: root, Index: buildIndex(src, firstLine)}
	if d := checkControl(doc); d != nil {
		return nil, d
	}
	return doc, nil
}

var reLine = regexp.MustCompile(`line (\d+)`)

// syntaxError turns a TOML parser error into a German finding.
func syntaxError(file string, err error, firstLine int) diag.Diagnostic {
	var pe toml.ParseError
	line, msg := 0, err.Error()
	if errors.As(err, &pe) {
		line, msg = pe.Position.Line, pe.Message
	} else if m := reLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	if line > 0 {
		line += firstLine - 1
	}
	text, hint := translateSyntax(msg)
	return diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Rule: "toml-syntax",
		Message: text, Hint: hint}
}

// syntaxMessages translate the TOML parser's messages that editors meet;
// the rest keeps the parser's English text after a German lead-in.
var syntaxMessages = []struct {
	re         *regexp.Regexp
	text, hint string // text may use $1 from re
}{
	{regexp.MustCompile(`Key '([^']*)' (has already been defined|was already created)`),
		"Der Schlüssel „$1“ ist doppelt angegeben.",
		"Jeder Schlüssel darf je Tabelle nur einmal vorkommen. Löschen oder benennen Sie die Wiederholung um; für Listen von Einträgen schreiben Sie [[name]] statt [name]."},
	{regexp.MustCompile(`strings cannot contain newlines|unexpected EOF.*string|unterminated`),
		"Ein Text in Anführungszeichen wird nicht geschlossen.",
		"Jeder Text braucht ein schließendes \" in derselben Zeile. Für Texte über mehrere Zeilen schreiben Sie \"\"\"…\"\"\"."},
	{regexp.MustCompile(`expected a comma \(','\) or array terminator`),
		"Eine Liste in eckigen Klammern wird nicht richtig fortgesetzt oder nicht geschlossen.",
		"Trennen Sie die Einträge mit Kommas und schließen Sie die Liste mit ], z. B. [\"TMDI\", \"TMIK\"]."},
	{regexp.MustCompile(`inline table terminator|newlines not allowed within inline tables`),
		"Eine Tabelle in geschweiften Klammern wird nicht richtig fortgesetzt oder nicht in derselben Zeile geschlossen.",
		"Schreiben Sie sie in eine Zeile, z. B. basis = { wert = 12, datum = \"31.12.2023\" }."},
	{regexp.MustCompile(`(\S+) is out of range`),
		"Die Zahl $1 ist zu groß.",
		"Prüfen Sie die Zahl auf zusätzliche Ziffern."},
	{regexp.MustCompile(`expected '\.' or '='`),
		"Nach dem Schlüssel fehlt das Gleichheitszeichen, oder der Schlüssel enthält Leerzeichen oder Sonderzeichen.",
		"Schreiben Sie schluessel = wert. Schlüssel bestehen aus Kleinbuchstaben, Ziffern, _ und -."},
	{regexp.MustCompile(`expected a top-level item to end with a newline|expected value but found|unexpected EOF; expected value`),
		"Der Wert ist nicht lesbar.",
		"Texte stehen in Anführungszeichen (titel = \"…\"), Zahlen ohne (zielwert = 50), Listen in eckigen Klammern ([\"a\", \"b\"])."},
	{regexp.MustCompile(`invalid escape`),
		"Ungültige Escape-Sequenz mit \\.",
		"Ein Backslash \\ leitet in \"…\" eine Sonderzeichen-Folge ein. Schreiben Sie \\\\ für einen Backslash oder nutzen Sie '…'."},
	{regexp.MustCompile(`invalid datetime: "([^"]*)"`),
		"Das Datum „$1“ gibt es nicht (invalid datetime: \"$1\").",
		"Prüfen Sie Tag, Monat und Uhrzeit. Ohne Anführungszeichen liest TOML ein Datum als JJJJ-MM-TT; schreiben Sie Daten am besten in Anführungszeichen, z. B. datum = \"31.12.2025\"."},
	{regexp.MustCompile(`unexpected EOF|end of file`),
		"Die Datei endet, bevor eine Angabe vollständig ist.",
		"Prüfen Sie, ob jedes \" und \"\"\" ein schließendes Gegenstück hat und jede [ und { geschlossen wird."},
}

func translateSyntax(msg string) (string, string) {
	for _, m := range syntaxMessages {
		if sub := m.re.FindStringSubmatchIndex(msg); sub != nil {
			text := string(m.re.ExpandString(nil, m.text, msg, sub))
			return "TOML-Syntaxfehler: " + text, m.hint
		}
	}
	return "TOML-Syntaxfehler: " + msg,
		"Vergleichen Sie die Zeile mit den Beispielen in docs/inhaltsformat.md."
}

// SplitFrontMatter separates "+++" TOML front matter from the Markdown body.
// It returns the front matter, the body and the line number on which the body
// starts. Files without front matter are all body.
func SplitFrontMatter(data []byte) (front []byte, body []byte, bodyLine int, ok bool) {
	first, rest, more := bytes.Cut(data, []byte("\n"))
	if !bytes.Equal(bytes.TrimRight(first, " \t"), []byte("+++")) {
		return nil, data, 1, true
	}
	if !more { // "+++" and nothing else: the head is never closed
		return nil, nil, 0, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		nl := bytes.IndexByte(rest[off:], '\n')
		end := len(rest)
		if nl >= 0 {
			end = off + nl
		}
		if bytes.Equal(bytes.TrimRight(rest[off:end], " \t"), []byte("+++")) {
			body := []byte{}
			if end < len(rest) {
				body = rest[end+1:]
			}
			return rest[:off], body, line + 1, true
		}
		if nl < 0 {
			break
		}
		off = end + 1
		line++
	}
	return nil, nil, 0, false
}

// Decode fills v (a pointer to a struct) from the document root.
func (doc *Document) Decode(v any, l *diag.List) {
	d := &decoder{doc: doc, diags: l}
	d.value(keyPath{idx: -1}, "", doc.Root, reflect.ValueOf(v).Elem())
}

// At returns the position handle of the table at path.
func (doc *Document) At(path string) At { return At{File: doc.File, Path: path, ix: doc.Index} }

type decoder struct {
	doc   *Document
	diags *diag.List
}

func (d *decoder) pos(path string) diag.Pos {
	return diag.Pos{File: d.doc.File, Line: d.doc.Index.Line(path)}
}

var (
	unmarshalerType = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
	atType          = reflect.TypeOf(At{})
)

// keyPath is the path of a value, put together only when a table, a list
// or a finding needs it: most values are texts, numbers and dates, which
// need no path of their own.
type keyPath struct {
	base string // path of the table or list that holds the value
	key  string // the value's key in that table
	idx  int    // the value's index in that list; -1 for a table's value
}

func (p keyPath) String() string {
	if p.idx >= 0 {
		return p.base + "[" + strconv.Itoa(p.idx) + "]"
	}
	return join(p.base, p.key)
}

// value decodes src into dst. key is the last key name, for messages.
func (d *decoder) value(path keyPath, key string, src any, dst reflect.Value) {
	if dst.CanAddr() && dst.Addr().Type().Implements(unmarshalerType) {
		if err := dst.Addr().Interface().(Unmarshaler).UnmarshalTOMLValue(src); err != nil {
			hint := ""
			var h Hinter
			if errors.As(err, &h) {
				hint = h.Hint()
			}
			d.diags.Errorf(d.pos(path.String()), "wert", hint, "Ungültiger Wert bei „%s“: %s", key, err.Error())
		}
		return
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		d.value(path, key, src, dst.Elem())
	case reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			d.typeError(path, key, src, "eine Tabelle (Abschnitt mit Schlüssel = Wert)")
			return
		}
		d.table(path.String(), m, dst)
	case reflect.String:
		s, ok := src.(string)
		if !ok {
			d.typeError(path, key, src, "Text in Anführungszeichen")
			return
		}
		dst.SetString(s)
	case reflect.Int, reflect.Int64:
		n, ok := src.(int64)
		if !ok {
			d.typeError(path, key, src, "eine ganze Zahl ohne Anführungszeichen")
			return
		}
		dst.SetInt(n)
	case reflect.Float64:
		switch n := src.(type) {
		case int64:
			dst.SetFloat(float64(n))
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				// TOML knows nan and inf; as a target or measured value they
				// would silently break every progress bar.
				d.diags.Errorf(d.pos(path.String()), "typ", "Schreiben Sie eine gewöhnliche Zahl, z. B. 50 oder 12.5.",
					"Bei „%s“ ist „%v“ keine zulässige Zahl.", key, n)
				return
			}
			dst.SetFloat(n)
		default:
			d.typeError(path, key, src, "eine Zahl ohne Anführungszeichen und ohne Einheit")
		}
	case reflect.Bool:
		b, ok := src.(bool)
		if !ok {
			d.typeError(path, key, src, "true oder false (ohne Anführungszeichen)")
			return
		}
		dst.SetBool(b)
	case reflect.Slice:
		var items []any
		switch s := src.(type) {
		case []any:
			items = s
		case []map[string]any:
			for _, m := range s {
				items = append(items, m)
			}
		default:
			if dst.Type().Elem().Kind() == reflect.String {
				if str, ok := src.(string); ok { // a single value where a list is expected: accept it
					items = []any{str}
					break
				}
			}
			d.typeError(path, key, src, "eine Liste in eckigen Klammern, z. B. [\"a\", \"b\"]")
			return
		}
		out := reflect.MakeSlice(dst.Type(), len(items), len(items))
		base := ""
		if len(items) > 0 {
			base = path.String()
		}
		for i, it := range items {
			d.value(keyPath{base: base, idx: i}, key, it, out.Index(i))
		}
		dst.Set(out)
	case reflect.Map:
		m, ok := src.(map[string]any)
		if !ok {
			d.typeError(path, key, src, "eine Tabelle, z. B. { a = \"…\" }")
			return
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(m))
		base := path.String()
		for _, k := range sortedKeys(m) {
			ev := reflect.New(dst.Type().Elem()).Elem()
			d.value(keyPath{base: base, key: k, idx: -1}, k, m[k], ev)
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
		dst.Set(out)
	default:
		panic("decode: unsupported field type " + dst.Type().String())
	}
}

type fieldInfo struct {
	index    int
	required bool
}

// structFields is what fields learns of a struct type.
type structFields struct {
	byName map[string]fieldInfo
	names  []string
	at     int
}

// fieldCache holds structFields by reflect.Type: ten thousand measures
// share one type, and reading its tags every time took 7 % of loading.
var fieldCache sync.Map

func fields(t reflect.Type) (map[string]fieldInfo, []string, int) {
	if c, ok := fieldCache.Load(t); ok {
		sf := c.(*structFields)
		return sf.byName, sf.names, sf.at
	}
	byName, names, at := readFields(t)
	fieldCache.Store(t, &structFields{byName, names, at})
	return byName, names, at
}

func readFields(t reflect.Type) (map[string]fieldInfo, []string, int) {
	byName := map[string]fieldInfo{}
	var names []string
	at := -1
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == atType {
			at = i
			continue
		}
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		byName[name] = fieldInfo{index: i, required: opt == "pflicht"}
		names = append(names, name)
	}
	return byName, names, at
}

func (d *decoder) table(path string, m map[string]any, dst reflect.Value) {
	byName, names, at := fields(dst.Type())
	if at >= 0 {
		dst.Field(at).Set(reflect.ValueOf(At{File: d.doc.File, Path: path, ix: d.doc.Index}))
	}
	var buf [32]string // the keys of a table of a content file fit, on the stack
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fi, ok := byName[k]
		if !ok {
			d.unknownKey(join(path, k), k, names)
			continue
		}
		d.value(keyPath{base: path, key: k, idx: -1}, k, m[k], dst.Field(fi.index))
	}
	for _, name := range names {
		if byName[name].required {
			if _, ok := m[name]; !ok {
				d.diags.Errorf(d.pos(path), "pflichtfeld",
					fmt.Sprintf("Ergänzen Sie eine Zeile %s = … (siehe docs/inhaltsformat.md).", name),
					"Das Pflichtfeld „%s“ fehlt%s.", name, where(path))
			}
		}
	}
}

func where(path string) string {
	if path == "" {
		return ""
	}
	return " in „" + path + "“"
}

func (d *decoder) unknownKey(path, key string, allowed []string) {
	hint := "Erlaubt sind hier: " + strings.Join(allowed, ", ") + "."
	if s := diag.Suggest(key, allowed); s != "" {
		hint = fmt.Sprintf("Meinten Sie „%s“? %s", s, hint)
	}
	d.diags.Errorf(d.pos(path), "unbekanntes-feld", hint,
		"Unbekanntes Feld „%s“%s – der Wert würde sonst stillschweigend ignoriert.", key, where(parent(path)))
}

func (d *decoder) typeError(path keyPath, key string, src any, want string) {
	d.diags.Errorf(d.pos(path.String()), "typ",
		"Schreiben Sie Texte in Anführungszeichen, Zahlen und true/false ohne; die Einheit einer Zahl gehört in ein eigenes Feld.",
		"Bei „%s“ wird %s erwartet, gefunden wurde %s.", key, want, describe(src))
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			x = x[:37] + "…"
		}
		return fmt.Sprintf("Text („%s“)", x)
	case int64, float64:
		return fmt.Sprintf("die Zahl %v", x)
	case bool:
		return fmt.Sprintf("den Wahrheitswert %v", x)
	case time.Time:
		return "ein Datum"
	case []any, []map[string]any:
		return "eine Liste"
	case map[string]any:
		return "eine Tabelle"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Index is the position index a shares with the other tables of its file
// (nil for NewAt); with AtIn a stored At comes back as it was.
func (a At) Index() *Index { return a.ix }

// AtIn is the At of the table at path in file with the index ix.
func AtIn(file, path string, ix *Index) At { return At{File: file, Path: path, ix: ix} }
