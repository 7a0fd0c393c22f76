package build

import (
	"reflect"

	"tdsite/internal/diag"
	"tdsite/internal/pages"
)

// DuplicatePages finds pages that would be written to the same file: one
// would silently overwrite the other (a page content/seiten/strategien.md
// and the overview /strategien/, or two measures whose IDs differ only in
// punctuation).
func DuplicatePages(p *Prepared) *diag.List {
	l := &diag.List{}
	seen := map[string]*pages.Page{}
	for _, pg := range p.Pages {
		prev, dup := seen[pg.File()]
		if !dup {
			seen[pg.File()] = pg
			continue
		}
		l.Errorf(diag.Pos{File: pageSource(p, pg)}, "doppelt",
			"Benennen Sie die Datei um oder ändern Sie die ID; Adressen wie /strategien/, /handlungsfelder/, /meldungen/ und /massnahmen/ sind für die Übersichten vergeben.",
			"Zwei Seiten hätten dieselbe Adresse „%s“: „%s“ (%s) und „%s“ (%s); eine würde die andere überschreiben.",
			pg.Path, prev.Title, pageSource(p, prev), pg.Title, pageSource(p, pg))
	}
	return l
}

// pageSource is the content file a page shows, or else its template.
func pageSource(p *Prepared, pg *pages.Page) string {
	v := reflect.ValueOf(pg.Data)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		if f := v.Elem().FieldByName("File"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return f.String()
		}
	}
	return p.Templates.File(pg.Template)
}
