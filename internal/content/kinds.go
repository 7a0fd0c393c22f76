package content

import (
	"path"
	"strings"

	"tdsite/internal/decode"
	"tdsite/internal/diag"
)

// kind is one sort of file in content/ (docs/inhaltsformat.md): where it
// lives, how it is decoded and where the Site keeps it. A new sort of file
// is one more entry in kinds.
type kind struct {
	// pattern is the path below content/, or below strategien/<slug>/ for
	// the files of a strategy: a file name, or "<dir>/*<suffix>" for the
	// files directly in dir whose names end in suffix.
	pattern   string
	strategie bool                  // the file belongs to the strategy of its folder
	match     func(rel string) bool // instead of pattern, on the path below content/
	// parse decodes a file; a nil value means it could not be used at all.
	parse func(f fileRef, data []byte, l *diag.List) any
	// add puts a decoded value into the site, or into s for the files of a strategy.
	add func(site *Site, s *Strategie, v any)
}

// fileRef names the file a kind decodes.
type fileRef struct {
	rel  string // relative to the site folder
	slug string // the strategy's, for the files of a strategy
	stem string // file name without extension
}

// kinds in the order classify tries them; the first match wins.
var kinds = []*kind{
	{pattern: "akteure.toml", parse: parseAkteure,
		add: func(site *Site, _ *Strategie, v any) { site.Akteure = v.(*Akteure) }},
	{pattern: "handlungsfelder/*.md",
		parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
			v := &Handlungsfeld{Key: f.stem, File: f.rel}
			return v, &v.At, &v.Body
		}),
		add: func(site *Site, _ *Strategie, v any) {
			site.Handlungsfelder = append(site.Handlungsfelder, v.(*Handlungsfeld))
		}},
	{pattern: "seiten/*.md", parse: seiteFile,
		add: func(site *Site, _ *Strategie, v any) { site.Seiten = append(site.Seiten, v.(*Seite)) }},
	{match: func(rel string) bool { return berichtJahr(rel) > 0 },
		parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
			v := &Bericht{Jahr: berichtJahr(strings.TrimPrefix(f.rel, "content/")), File: f.rel}
			return v, &v.At, &v.Body
		}),
		add: func(site *Site, _ *Strategie, v any) {
			site.Berichte = append(site.Berichte, v.(*Bericht)) // files come sorted, so years ascend
		}},
	kindStrategie,
	{pattern: "ziele.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Ziele{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Ziele) { s.Ziele = v })},
	{pattern: "initiativen.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Initiativen{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Initiativen) { s.Initiativen = v })},
	{pattern: "messwerte.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Messwerte{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Messwerte) { s.Messwerte = v })},
	{pattern: "backlog.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Backlog{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Backlog) { s.Backlog = v })},
	{pattern: "wirkung.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Wirkung{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Wirkung) { s.Wirkung = v })},
	{pattern: "dokumente.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Dokumente{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Dokumente) { s.Dokumente = v })},
	{pattern: "kennzahlen.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Kennzahlen{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Kennzahlen) { s.Kennzahlen = v })},
	kindDatei,
	{pattern: "beschluesse.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Beschluesse{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Beschluesse) { s.Beschluesse = v })},
	{pattern: "beteiligung.toml", strategie: true, parse: tomlFile(func(f fileRef) any { return &Beteiligung{File: f.rel} }),
		add: toStrategie(func(s *Strategie, v *Beteiligung) { s.Beteiligung = v })},
	{pattern: "leichte-sprache.md", strategie: true, parse: seiteFile,
		add: toStrategie(func(s *Strategie, v *Seite) { s.LeichteSprache = v })},
	{pattern: "handlungsfelder/*.md", strategie: true,
		parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
			v := &StrategieHF{Key: f.stem, File: f.rel}
			return v, &v.At, &v.Body
		}),
		add: toStrategie(func(s *Strategie, v *StrategieHF) { s.HF = append(s.HF, v) })},
	{pattern: "massnahmen/*.md", strategie: true,
		parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
			v := &Massnahme{File: f.rel}
			return v, &v.At, &v.Body
		}),
		add: toStrategie(func(s *Strategie, v *Massnahme) { s.Massnahmen = append(s.Massnahmen, v) })},
	{pattern: "meldungen/*.md", strategie: true,
		parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
			v := &Meldung{Slug: f.stem, File: f.rel}
			return v, &v.At, &v.Body
		}),
		add: toStrategie(func(s *Strategie, v *Meldung) { s.Meldungen = append(s.Meldungen, v) })},
}

// kindStrategie is the strategy itself: assemble attaches the other files
// of its folder to it, so it has no add.
var kindStrategie = &kind{pattern: "strategie.md", strategie: true,
	parse: markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
		v := &Strategie{Slug: f.slug, File: f.rel, Dir: path.Dir(f.rel)}
		return v, &v.At, &v.Body
	})}

// kindDatei is a download; parseFile reads no more than its first bytes,
// so it has no parse.
var kindDatei = &kind{pattern: "dokumente/*", strategie: true,
	add: toStrategie(func(s *Strategie, v *Datei) { s.Dateien = append(s.Dateien, v) })}

// matches reports whether sub, the path below content/ or below the
// strategy's folder, is a file of kind k.
func (k *kind) matches(sub string) bool {
	if dir, suffix, ok := strings.Cut(k.pattern, "/*"); ok {
		return path.Dir(sub) == dir && strings.HasSuffix(sub, suffix)
	}
	return sub == k.pattern
}

// classify maps a path relative to content/ to its kind and strategy slug;
// the kind is nil for a file that is no part of the content format.
func classify(rel string) (*kind, string) {
	// Below strategien/<slug>/ without splitting the path: the snapshot
	// asks this for each of 11,000 files, and Split and Join per kind were
	// 3.5 MB of its allocations.
	slug, sub, inStrategie := "", "", false
	if r, ok := strings.CutPrefix(rel, "strategien/"); ok {
		slug, sub, inStrategie = strings.Cut(r, "/")
	}
	for _, k := range kinds {
		switch {
		case k.match != nil:
			if k.match(rel) {
				return k, ""
			}
		case !k.strategie:
			if k.matches(rel) {
				return k, ""
			}
		case inStrategie:
			if k.matches(sub) {
				return k, slug
			}
		}
	}
	return nil, ""
}

func parseAkteure(f fileRef, data []byte, l *diag.List) any {
	v := &Akteure{}
	if !decodeTOML(f.rel, data, v, l) {
		return nil
	}
	for i := range v.Ressorts {
		v.Ressorts[i].Ressort = true // the file says so by [[ressort]], not by a field
	}
	return v
}

func tomlFile(mk func(f fileRef) any) func(fileRef, []byte, *diag.List) any {
	return func(f fileRef, data []byte, l *diag.List) any {
		v := mk(f)
		if !decodeTOML(f.rel, data, v, l) {
			return nil
		}
		return v
	}
}

// markdownFile decodes front matter and body into the value mk makes,
// whose position and body fields it returns alongside.
func markdownFile(mk func(f fileRef) (any, *decode.At, *Markdown)) func(fileRef, []byte, *diag.List) any {
	return func(f fileRef, data []byte, l *diag.List) any {
		v, at, body := mk(f)
		if !decodeMarkdown(f.rel, data, v, at, body, l) {
			return nil
		}
		return v
	}
}

var seiteFile = markdownFile(func(f fileRef) (any, *decode.At, *Markdown) {
	v := &Seite{Slug: f.stem, File: f.rel}
	return v, &v.At, &v.Body
})

// toStrategie adapts a typed setter for a file of a strategy to kind.add.
func toStrategie[T any](set func(s *Strategie, v *T)) func(*Site, *Strategie, any) {
	return func(_ *Site, s *Strategie, v any) { set(s, v.(*T)) }
}
