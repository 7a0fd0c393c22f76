package publish

// MinifyFast and MinifyWhole give the tests of package publish_test, which
// build the bundled site, both ways of minifying a page.
var MinifyFast = minifyFast

func MinifyWhole(data []byte) ([]byte, error) {
	return pageMinifier.Bytes("text/html", append([]byte(nil), data...))
}

// MinifyPageTags gives the benchmarks the one pass of WriteHTML.
var MinifyPageTags = minifyPageTags
