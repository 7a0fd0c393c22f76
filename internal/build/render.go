package build

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"tdsite/internal/diag"
	"tdsite/internal/pages"
	"tdsite/internal/publish"
)

// RenderPages renders pages with a bounded worker pool (one per core). A
// template that fails on a page, or a missing one, is a fault of the
// templates, not of the disk: it comes back as an OutputError with one
// finding per place in the templates, whatever the number of pages.
// Pages that others link by a fingerprinted name (Page.Asset) must be
// written first, with WriteAssets. Rendering stops, returning
// ErrAbgebrochen, when ctx is cancelled.
func RenderPages(ctx context.Context, p *Prepared, list []*pages.Page, out *publish.Output, progress func(done, total int)) error {
	var (
		wg       sync.WaitGroup
		firstErr error
		mu       sync.Mutex
		done     atomic.Int64
	)
	faults := &templateFaults{}
	jobs := make(chan *pages.Page)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for pg := range jobs {
				if ctx.Err() != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = ErrAbgebrochen
					}
					mu.Unlock()
					continue
				}
				buf.Reset()
				var err error
				switch {
				case pg.Raw != nil:
					var data []byte
					if data, err = pg.Raw(); err == nil {
						err = out.WriteFile(pg.File(), data)
					}
				case !p.Templates.Has(pg.Template):
					faults.missing(pg)
				default:
					if terr := p.Templates.Execute(&buf, pg.Template, pg); terr != nil {
						faults.failed(p, pg, terr)
					} else {
						err = out.WriteHTML(pg.File(), buf.Bytes())
					}
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("%s: %w", pg.Path, err)
					}
					mu.Unlock()
				}
				if n := done.Add(1); progress != nil {
					progress(int(n), len(list))
				}
			}
		}()
	}
	for _, pg := range heavyFirst(list) {
		jobs <- pg
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr // interrupted, or the output cannot be written
	}
	return faults.err()
}

// templateFaults groups the pages whose template failed by the place to
// fix: a wrong line in massnahme.html fails on every measure page and is
// one mistake.
type templateFaults struct {
	mu     sync.Mutex
	groups map[diag.Pos]*templateFault
	order  []diag.Pos
}

type templateFault struct {
	page   *pages.Page // the first page it failed on
	detail string      // Go's error, "" for a missing template
	more   int         // further pages
}

func (f *templateFaults) add(pos diag.Pos, pg *pages.Page, detail string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.groups == nil {
		f.groups = map[diag.Pos]*templateFault{}
	}
	if g := f.groups[pos]; g != nil {
		g.more++
		return
	}
	f.groups[pos] = &templateFault{page: pg, detail: detail}
	f.order = append(f.order, pos)
}

// missing records a page whose template does not exist (deleted, renamed).
func (f *templateFaults) missing(pg *pages.Page) {
	f.add(diag.Pos{File: "layouts/" + pg.Template}, pg, "")
}

// failed records an error of executing a template. Without a place in
// the error the page template's file stands for it.
func (f *templateFaults) failed(p *Prepared, pg *pages.Page, err error) {
	pos, ok := p.Templates.ErrorPos(err)
	if !ok {
		pos = diag.Pos{File: p.Templates.File(pg.Template)}
	}
	f.add(pos, pg, err.Error())
}

func (f *templateFaults) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.order) == 0 {
		return nil
	}
	l := &diag.List{}
	for _, pos := range f.order {
		g := f.groups[pos]
		page := g.page.Path
		if g.detail == "" {
			more := ""
			if g.more > 0 {
				more = fmt.Sprintf(" (und für %d weitere Seiten)", g.more)
			}
			name := strings.TrimPrefix(pos.File, "layouts/")
			l.Errorf(pos, "vorlage", fmt.Sprintf("Stellen Sie die Datei %s wieder her (z. B. mit „git checkout -- %s“) oder legen Sie sie neu an.", pos.File, pos.File),
				"Die Vorlage %s fehlt; sie wird für die Seite %s gebraucht%s.", name, page, more)
			continue
		}
		more := ""
		if g.more > 0 {
			more = fmt.Sprintf(" (ebenso bei %d weiteren Seiten)", g.more)
		}
		hint := "Die Anweisung in dieser Zeile passt nicht zu den Daten der Seite (z. B. ein Index außerhalb der Liste, ein fehlendes Feld, ein leerer Wert). Sichern Sie sie mit {{ if }} oder {{ with }} ab oder korrigieren Sie sie."
		if strings.Contains(g.detail, "no such template") || strings.Contains(g.detail, "“ fehlt") {
			hint = "Die Zeile bindet eine Vorlage ein, die es nicht gibt. Stellen Sie die Datei wieder her (z. B. in layouts/partials/) oder korrigieren Sie den Namen."
		}
		l.Errorf(pos, "vorlage", hint, "Die Vorlage bricht bei der Seite %s ab%s: %s", page, more, g.detail)
	}
	return &OutputError{Diags: l}
}

// heavyFirst orders pages so that the expensive ones start first: an
// overview of the whole agenda takes a hundred times as long as a measure
// page, and started last it would leave one core idle at the end. The
// number of files a page depends on is a good enough estimate of its cost.
// Before them go the pages whose text leaves memory as they are written
// (Page.Einmal): the overviews are the build's peak of memory, and the
// 45 MB of measure texts (10,000 pages) no longer add to it. Peak RSS
// fell from 479 to 416 MB, page faults from 105,000 to 89,000
// (docs/leistung.md).
func heavyFirst(list []*pages.Page) []*pages.Page {
	cost := func(pg *pages.Page) int {
		switch {
		case pg.Einmal:
			return math.MaxInt
		case pg.Raw != nil || slices.Contains(pg.Deps, pages.All):
			return math.MaxInt - 1
		}
		return len(pg.Deps)
	}
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b *pages.Page) int { return cmp.Compare(cost(b), cost(a)) })
	return out
}

// WriteAssets writes the pages of list that other pages link by a name
// with a fingerprint of their content (the search index), and records
// those names in p.Assets. The other pages of list are returned, for
// RenderPages.
func WriteAssets(p *Prepared, list []*pages.Page, out *publish.Output) ([]*pages.Page, error) {
	if err := writeAssets(p, startAssets(list), out); err != nil {
		return nil, err
	}
	return notAssets(list), nil
}

// notAssets returns the pages of list that RenderPages renders.
func notAssets(list []*pages.Page) []*pages.Page {
	var rest []*pages.Page
	for _, pg := range list {
		if !pg.Asset {
			rest = append(rest, pg)
		}
	}
	return rest
}

// madeAsset is the content of a page that others link by fingerprint.
type madeAsset struct {
	page *pages.Page
	data []byte
	err  error
}

// startAssets makes the content of the asset pages of list on another
// core and returns where it arrives, for writeAssets. The search index
// keeps one core busy for a tenth of a second at 10,000 pages; meanwhile
// a build prepares its folder and finds the pages to render.
func startAssets(list []*pages.Page) <-chan []madeAsset {
	done := make(chan []madeAsset, 1)
	go func() {
		var made []madeAsset
		for _, pg := range list {
			if pg.Asset {
				data, err := pg.Raw()
				made = append(made, madeAsset{pg, data, err})
			}
		}
		done <- made
	}()
	return done
}

// writeAssets writes the asset pages startAssets made and records their
// names in p.Assets.
func writeAssets(p *Prepared, made <-chan []madeAsset, out *publish.Output) error {
	for _, a := range <-made {
		if a.err != nil {
			return fmt.Errorf("%s: %w", a.page.Path, a.err)
		}
		if err := out.WriteFile(p.Assets.AddGenerated(a.page.File(), a.data), a.data); err != nil {
			return err
		}
	}
	return nil
}
