// Package datum parses the German dates of strategy documents. Milestones are
// rarely exact days: the sources say "Q3/2020", "seit Oktober 2019",
// "1. Halbjahr 2020" or "Schuljahr 2019/20". A Datum keeps that precision, so
// the site never claims more exactness than the source has, and still sorts
// and compares dates.
package datum

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Years a date may name: from the founding of the Federal Republic to the
// end of the century. Target years and horizons of strategies use the same
// span, so that every date a chart or the progress computes with is plausible.
const (
	MinJahr = 1949
	MaxJahr = 2100
)

// Precision of a point in time.
type Precision int

const (
	Tag Precision = iota + 1
	Monat
	Quartal
	Halbjahr
	Abschnitt // Anfang/Mitte/Ende or a season of a year
	Schuljahr
	Jahr
)

var precisionNames = map[Precision]string{
	Tag: "tag", Monat: "monat", Quartal: "quartal", Halbjahr: "halbjahr",
	Abschnitt: "abschnitt", Schuljahr: "schuljahr", Jahr: "jahr",
}

func (p Precision) String() string { return precisionNames[p] }

// Point is a day, month, quarter … with its precision. Start and End are the
// first and last day it covers.
type Point struct {
	Prec  Precision
	Year  int
	N     int    // month (Monat), quarter (Quartal), half (Halbjahr)
	Day   int    // Tag only
	Label string // Abschnitt: "Anfang", "Mitte", "Ende", "Frühjahr" …; Monat: "Anfang", "Mitte", "Ende" or ""
}

// Kind says whether a Datum is a point, an open or a closed span.
type Kind int

const (
	Punkt    Kind = iota
	Seit          // "seit X": started at X, still true
	Ab            // "ab X": from X on (often in the future)
	Bis           // "bis X": at the latest by X
	Zeitraum      // "X bis Y"
)

// Datum is a parsed date expression.
type Datum struct {
	Raw  string
	Kind Kind
	From Point // the point for Punkt/Seit/Ab/Bis, the start for Zeitraum
	To   Point // only for Zeitraum
}

// IsZero reports whether the date was not given.
func (d Datum) IsZero() bool { return d.From.Prec == 0 }

// ExactDay reports whether d is a single exact day, as measurements need.
func (d Datum) ExactDay() bool { return d.Kind == Punkt && d.From.Prec == Tag }

var months = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember"}

var monthIndex = func() map[string]int {
	m := map[string]int{}
	for i, name := range months {
		l := strings.ToLower(name)
		m[l] = i + 1
		m[l[:3]] = i + 1
		m[l[:3]+"."] = i + 1
	}
	m["maerz"] = 3
	m["sept"] = 9
	m["sept."] = 9
	return m
}()

// Sections of a year, mapped to the months they roughly cover.
var sections = map[string][2]int{
	"anfang": {1, 4}, "mitte": {5, 8}, "ende": {9, 12},
	"frühjahr": {3, 5}, "fruehjahr": {3, 5}, "sommer": {6, 8}, "herbst": {9, 11},
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Start is the first day covered by p.
func (p Point) Start() time.Time {
	switch p.Prec {
	case Tag:
		return date(p.Year, p.N, p.Day)
	case Monat:
		return date(p.Year, p.N, 1)
	case Quartal:
		return date(p.Year, 3*(p.N-1)+1, 1)
	case Halbjahr:
		return date(p.Year, 6*(p.N-1)+1, 1)
	case Abschnitt:
		return date(p.Year, sections[strings.ToLower(p.Label)][0], 1)
	case Schuljahr:
		return date(p.Year, 8, 1)
	default:
		return date(p.Year, 1, 1)
	}
}

// End is the last day covered by p.
func (p Point) End() time.Time {
	last := func(y, m int) time.Time { return date(y, m, daysIn(y, m)) }
	switch p.Prec {
	case Tag:
		return p.Start()
	case Monat:
		return last(p.Year, p.N)
	case Quartal:
		return last(p.Year, 3*p.N)
	case Halbjahr:
		return last(p.Year, 6*p.N)
	case Abschnitt:
		return last(p.Year, sections[strings.ToLower(p.Label)][1])
	case Schuljahr:
		return last(p.Year+1, 7)
	default:
		return last(p.Year, 12)
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// String renders p in German for readers.
func (p Point) String() string {
	switch p.Prec {
	case Tag:
		return fmt.Sprintf("%02d.%02d.%04d", p.Day, p.N, p.Year)
	case Monat:
		if p.Label != "" { // "Ende Oktober 2015"
			return fmt.Sprintf("%s %s %d", p.Label, months[p.N-1], p.Year)
		}
		return fmt.Sprintf("%s %d", months[p.N-1], p.Year)
	case Quartal:
		return fmt.Sprintf("%d. Quartal %d", p.N, p.Year)
	case Halbjahr:
		return fmt.Sprintf("%d. Halbjahr %d", p.N, p.Year)
	case Abschnitt:
		return fmt.Sprintf("%s %d", p.Label, p.Year)
	case Schuljahr:
		return fmt.Sprintf("Schuljahr %d/%02d", p.Year, (p.Year+1)%100)
	case Jahr:
		return strconv.Itoa(p.Year)
	}
	return ""
}

// String renders d in German for readers, e.g. "seit Oktober 2019".
func (d Datum) String() string {
	switch d.Kind {
	case Seit:
		return "seit " + d.From.String()
	case Ab:
		return "ab " + d.From.String()
	case Bis:
		return "bis " + d.From.String()
	case Zeitraum:
		return d.From.String() + " bis " + d.To.String()
	}
	return d.From.String()
}

// Start is the earliest day d refers to (for sorting and timelines).
func (d Datum) Start() time.Time { return d.From.Start() }

// End is the latest day d refers to; open spans end with their point.
func (d Datum) End() time.Time {
	if d.Kind == Zeitraum {
		return d.To.End()
	}
	return d.From.End()
}

// ISO returns the start day as YYYY-MM-DD, for open data.
func (d Datum) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.Start().Format("2006-01-02")
}

// Error is a German explanation of why a date could not be read.
type Error struct {
	Raw    string
	Reason string
}

func (e *Error) Error() string {
	return fmt.Sprintf("„%s“ ist kein gültiges Datum: %s", e.Raw, e.Reason)
}

// Hint lists the accepted forms; shown with every date error.
const Hint = `Erlaubt sind z. B. "15.07.2018", "07/2018", "Juli 2018", "Q3/2020", "1. Halbjahr 2020", ` +
	`"2021", "Mitte 2019", "Ende Oktober 2015", "Schuljahr 2019/20", "seit Oktober 2019", "ab Q3/2020", "bis Ende 2023", ` +
	`"2020 ff." oder ein Zeitraum "01.09.2018 bis 31.08.2019".`

var (
	reSpace    = regexp.MustCompile(`\s+`)
	reDay      = regexp.MustCompile(`^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$`)
	reISO      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?$`)
	reMonthNum = regexp.MustCompile(`^(\d{1,2})\s?/\s?(\d{4})$`)
	reMonthTxt = regexp.MustCompile(`^([a-zäöü]+\.?)\s(\d{4})$`)
	reQuarter  = regexp.MustCompile(`^q\s?([1-4])\s?(?:/\s?|\s)(\d{4})$`)
	reQuarter2 = regexp.MustCompile(`^([1-4])\.\s?quartal\s(\d{4})$`)
	reHalf     = regexp.MustCompile(`^h\s?([12])\s?(?:/\s?|\s)(\d{4})$`)
	reHalf2    = regexp.MustCompile(`^([12])\.\s?halbjahr\s(\d{4})$`)
	reYear     = regexp.MustCompile(`^(\d{4})$`)
	reSection  = regexp.MustCompile(`^([a-zäöü]+)\s(\d{4})$`)
	rePartMon  = regexp.MustCompile(`^(anfang|mitte|ende)\s([a-zäöü]+\.?)\s(\d{4})$`)
	reSchool   = regexp.MustCompile(`^(?:schuljahr\s)?(\d{4})\s?/\s?(\d{2}|\d{4})$`)
	reRangeSep = regexp.MustCompile(`\s(?:bis|–|—|-)\s`)
)

// Parse reads a German date expression.
func Parse(s string) (Datum, error) {
	raw := s
	t := s
	// \s+ changes only tabs, line breaks and runs of spaces. Most dates have
	// none, and the regular expression took almost half the time of reading one.
	if strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ") {
		t = reSpace.ReplaceAllString(s, " ")
	}
	t = strings.TrimSpace(t)
	if t == "" {
		return Datum{}, &Error{Raw: raw, Reason: "Die Angabe ist leer."}
	}
	low := strings.ToLower(t)
	d := Datum{Raw: raw}
	switch {
	case strings.HasSuffix(low, " ff.") || strings.HasSuffix(low, " ff"):
		d.Kind = Ab
		low = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(low, "."), " ff"))
	case strings.HasPrefix(low, "seit "):
		d.Kind, low = Seit, low[len("seit "):]
	case strings.HasPrefix(low, "ab "):
		d.Kind, low = Ab, low[len("ab "):]
	case strings.HasPrefix(low, "bis "):
		d.Kind, low = Bis, low[len("bis "):]
	case strings.HasPrefix(low, "von "):
		low = low[len("von "):]
	}
	if d.Kind == Punkt {
		if loc := reRangeSep.FindStringIndex(low); loc != nil {
			from, err := parsePoint(raw, low[:loc[0]])
			if err != nil {
				return Datum{}, err
			}
			to, err := parsePoint(raw, low[loc[1]:])
			if err != nil {
				return Datum{}, err
			}
			if to.End().Before(from.Start()) {
				return Datum{}, &Error{Raw: raw, Reason: "Das Ende liegt vor dem Anfang."}
			}
			d.Kind, d.From, d.To = Zeitraum, from, to
			return d, nil
		}
	}
	p, err := parsePoint(raw, low)
	if err != nil {
		return Datum{}, err
	}
	d.From = p
	return d, nil
}

func parsePoint(raw, s string) (Point, error) {
	s = strings.TrimSpace(s)
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var p Point
	if m := reDay.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Tag, Day: atoi(m[1]), N: atoi(m[2]), Year: atoi(m[3])}
	} else if m := reISO.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Tag, Year: atoi(m[1]), N: atoi(m[2]), Day: atoi(m[3])}
	} else if m := reMonthNum.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Monat, N: atoi(m[1]), Year: atoi(m[2])}
	} else if m := reQuarter.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Quartal, N: atoi(m[1]), Year: atoi(m[2])}
	} else if m := reQuarter2.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Quartal, N: atoi(m[1]), Year: atoi(m[2])}
	} else if m := reHalf.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Halbjahr, N: atoi(m[1]), Year: atoi(m[2])}
	} else if m := reHalf2.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Halbjahr, N: atoi(m[1]), Year: atoi(m[2])}
	} else if m := reYear.FindStringSubmatch(s); m != nil {
		p = Point{Prec: Jahr, Year: atoi(m[1])}
	} else if m := reSchool.FindStringSubmatch(s); m != nil {
		y, next := atoi(m[1]), atoi(m[2])
		if next < 100 {
			next += y / 100 * 100
		}
		if next != y+1 {
			return p, &Error{Raw: raw, Reason: "Ein Schuljahr umfasst zwei aufeinanderfolgende Jahre, z. B. „Schuljahr 2019/20“."}
		}
		p = Point{Prec: Schuljahr, Year: y}
	} else if m := reMonthTxt.FindStringSubmatch(s); m != nil && monthIndex[m[1]] > 0 {
		p = Point{Prec: Monat, N: monthIndex[m[1]], Year: atoi(m[2])}
	} else if m := rePartMon.FindStringSubmatch(s); m != nil && monthIndex[m[2]] > 0 {
		p = Point{Prec: Monat, N: monthIndex[m[2]], Year: atoi(m[3]), Label: strings.ToUpper(m[1][:1]) + m[1][1:]}
	} else if m := reSection.FindStringSubmatch(s); m != nil && sections[m[1]] != [2]int{} {
		label := strings.ToUpper(m[1][:1]) + m[1][1:]
		if label == "Fruehjahr" {
			label = "Frühjahr"
		}
		p = Point{Prec: Abschnitt, Label: label, Year: atoi(m[2])}
	} else {
		return p, &Error{Raw: raw, Reason: "Die Schreibweise ist nicht bekannt."}
	}
	if p.Year < MinJahr || p.Year > MaxJahr {
		return p, &Error{Raw: raw, Reason: fmt.Sprintf("Das Jahr %d ist unplausibel (Zahlendreher?).", p.Year)}
	}
	if (p.Prec == Monat || p.Prec == Tag) && (p.N < 1 || p.N > 12) {
		return p, &Error{Raw: raw, Reason: fmt.Sprintf("Einen Monat %d gibt es nicht.", p.N)}
	}
	if p.Prec == Tag {
		if max := daysIn(p.Year, p.N); p.Day < 1 || p.Day > max {
			return p, &Error{Raw: raw, Reason: fmt.Sprintf("Der %s %d hat nur %d Tage.", months[p.N-1], p.Year, max)}
		}
	}
	return p, nil
}

// ErrNotExactDay is returned by ParseDay for dates of lower precision.
var ErrNotExactDay = errors.New("kein genauer Tag")

// ParseDay parses a date that must be one exact day (measurements, news, "Stand").
func ParseDay(s string) (Datum, error) {
	d, err := Parse(s)
	if err != nil {
		return d, err
	}
	if !d.ExactDay() {
		return Datum{}, &Error{Raw: s, Reason: "Hier ist ein genauer Tag nötig, z. B. „30.06.2025“."}
	}
	return d, nil
}

// FromTime makes an exact-day Datum.
func FromTime(t time.Time) Datum {
	p := Point{Prec: Tag, Year: t.Year(), N: int(t.Month()), Day: t.Day()}
	return Datum{Raw: p.String(), From: p}
}
