// Package urlpath turns site paths into links and reads URL schemes. It
// has no dependencies inside tdsite, so that configuration, pages and
// open data can use it without pulling in the template engine or the
// Markdown renderer.
package urlpath

import (
	"net/url"
	"strings"
)

// Base splits baseURL into the path prefix of the site ("/" or "/sub/")
// and its origin ("https://host").
func Base(baseURL string) (prefix, origin string) {
	u, _ := url.Parse(baseURL)
	prefix = "/"
	if u != nil && u.Path != "" {
		prefix = u.Path
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	origin = strings.TrimSuffix(baseURL, "/")
	if u != nil && u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return prefix, origin
}

// Abs makes an absolute URL of a site path, for open data, feeds and
// canonical links.
func Abs(baseURL, p string) string {
	prefix, origin := Base(baseURL)
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return p
	}
	return origin + Rel(prefix, p)
}

// Rel joins the base path and a site path.
func Rel(prefix, p string) string {
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "mailto:") || strings.HasPrefix(p, "#") {
		return p
	}
	return prefix + strings.TrimPrefix(p, "/")
}

// Link returns the function that makes site paths into links of the site
// at baseURL, as the template function url does.
func Link(baseURL string) func(string) string {
	prefix, _ := Base(baseURL)
	return func(p string) string { return Rel(prefix, p) }
}

// Scheme returns the lower-case scheme of a URL the way browsers read it:
// leading spaces and control characters ignored, tabs and newlines inside
// removed ("java\tscript:" is "javascript:"). Empty for relative URLs; a
// scheme starts with a letter (WHATWG URL standard).
func Scheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' {
			if b.Len() == 0 || r == '\t' || r == '\n' || r == '\r' {
				continue
			}
			return ""
		}
		if r == ':' {
			return strings.ToLower(b.String())
		}
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (b.Len() == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "" // a scheme starts with a letter: "0:" is a relative path
		}
		b.WriteRune(r)
	}
	return ""
}
