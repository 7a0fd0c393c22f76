package opendata

import "testing"

// A text cell that a spreadsheet would run as a formula is written as text;
// numbers, also negative ones, stay numbers.
func TestCSVFormelnEntschaerft(t *testing.T) {
	out, err := writeCSV([]string{"a", "b", "c", "d", "e"},
		[][]string{{"=HYPERLINK(\"http://x\")", "-1,5", "+49 361 0", "@SUMME(A1)", "Text"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "a;b;c;d;e\r\n\"'=HYPERLINK(\"\"http://x\"\")\";-1,5;'+49 361 0;'@SUMME(A1);Text\r\n"
	if string(out) != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}
