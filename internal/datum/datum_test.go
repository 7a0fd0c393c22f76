package datum

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, want, start, end string
		kind                 Kind
		prec                 Precision
	}{
		{"15.07.2018", "15.07.2018", "2018-07-15", "2018-07-15", Punkt, Tag},
		{"1.2.2020", "01.02.2020", "2020-02-01", "2020-02-01", Punkt, Tag},
		{"15.07. 2018", "15.07.2018", "2018-07-15", "2018-07-15", Punkt, Tag},
		{"2025-06-30", "30.06.2025", "2025-06-30", "2025-06-30", Punkt, Tag},
		{"07/2018", "Juli 2018", "2018-07-01", "2018-07-31", Punkt, Monat},
		{"Oktober 2019", "Oktober 2019", "2019-10-01", "2019-10-31", Punkt, Monat},
		{"Ende Oktober 2015", "Ende Oktober 2015", "2015-10-01", "2015-10-31", Punkt, Monat},
		{"Q3/2020", "3. Quartal 2020", "2020-07-01", "2020-09-30", Punkt, Quartal},
		{"Q1 2021", "1. Quartal 2021", "2021-01-01", "2021-03-31", Punkt, Quartal},
		{"3. Quartal 2020", "3. Quartal 2020", "2020-07-01", "2020-09-30", Punkt, Quartal},
		{"1. Halbjahr 2020", "1. Halbjahr 2020", "2020-01-01", "2020-06-30", Punkt, Halbjahr},
		{"H2/2020", "2. Halbjahr 2020", "2020-07-01", "2020-12-31", Punkt, Halbjahr},
		{"2021", "2021", "2021-01-01", "2021-12-31", Punkt, Jahr},
		{"Mitte 2019", "Mitte 2019", "2019-05-01", "2019-08-31", Punkt, Abschnitt},
		{"Herbst 2021", "Herbst 2021", "2021-09-01", "2021-11-30", Punkt, Abschnitt},
		{"Schuljahr 2019/20", "Schuljahr 2019/20", "2019-08-01", "2020-07-31", Punkt, Schuljahr},
		{"seit Oktober 2019", "seit Oktober 2019", "2019-10-01", "2019-10-31", Seit, Monat},
		{"Seit 15.07.2018", "seit 15.07.2018", "2018-07-15", "2018-07-15", Seit, Tag},
		{"ab Q3/2020", "ab 3. Quartal 2020", "2020-07-01", "2020-09-30", Ab, Quartal},
		{"2020 ff.", "ab 2020", "2020-01-01", "2020-12-31", Ab, Jahr},
		{"bis Ende 2023", "bis Ende 2023", "2023-09-01", "2023-12-31", Bis, Abschnitt},
		{"01.09.2018 bis 31.08.2019", "01.09.2018 bis 31.08.2019", "2018-09-01", "2019-08-31", Zeitraum, Tag},
		{"Q1/2021 – Q4/2021", "1. Quartal 2021 bis 4. Quartal 2021", "2021-01-01", "2021-12-31", Zeitraum, Quartal},
		{"2017 bis 2020", "2017 bis 2020", "2017-01-01", "2020-12-31", Zeitraum, Jahr},
		{"  29.02.2024 ", "29.02.2024", "2024-02-29", "2024-02-29", Punkt, Tag},
	}
	for _, c := range cases {
		d, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := d.String(); got != c.want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.want)
		}
		if got := d.Start().Format("2006-01-02"); got != c.start {
			t.Errorf("Parse(%q).Start() = %s, want %s", c.in, got, c.start)
		}
		if got := d.End().Format("2006-01-02"); got != c.end {
			t.Errorf("Parse(%q).End() = %s, want %s", c.in, got, c.end)
		}
		if d.Kind != c.kind || d.From.Prec != c.prec {
			t.Errorf("Parse(%q): kind %v prec %v, want %v %v", c.in, d.Kind, d.From.Prec, c.kind, c.prec)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"31.02.2026":          "Der Februar 2026 hat nur 28 Tage",
		"29.02.2025":          "Der Februar 2025 hat nur 28 Tage",
		"31.04.2020":          "Der April 2020 hat nur 30 Tage",
		"15.13.2020":          "Einen Monat 13 gibt es nicht",
		"13/2020":             "Einen Monat 13 gibt es nicht",
		"Q5/2020":             "Schreibweise ist nicht bekannt",
		"Sommerzeit":          "Schreibweise ist nicht bekannt",
		"":                    "leer",
		"2502":                "unplausibel",
		"Schuljahr 2019/21":   "zwei aufeinanderfolgende Jahre",
		"31.12.2020 bis 2019": "Ende liegt vor dem Anfang",
	}
	for in, want := range cases {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q): no error", in)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %q, want it to contain %q", in, err.Error(), want)
		}
		if !strings.Contains(err.Error(), "ist kein gültiges Datum") {
			t.Errorf("Parse(%q): message %q does not say what is wrong in German", in, err.Error())
		}
	}
}

func TestParseDay(t *testing.T) {
	if _, err := ParseDay("30.06.2025"); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"06/2025", "Q2/2025", "2025", "seit 30.06.2025"} {
		if _, err := ParseDay(in); err == nil || !strings.Contains(err.Error(), "genauer Tag") {
			t.Errorf("ParseDay(%q) = %v, want error about exact day", in, err)
		}
	}
}

// TestParseLeerraum: tabs, line breaks and runs of spaces read as one
// space, also where Parse skips the regular expression for them.
func TestParseLeerraum(t *testing.T) {
	for _, c := range [][2]string{
		{"Ende  Oktober\t2015", "Ende Oktober 2015"}, {"Oktober\n2019", "Oktober 2019"}, {"Q2  2025", "Q2 2025"}, {"Mitte\nMärz 2026", "Mitte März 2026"},
		{"01.01.2025  bis\r31.12.2025", "01.01.2025 bis 31.12.2025"}, {"ab\f2027", "ab 2027"}, {" \t2027 ", "2027"},
	} {
		got, err1 := Parse(c[0])
		want, err2 := Parse(c[1])
		got.Raw, want.Raw = "", ""
		if err1 != nil || err2 != nil || got != want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v like %q (%v)", c[0], got, err1, want, c[1], err2)
		}
	}
}
