package openproject

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadSeparatorsEncodingsAndHeaders(t *testing.T) {
	cases := []struct {
		name, data, spalte string
	}{
		{"semikolon, BOM, CRLF", "\ufeffID;Status;Maßnahmen-ID;Startdatum\r\n7;In Bearbeitung;M-1;31.12.2025\r\n", ""},
		{"komma, englisch", "ID,Subject,Status,Start date,tdsite-ID\n7,\"Portal, neu\",In progress,2025-12-31,M-1\n", ""},
		{"tabulator", "ID\tStatus\tMaßnahmen-ID\tAnfangstermin\n7\tIn Bearbeitung\tM-1\t12/31/2025\n", ""},
		{"eigene Spalte", "ID;Status;Aktionsplan Nr.;Startdatum\n#7;In Bearbeitung;M-1;31.12.2025 09:00\n", "Aktionsplan Nr."},
		{"Windows-1252", "ID;Status;Ma\xdfnahmen-ID;Startdatum\n7;In Bearbeitung;M-1;31.12.2025\n", ""},
	}
	for _, c := range cases {
		ex, err := Read([]byte(c.data), c.spalte)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(ex.Pakete) != 1 {
			t.Errorf("%s: %d rows", c.name, len(ex.Pakete))
			continue
		}
		a := ex.Pakete[0]
		if a.ID != "7" || a.Massnahme != "M-1" || norm(a.Status) != "in bearbeitung" && norm(a.Status) != "in progress" ||
			!a.Start.Equal(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: read %+v", c.name, a)
		}
		if len(ex.Probleme) > 0 {
			t.Errorf("%s: problems %v", c.name, ex.Probleme)
		}
	}
}

func TestReadReportsWhatItCannotUse(t *testing.T) {
	_, err := Read([]byte("ID;Thema;Status\n1;x;Neu\n"), "")
	var ce *ColumnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "„Maßnahmen-ID“") || !strings.Contains(ce.Hint(), "--spalte") {
		t.Errorf("missing custom field: %v", err)
	}
	if _, err := Read(nil, ""); err == nil {
		t.Error("empty file accepted")
	}
	if _, err := Read([]byte("PK\x03\x04\x00\x00"), ""); err == nil {
		t.Error("binary file accepted")
	}
	ex, err := Read([]byte("ID;Status;Maßnahmen-ID;Endtermin;% erledigt\n1;Neu;M-1;31.02.2026;viel\n2;Neu;M-2;;100 %\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Probleme) != 2 || ex.Probleme[0].Zeile != 2 || !strings.Contains(ex.Probleme[0].Text, "31.02.2026") {
		t.Errorf("problems: %v", ex.Probleme)
	}
	if ex.Pakete[1].Prozent != 100 {
		t.Errorf("100 %% read as %d", ex.Pakete[1].Prozent)
	}
}

func TestStatusMapping(t *testing.T) {
	z, err := NewStatuszuordnung(map[string]string{"In Abstimmung": "geplant", "Erledigt": "laufend"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Neu": "geplant", "In Bearbeitung": "laufend", "  in   bearbeitung ": "laufend", "Erledigt": "laufend",
		"Geschlossen": "umgesetzt", "Abgelehnt": "ausgesetzt", "Zurückgestellt": "ausgesetzt", "in abstimmung": "geplant",
		"Closed": "umgesetzt", "On hold": "ausgesetzt",
	} {
		if got, ok := z.Status(in); !ok || got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	if _, ok := z.Status("Qualitätssicherung"); ok {
		t.Error("unknown status mapped")
	}
	if _, err := NewStatuszuordnung(map[string]string{"Fertig": "erledigt"}); err == nil {
		t.Error("target status outside the vocabulary accepted")
	}
}

func TestParentID(t *testing.T) {
	for in, want := range map[string]string{"123": "123", "#123": "123", "Phase 1 (#45)": "45", "": ""} {
		if got := parentID(in); got != want {
			t.Errorf("%q → %q", in, got)
		}
	}
}
