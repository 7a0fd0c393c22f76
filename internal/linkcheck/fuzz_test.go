package linkcheck

import (
	"net/url"
	"testing"
)

// FuzzLinks reads arbitrary markup and checks every reference in it: never a
// panic, and every reference is either fine, external or broken with a reason.
func FuzzLinks(f *testing.F) {
	for _, s := range []string{
		`<a href="/a/#x" id="y">`, `<svg><use href="/i.svg#z"/></svg>`, `<img srcset="/a.png 1x, /b.png 2x">`,
		`<a href="https://example.org/a/">`, `<a href="../../../x">`, `<a href="%zz">`, `<a href="mailto:x">`,
		`<a href=" javascript:x">`, `<link href="//x">`, `<a href="#:~:text=a">`, `<a name="n" href="?q#n">`,
	} {
		f.Add([]byte(s))
	}
	base, _ := url.Parse("https://example.org/sub/")
	exists := map[string]bool{"index.html": true, "a/index.html": true, "i.svg": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		page := newMarkup()
		scanMarkup(data, page)
		page.done()
		files := map[string]*file{"index.html": page, "a/index.html": {markup: true, ids: []string{"x"}}}
		for _, u := range page.refs {
			reason, ext := resolve("a/index.html", u.ref(), base, "/sub/", exists, lookup(files))
			if reason != "" && ext != "" {
				t.Errorf("%q is both broken and external", *u.href)
			}
		}
	})
}
