package pages

import (
	"fmt"
	"reflect"
)

// The page-weight budget (issue 21): what a citizen downloads on a phone
// must stay small however many measures the agenda has. The test
// TestSeitengewicht in internal/build enforces it on the bundled site and on
// a generated site with 10,000 pages.
const (
	// MaxSeite is the largest HTML page allowed, in bytes.
	MaxSeite = 1 << 20
	// MaxStartseite is the largest home page allowed, in bytes.
	MaxStartseite = 100 << 10
	// ProSeite is the number of measures one page of a long list shows.
	// A table row weighs up to about 1 KB, so a full page stays near half
	// of MaxSeite and leaves room for the rest of the page.
	ProSeite = 500
	// FeedEintraege is the number of news, newest first, in feed.xml.
	FeedEintraege = 50
	// BerichtProSeite is the number of strategies one page of a progress
	// report shows; the section of one strategy weighs about 20 KB.
	BerichtProSeite = 25
)

// Blatt is one page of a list that is split over several pages. The first
// page keeps the address of the list; page n ≥ 2 is at <list>seite/n/, so
// that the addresses stay stable as long as the list does not shrink.
type Blatt struct {
	Nr     int // 1-based
	Anzahl int // number of pages
	Basis  string
	von    int // index of the first item on this page
	bis    int // index after the last item
	gesamt int // items in the whole list
}

// Von and Bis are the numbers (from 1) of the first and last item on this
// page, to say which part of the list it shows.
func (b *Blatt) Von() int { return b.von + 1 }

// Bis: see Von.
func (b *Blatt) Bis() int { return min(b.bis, b.gesamt) }

// BlattPfad is the address of page nr of the list at basis.
func BlattPfad(basis string, nr int) string {
	if nr <= 1 {
		return basis
	}
	return fmt.Sprintf("%sseite/%d/", basis, nr)
}

// Geteilt reports whether the list has more than one page; only then do the
// templates show the page navigation.
func (b *Blatt) Geteilt() bool { return b != nil && b.Anzahl > 1 }

// Erstes reports whether this is the first page, which shows everything
// besides the list too.
func (b *Blatt) Erstes() bool { return b == nil || b.Nr == 1 }

// Pfad is the address of page nr.
func (b *Blatt) Pfad(nr int) string { return BlattPfad(b.Basis, nr) }

// Vorige is the address of the previous page, or "" on the first.
func (b *Blatt) Vorige() string {
	if b.Erstes() {
		return ""
	}
	return b.Pfad(b.Nr - 1)
}

// Naechste is the address of the next page, or "" on the last.
func (b *Blatt) Naechste() string {
	if b == nil || b.Nr >= b.Anzahl {
		return ""
	}
	return b.Pfad(b.Nr + 1)
}

// Nummern are the page numbers 1…Anzahl, for the navigation.
func (b *Blatt) Nummern() []int {
	out := make([]int, b.Anzahl)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// ZuLang reports whether a list of n items is too long to show in full
// beside the split list; the page then summarises it and links to where the
// items stand.
func (b *Blatt) ZuLang(n int) bool { return n > ProSeite }

// Teil is the part of liste (a slice) on this page. A page may show
// several lists one after the other (the state's measures, then the
// fictional example's); vorher is the number of items in the lists before
// this one. Without pagination it is the whole list.
func (b *Blatt) Teil(liste any, vorher int) any {
	v := reflect.ValueOf(liste)
	if b == nil || v.Kind() != reflect.Slice {
		return liste
	}
	von, bis := max(b.von-vorher, 0), min(b.bis-vorher, v.Len())
	if von >= bis {
		return v.Slice(0, 0).Interface()
	}
	return v.Slice(von, bis).Interface()
}

// blaetter splits the list page p of n items into pages of pro items.
// The first page is p itself; the others copy it with their own address and
// title, and depend on the same files. Every page carries its Blatt, so the
// templates can always ask it for their part of the list.
func blaetter(p *Page, n, pro int) []*Page {
	anzahl := max((n+pro-1)/pro, 1)
	out := make([]*Page, anzahl)
	for i := range out {
		nr := i + 1
		q := *p
		q.Blatt = &Blatt{Nr: nr, Anzahl: anzahl, Basis: p.Path, von: i * pro, bis: nr * pro, gesamt: n}
		if nr > 1 {
			q.Path = BlattPfad(p.Path, nr)
			q.Title = fmt.Sprintf("%s – Seite %d von %d", p.Title, nr, anzahl)
			q.Crumbs = append(p.Crumbs[:len(p.Crumbs):len(p.Crumbs)], Crumb{p.Title, p.Path})
		}
		out[i] = &q
	}
	return out
}
