package pages

import "tdsite/internal/model"

// seitenVorlage picks the template of a page from content/seiten/: the
// legal and service pages have their own layout, all others use seite.html.
func seitenVorlage(slug string) string {
	switch slug {
	case model.SeiteBarrierefreiheit, model.SeiteLeichteSprache, model.SeiteGebaerden:
		return slug + ".html"
	}
	return "seite.html"
}

// seitenDeps: the accessibility statement is generated from config.toml and
// names what is missing on other pages, so it depends on everything.
func seitenDeps(p *model.Seite) []string {
	if p.Slug == model.SeiteBarrierefreiheit || p.File == "" {
		return []string{All}
	}
	return []string{p.File}
}
