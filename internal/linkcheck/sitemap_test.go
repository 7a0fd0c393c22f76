package linkcheck

import (
	"regexp"
	"slices"
	"testing"
)

// sitemapLocs finds what the regular expression it replaced found.
func TestSitemapLocs(t *testing.T) {
	re := regexp.MustCompile(`<loc>([^<]*)</loc>`)
	for _, data := range []string{
		`<urlset><url><loc>https://x.de/</loc></url><url><loc>https://x.de/a/?b=1&amp;c=2</loc></url></urlset>`,
		`<loc></loc><loc>a<b></loc><loc><loc>c</loc>`, `<loc>d</lo`, `<loc>e`, `<loc>f</loc`, `<LOC>g</LOC>`, ``,
	} {
		var got, want []string
		sitemapLocs([]byte(data), func(loc []byte) { got = append(got, string(loc)) })
		for _, m := range re.FindAllStringSubmatch(data, -1) {
			want = append(want, m[1])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", data, got, want)
		}
	}
}
