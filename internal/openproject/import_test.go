package openproject

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"tdsite/internal/content"
	"tdsite/internal/testkit"
	"tdsite/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func runImport(t *testing.T, root string) *Ergebnis {
	t.Helper()
	data, err := os.ReadFile("testdata/export.csv")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Read(data, "")
	if err != nil {
		t.Fatal(err)
	}
	site, diags := content.Load(root)
	if diags.HasErrors() {
		t.Fatalf("fixture has errors: %s", diags.Summary())
	}
	z, err := NewStatuszuordnung(map[string]string{"In Abstimmung": "geplant"})
	if err != nil {
		t.Fatal(err)
	}
	res := Plan(site, ex, Options{Stand: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Status: z, Datei: "testdata/export.csv"})
	if err := res.Write(root); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestImportFixture imports testdata/export.csv into a copy of
// testdata/site and compares the exact line changes with
// testdata/expected.diff (checked by reading; refresh with -update).
func TestImportFixture(t *testing.T) {
	root := testkit.Copy(t, "testdata/site")
	before := testkit.Snapshot(t, root)
	res := runImport(t, root)
	after := testkit.Snapshot(t, root)

	var diffs, summary strings.Builder
	changed := map[string]bool{}
	for _, ch := range res.Aenderungen {
		changed[ch.File] = true
		diffs.WriteString(ch.Diff())
		summary.WriteString(ch.File + "\n")
		for _, z := range ch.Zeilen {
			summary.WriteString("  " + z + "\n")
		}
		if after[ch.File] != string(ch.Nachher) {
			t.Errorf("%s: written file differs from the plan", ch.File)
		}
	}
	for _, p := range res.Probleme {
		summary.WriteString(p.String() + "\n")
	}
	summary.WriteString("ohne ID: " + strings.Join(res.OhneID, ", ") + "\n")
	summary.WriteString("aktuell: " + strings.Join(res.Unveraendert, ", ") + "\n")
	summary.WriteString("nicht im Export: " + strings.Join(res.NichtImExport, ", ") + "\n")
	golden(t, "testdata/expected.diff", diffs.String())
	golden(t, "testdata/expected-summary.txt", summary.String())

	// Nothing else changed: every other file is byte-identical.
	for f, data := range before {
		if !changed["content/"+strings.TrimPrefix(f, "content/")] && after[f] != data {
			t.Errorf("%s changed although no change was planned", f)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	// The CRLF file stays CRLF.
	if crlf := after["content/strategien/test/massnahmen/t-03.md"]; strings.Count(crlf, "\n") != strings.Count(crlf, "\r\n") {
		t.Errorf("t-03.md lost its CRLF line endings:\n%q", crlf)
	}
	// The result is valid content.
	site, diags := content.Load(root)
	diags.Merge(validate.Check(site))
	if diags.HasErrors() {
		var b strings.Builder
		diags.Print(&b, false)
		t.Errorf("content after the import has errors:\n%s", b.String())
	}

	// A second run with the same export changes nothing and reports the same problems.
	again := runImport(t, root)
	if len(again.Aenderungen) != 0 {
		for _, ch := range again.Aenderungen {
			t.Errorf("second run changes %s:\n%s", ch.File, ch.Diff())
		}
	}
	if len(again.Probleme) != len(res.Probleme) {
		t.Errorf("second run: %d problems, first run %d", len(again.Probleme), len(res.Probleme))
	}
	if final := testkit.Snapshot(t, root); len(final) != len(after) {
		t.Error("second run created or removed files")
	} else {
		for f, data := range after {
			if final[f] != data {
				t.Errorf("second run changed %s", f)
			}
		}
	}
}

// TestNothingLost checks that every row of the export is accounted for.
func TestNothingLost(t *testing.T) {
	root := testkit.Copy(t, "testdata/site")
	data, _ := os.ReadFile("testdata/export.csv")
	ex, err := Read(data, "")
	if err != nil {
		t.Fatal(err)
	}
	res := runImport(t, root)
	seen := map[string]bool{}
	for _, ch := range res.Aenderungen {
		for _, p := range ch.Pakete {
			seen[strings.TrimPrefix(p, "#")] = true
		}
	}
	text := strings.Join(res.OhneID, " ")
	for _, p := range res.Probleme {
		text += " " + p.String()
	}
	for _, a := range ex.Pakete {
		if seen[a.ID] || strings.Contains(text, "#"+a.ID) {
			continue
		}
		// rows of unchanged measures
		if m := strings.ToUpper(a.Massnahme); m != "" && strings.Contains(strings.ToUpper(strings.Join(res.Unveraendert, " ")), m) {
			continue
		}
		t.Errorf("row %d (#%s) is neither applied nor reported", a.Zeile, a.ID)
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update once and read the result)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", file, got, want)
	}
}

// BenchmarkPlan measures reading the fixture export and planning its
// changes (no writing).
func BenchmarkPlan(b *testing.B) {
	data, _ := os.ReadFile("testdata/export.csv")
	site, _ := content.Load("testdata/site")
	b.ReportAllocs()
	for b.Loop() {
		ex, err := Read(data, "")
		if err != nil {
			b.Fatal(err)
		}
		Plan(site, ex, Options{Stand: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	}
}

// TestVerlaufDatum: a status change is dated with the work package's last
// update, else the export's day, else the import day – never before the
// last entry of the measure's history. The source names the export.
func TestVerlaufDatum(t *testing.T) {
	day := func(d int, m time.Month) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name                  string
		geaendert             string
		export, import_       time.Time
		wantDatum, wantQuelle string
		wantProblem           string
	}{
		{"Aktualisiert am", "28.11.2026 10:00", day(30, 11), day(1, 12), "28.11.2026", "OpenProject-Export arbeitspakete-2026-11-30.csv vom 30.11.2026", ""},
		{"Aktualisiert vor dem letzten Eintrag", "15.09.2026", day(30, 11), day(1, 12), "30.11.2026", "OpenProject-Export arbeitspakete-2026-11-30.csv vom 30.11.2026", ""},
		{"ohne Exportdatum", "", time.Time{}, day(1, 12), "01.12.2026", "OpenProject-Export arbeitspakete-2026-11-30.csv vom 01.12.2026", ""},
		{"alles älter als der Verlauf", "15.09.2026", day(20, 9), day(25, 9), "", "", "ist neuer als der Export"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := testkit.Copy(t, "testdata/site")
			ex, err := Read([]byte("ID;Status;Maßnahmen-ID;Aktualisiert am\n160;Erledigt;T-06;"+c.geaendert+"\n"), "")
			if err != nil {
				t.Fatal(err)
			}
			site, _ := content.Load(root)
			res := Plan(site, ex, Options{Stand: c.import_, Importtag: c.import_, Exportdatum: c.export, Datei: "/tmp/arbeitspakete-2026-11-30.csv"})
			if c.wantProblem != "" {
				if len(res.Aenderungen) != 0 || len(res.Probleme) != 1 || !strings.Contains(res.Probleme[0].Text, c.wantProblem) {
					t.Errorf("changes %d, problems %v", len(res.Aenderungen), res.Probleme)
				}
				return
			}
			if len(res.Aenderungen) != 1 || len(res.Probleme) != 0 {
				t.Fatalf("changes %d, problems %v", len(res.Aenderungen), res.Probleme)
			}
			want := "[[verlauf]] # OpenProject #160\ndatum = \"" + c.wantDatum + "\"\nstatus = \"umgesetzt\"\nquelle = \"" + c.wantQuelle + "\"\nsicherheit = \"belegt\"\n"
			if got := string(res.Aenderungen[0].Nachher); !strings.Contains(got, want) {
				t.Errorf("no entry\n%s\nin\n%s", want, got)
			}
			if err := res.Write(root); err != nil {
				t.Fatal(err)
			}
			site, diags := content.Load(root)
			diags.Merge(validate.Check(site))
			if diags.HasErrors() {
				var b strings.Builder
				diags.Print(&b, false)
				t.Errorf("content after the import has errors:\n%s", b.String())
			}
		})
	}
	if d, ok := DatumAusDateiname("exporte/Arbeitspakete 30.11.2026.csv"); !ok || !d.Equal(day(30, 11)) {
		t.Errorf("date from file name: %v %v", d, ok)
	}
	if _, ok := DatumAusDateiname("2026-13-40/export.csv"); ok {
		t.Error("date from the directory or an invalid date")
	}
}
