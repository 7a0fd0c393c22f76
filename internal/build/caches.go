package build

import (
	"tdsite/internal/content"
	"tdsite/internal/markdown"
	"tdsite/internal/render"
)

// Caches hold what one build does once and uses many times: the content
// files read, the Markdown texts converted and the fragments of templates
// rendered. (The strategy maps laid out are kept by the strategies of the
// model, model.Memo, so they go with the model.) One Caches belongs to one
// build and is dropped with it. The preview starts each rebuild with Next,
// which carries over only what cannot have changed.
type Caches struct {
	loader    *content.Loader
	markdown  *markdown.Renderer // made for the config's raw HTML setting
	fragments *render.Fragments
	// seed gives the findings for the renderer when it is made (nil: none);
	// it may wait for them to be read.
	seed func() *markdown.Befunde
	// vorrat, if seed set it, gives the renderer the HTML of a full
	// build (markdown.Renderer.UseVorrat).
	vorrat func(*markdown.Renderer)
	// vorratOut writes the texts' HTML for the next build (set by vorrat).
	vorratOut *vorratSchreiber
	// loaded is called once the content is loaded (nil: nothing to do).
	loaded func()
	// einmal: the caches of one `tdsite build`, which writes every page
	// once (markdown.Renderer.EinmalFreigeben); never carried over (Next).
	einmal bool
}

// NewCaches returns empty caches for a build.
func NewCaches() *Caches {
	return &Caches{loader: content.NewLoader(), fragments: render.NewFragments()}
}

// Next returns the caches of the next build. Files that did not change
// are not read again (the loader checks size and time, and forgets
// deleted files) and texts converted in this build are not converted
// again; texts that the next build does not use are dropped after it.
// Fragments start empty: they belong to a model.
func (c *Caches) Next() *Caches {
	n := &Caches{loader: c.loader, fragments: render.NewFragments()}
	if c.markdown != nil {
		n.markdown = c.markdown.Next()
	}
	return n
}

// Loader reads the content files of this build.
func (c *Caches) Loader() *content.Loader { return c.loader }

// Markdown is the renderer of this build for the raw HTML setting unsafe.
func (c *Caches) Markdown(unsafe bool) *markdown.Renderer {
	if c.markdown == nil || c.markdown.Unsafe() != unsafe {
		c.markdown = markdown.New(unsafe)
		if c.einmal {
			c.markdown.EinmalFreigeben()
		}
		if c.seed != nil {
			c.markdown.Seed(c.seed())
		}
		if c.vorrat != nil {
			c.vorrat(c.markdown)
		}
	}
	return c.markdown
}

// MarkdownTexts is the number of converted texts held.
func (c *Caches) MarkdownTexts() int {
	if c.markdown == nil {
		return 0
	}
	return c.markdown.Cached()
}
