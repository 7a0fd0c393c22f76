package decode

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tdsite/internal/gencontent"
	"tdsite/internal/testkit"
)

// sameAsGeneral checks that fastParse, where it accepts src, gives the
// values and key lines of the general path, and that the general path
// accepts src, too. It reports whether fastParse accepted src.
func sameAsGeneral(t *testing.T, name string, src []byte) bool {
	t.Helper()
	root, ix, ok := fastParse(src, 2)
	if !ok {
		return false
	}
	doc, d := parseGeneral("x.toml", src, 2)
	if d != nil {
		t.Errorf("%s: the fast path accepts text that the general path rejects (%s):\n%s", name, d.Message, src)
		return true
	}
	if !reflect.DeepEqual(root, doc.Root) {
		t.Errorf("%s: values differ\nfast:    %#v\ngeneral: %#v", name, root, doc.Root)
	}
	if !reflect.DeepEqual(ix, doc.Index) {
		t.Errorf("%s: key lines differ\nfast:    %+v\ngeneral: %+v", name, *ix, *doc.Index)
	}
	return true
}

// tomlTexts returns the TOML of every content file below root (whole .toml
// files and the heads of .md files), by file.
func tomlTexts(t testing.TB, root string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".toml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if data, d := Clean(p, data); d == nil {
			if strings.HasSuffix(p, ".md") {
				data, _, _, _ = SplitFrontMatter(data)
			}
			if data != nil {
				out[p] = data
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastParseContent: every head and TOML file of the bundled site and
// of a generated site takes the fast path, with the general path's result,
// but for the progress reports, whose [abschluss] has quoted keys.
// A file that leaves the fast path still loads, only slower; this test
// says which one, so the fast path can learn what content uses.
func TestFastParseContent(t *testing.T) {
	dst := t.TempDir()
	if err := gencontent.Site(testkit.Root(), dst, 1000); err != nil {
		t.Fatal(err)
	}
	texts := tomlTexts(t, filepath.Join(dst, "content"))
	for p, data := range tomlTexts(t, filepath.Join(testkit.Root(), "content")) {
		texts[p] = data
	}
	if len(texts) < 500 {
		t.Fatalf("only %d files", len(texts))
	}
	for p, src := range texts {
		if !sameAsGeneral(t, p, src) && !strings.Contains(p, "/agenda/fortschrittsbericht-") {
			t.Errorf("%s takes the general path", p)
		}
	}
}

// TestFastParseCases: what fastParse reads, it reads like the general
// path; what it leaves to the general path, ranging from valid TOML it does
// not know to every kind of error, it does not accept.
func TestFastParseCases(t *testing.T) {
	fast := []string{
		"",
		"# nur ein Kommentar\n\n",
		"a = 1\nb = -0\nc = +5\nd = 9223372036854775807\ne = -9223372036854775808\n",
		"f = 1.5\ng = -1e5\nh = 1E-5\ni = 3.0e+2\nj = 0.0\nk = 0e0\nl = 1e05\n",
		"t = true\nf = false # Kommentar\n",
		"s = \"ä \\\"q\\\" \\\\ \\t \\n \\u00e4 \\U0001F600\"\nl = 'C:\\pfad \"x\"'\n",
		"m = \"\"\"\nerste\n  zweite \\\"\"\"\"\nnach = 1\n",
		"m = \"\"\"a\nb\"\"\"\"\nn = \"\"\"\"\"x\"\"\"\"\"\no = '''\n'zitat'\n'''''\n",
		"m = '''\\n bleibt'''\nleer = \"\"\nleer2 = ''\n",
		"a.b.c = 1\na.d = \"x\"\na . e = 2\n",
		"[[a]]\nx = 1\n[[a.b]]\ny = 2\n[a.c]\nz = 3\n[[a]]\nx = 2\n  [[a.b]]\n  y = 3\n[[a.b]]\n",
		"[a.b]\nx = 1\n[a.c]\ny = 2\n[ d . e ] # Kommentar\n[x]\n[x.y]\nz = 1\n",
		"i = { a = 1, b = { c = \"d\" }, e.f = [1, 2] }\nleer = {}\n",
		"z = [\n  1, # eins\n  2,\n\n  \"\"\"\ndrei\"\"\",\n]\nleer = [ ]\nmix = [1, \"a\", [true], {x = 1}]\n",
		"liste = [{ a = 1 }, { b.c = 2 }]\n[[t]]\nzuordnung = { steuerkreis = \"R\", team = \"U\" }\n",
		"[[t]]\n[[t]]\n[t.u]\nv = 1\n",
	}
	general := []string{
		// valid TOML the fast path does not know
		"d = 2025-01-01\n", "d = 1979-05-27T07:32:00Z\n", "d = 07:32:00\n", "d = 1979-05-27 07:32:00\n",
		"\"a b\" = 1\n", "'x' = 1\n", "a.\"b\" = 1\n", "[\"a\"]\n",
		"n = 0x1F\n", "n = 0o7\n", "n = 0b1\n", "n = 1_000\n", "n = 1.5_5\n", "n = inf\n", "n = -nan\n",
		"s = \"\\b\"\n", "s = \"\\f\"\n", "s = \"\\r\"\n", "s = \"\\e\"\n", "s = \"\\x41\"\n", "s = \"\\u0007\"\n", "s = \"\u0085\"\n",
		"s = \"\"\"a \\\n  b\"\"\"\n",
		"[a.b]\n[a]\n", "[[a.b]]\n[a]\n", "a.b = 1\n[a.c]\n",
		// errors
		"a = 1\na = 2\n", "[a]\n[a]\n", "[[a]]\n[a]\n", "[a]\n[[a]]\n", "a = []\n[[a]]\n", "a = {}\n[a.b]\n",
		"a.b = 1\n[a]\n", "a = 1\na.b = 2\n", "[a]\nb = 1\n[a.b]\n", "[a.b]\n[a]\nb = 1\n", "i = {a = 1, a = 2}\n",
		"a = [{b = 1}]\n[a.c]\n", "a = [{b = 1}]\n[[a]]\n",
		"a =\n", "a = \n1\n", "a = ,\n", "a = \"x\n", "a = 'x\n", "a = \"\"\"x\n", "a = 01\n", "a = 1.\n", "a = .5\n",
		"a = 1e\n", "a = 1.5.3\n", "a = -\n", "a = 1-2\n", "a = 99999999999999999999\n", "a = 1e400\n",
		"a = tru\n", "a = 1 2\n", "a = 1 b = 2\n", "a = \"\"\"\"\"\"\"\"\"\n",
		"i = {a = 1,}\n", "i = {a = 1\n}\n", "i = {\na = 1}\n", "i = {a = 1 # x\n}\n",
		"z = [1 2]\n", "z = [1,,2]\n", "z = [1\n", "z = [,]\n",
		"[a]x = 1\n", "[a\n", "[[a]\n", "[[a] ]\n", "[]\n", "[a.]\n", "[.a]\n", "a..b = 1\n", "= 1\n", "a\n",
		"s = \"\\u00\"\n", "s = \"\\uD800\"\n", "s = \"\\U00110000\"\n", "s = \"\\q\"\n",
		"a = 1\r\n", "ä = 1\n",
		// the general path's lines for a quote in a comment after a header
		"[[a]] # \"\"\"\nb = 1\n", "[a] # it's\n",
	}
	for _, src := range fast {
		if !sameAsGeneral(t, "fast", []byte(src)) {
			t.Errorf("the fast path leaves to the general path:\n%s", src)
		}
	}
	for _, src := range general {
		if sameAsGeneral(t, "general", []byte(src)) {
			t.Errorf("the fast path accepts:\n%s", src)
		}
	}
}

// FuzzFastParse: on any text that passes the guard, fastParse either
// leaves it to the general path or agrees with it.
func FuzzFastParse(f *testing.F) {
	seedTOML(f)
	f.Add([]byte("[[a]]\nx = 1\n[[a.b]]\n[a.c]\ni = { a = 1, b.c = [1, {d = \"\"\"\"\"\"}] }\nz = [\n1, # x\n'''\ny'''\n,]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if guard("x.toml", src, 2) != nil {
			return
		}
		testkit.WithinTime(t, 5*time.Second, func() { sameAsGeneral(t, "fuzz", src) })
	})
}
