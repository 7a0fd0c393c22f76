package build

import (
	"time"

	"tdsite/internal/agenda"
	"tdsite/internal/assets"
	"tdsite/internal/config"
	"tdsite/internal/content"
	"tdsite/internal/datum"
	"tdsite/internal/diag"
	"tdsite/internal/markdown"
	"tdsite/internal/model"
	"tdsite/internal/pages"
	"tdsite/internal/render"
	"tdsite/internal/validate"
)

// Prepared is a loaded, checked and modelled site, ready to render.
type Prepared struct {
	Root      string
	Config    *config.Config
	Content   *content.Site
	Model     *model.Site
	Templates *render.Templates
	Pages     []*pages.Page
	Diags     *diag.List
	Assets    *assets.Set // static and generated files; filled before the pages are rendered
	Caches    *Caches     // of the build that prepared it
	Phases    []Phase     // how long loading, checking, modelling took
}

// Prepare runs load → validate → model and parses the templates, on the
// build day date (zero: config build_datum, else today), with the caches
// c of this build (nil: new ones). The returned diagnostics contain
// everything found; Prepared is nil when there were errors.
func Prepare(root string, date time.Time, c *Caches) (*Prepared, *diag.List) {
	return prepare(root, date, c, nil)
}

// Remodel is Prepare after a change to content alone: it keeps the parsed
// templates and asset names of old instead of parsing again.
func Remodel(old *Prepared, date time.Time, c *Caches) (*Prepared, *diag.List) {
	return prepare(old.Root, date, c, old)
}

func prepare(root string, date time.Time, c *Caches, keep *Prepared) (*Prepared, *diag.List) {
	if c == nil {
		c = NewCaches()
	}
	diags := &diag.List{}
	var phases []Phase
	w := startWatch()
	phase := func(name string) { phases = append(phases, w.lap(name)) }
	cfg, cd := config.Load(root)
	diags.Merge(cd)
	cs, ld := c.loader.Load(root)
	diags.Merge(ld)
	if c.loaded != nil {
		c.loaded()
	}
	phase("laden")
	var md *markdown.Renderer
	vorab := make(chan struct{})
	if cfg != nil {
		// The checks of the content run on one core; the Markdown of
		// measures and news, most of the model's work, renders meanwhile.
		md = c.Markdown(cfg.Markdown.UnsafeHTML)
		go func() {
			defer close(vorab)
			model.Vorab(cs, md)
		}()
	} else {
		close(vorab)
	}
	diags.Merge(validate.Check(cs))
	<-vorab
	if cfg == nil {
		return nil, diags
	}
	bd := datum.FromTime(date)
	if date.IsZero() {
		bd = cfg.BuildDatum
		if bd.IsZero() {
			bd = datum.FromTime(time.Now())
		}
	}
	phase("prüfen")
	// The templates need the configuration alone: they are parsed while
	// the model and the page list are made, which leave a core idle.
	type parsed struct {
		tpl   *render.Templates
		diags *diag.List
		set   *assets.Set
	}
	templates := make(chan parsed, 1)
	if keep == nil {
		go func() {
			set := assets.New()
			tpl, td := loadTemplates(root, cfg, set)
			templates <- parsed{tpl, td, set}
		}()
	}
	// The Markdown checks use what building the model rendered.
	m := modelChecked(cs, cfg, md, bd, diags, model.BuildNachVorab)
	phase("modell")
	if keep == nil {
		diags.Merge(checkStatic(root, cfg.Theme))
	}
	cfg.Quittieren(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	pd := ModelChecks(cs, m, bd, false)
	diags.Merge(pd)
	if pd.HasErrors() {
		return nil, diags
	}
	phase("modellprüfung")
	list := pages.List(m)
	phase("seitenliste")
	if keep != nil {
		keep.Templates.Use(c.fragments)
		p := &Prepared{Root: root, Config: cfg, Content: cs, Model: m, Templates: keep.Templates, Pages: list, Diags: diags, Assets: keep.Assets, Caches: c, Phases: phases}
		return p, diags
	}
	pt := <-templates
	mergeNew(diags, pt.diags)
	if pt.tpl == nil || pt.diags.HasErrors() {
		return nil, diags
	}
	pt.tpl.Use(c.fragments)
	phase("vorlagen")
	p := &Prepared{Root: root, Config: cfg, Content: cs, Model: m, Templates: pt.tpl, Pages: list, Diags: diags, Assets: pt.set, Caches: c, Phases: phases}
	return p, diags
}

// ModelChecked builds the model, rendering each Markdown text once, and
// runs the Markdown checks on what rendering collected; it adds their
// findings to diags. Content with errors gets no model (nil): its
// Markdown is then parsed for the checks alone. Neither is the model kept
// when the Markdown has errors.
func ModelChecked(cs *content.Site, cfg *config.Config, md *markdown.Renderer, bd datum.Datum, diags *diag.List) *model.Site {
	return modelChecked(cs, cfg, md, bd, diags, model.Build)
}

// modelChecked is ModelChecked with the model made by build: prepare has
// given md the texts already (model.Vorab) and says so with
// model.BuildNachVorab.
func modelChecked(cs *content.Site, cfg *config.Config, md *markdown.Renderer, bd datum.Datum, diags *diag.List,
	build func(*content.Site, *config.Config, *markdown.Renderer, datum.Datum) *model.Site) *model.Site {
	var m *model.Site
	if !diags.HasErrors() {
		m = build(cs, cfg, md, bd)
	}
	mdDiags := validate.Markdown(cs, cfg.Markdown.UnsafeHTML, md)
	diags.Merge(mdDiags)
	if mdDiags.HasErrors() {
		return nil
	}
	return m
}

// ModelChecks are the checks that need the linked model and the build day
// (stale statuses, closed reports, due dates), with the strategies'
// [ausnahmen] applied. build and check both run them; alle lists every
// stale measure instead of the first few.
func ModelChecks(cs *content.Site, m *model.Site, day datum.Datum, alle bool) *diag.List {
	l := agenda.Pruefen(m, alle)
	l.Merge(validate.Fristen(cs, day))
	validate.Quittieren(cs, l)
	return l
}

// loadTemplates parses the templates with the template functions, whose
// asset links a static file under its published name in set.
func loadTemplates(root string, cfg *config.Config, set *assets.Set) (*render.Templates, *diag.List) {
	funcs := render.Funcs(cfg.BaseURL)
	url := funcs["url"].(func(string) string)
	funcs["asset"] = func(sitePath string) (string, error) {
		pub, err := set.Path(sitePath)
		return url(pub), err
	}
	return render.Load(root, cfg.Theme, funcs)
}

// mergeNew adds the findings of o that l does not have yet: a linked
// themes/<theme> is found on the way to its layouts and to its static
// files, and is one mistake.
func mergeNew(l, o *diag.List) {
	have := map[diag.Diagnostic]bool{}
	for _, d := range l.Items() {
		have[d] = true
	}
	for _, d := range o.Items() {
		if !have[d] {
			l.Add(d)
		}
	}
}

// Retemplate is Prepare after a change to templates alone, with the
// caches c of the new build: content, model and page list stay as they
// were, with their findings; only the templates are parsed again.
func Retemplate(old *Prepared, c *Caches) (*Prepared, *diag.List) {
	diags := &diag.List{}
	diags.Merge(old.Diags)
	tpl, td := loadTemplates(old.Root, old.Config, old.Assets)
	mergeNew(diags, td)
	if tpl == nil || td.HasErrors() {
		return nil, diags
	}
	tpl.Use(c.fragments)
	p := *old
	p.Templates, p.Diags, p.Caches = tpl, diags, c
	return &p, diags
}
