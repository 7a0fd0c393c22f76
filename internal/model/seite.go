package model

func (b *builder) seiten() {
	for _, p := range b.cs.Seiten {
		b.site.Seiten[p.Slug] = &Seite{Seite: *p, Text: b.seitenText(p, p.Slug == SeiteLeichteSprache),
			URL: "/" + p.Slug + "/", Videos: b.videos(p.Videos)}
	}
}
