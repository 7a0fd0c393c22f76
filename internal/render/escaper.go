package render

import (
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	ttemplate "text/template"
	"unsafe"
)

// html/template escapes every {{…}} of a page by appending its escaping
// functions to the pipeline ({{.Titel | _html_template_htmlescaper}}).
// They take ...any, and text/template calls every function through
// reflect: for a variadic one, reflect also makes a slice and sets each
// argument into it, 15 % of the cost of a call. Three of five calls in
// templates are escapers; at 10,000 pages the slices cost half a second
// of CPU (docs/leistung.md).
//
// The escapers are always called with exactly the one value of the
// pipeline (templates cannot name them: they are unknown at parse time),
// so a wrapper func(any) string that calls the very same function gives
// the same text without the slice. The functions are unexported; they are
// read once from a private template through reflect (directEscapers). If a
// Go release changes what is read there, directEscapers returns nil and
// the templates keep the originals: slower, same output
// (TestDirectEscapers notices).
//
// html/template adds its functions to a template set whenever it escapes
// a template for the first time, which overwrites the wrappers. So they
// are set after a page set's first execution (it escapes everything the
// page can reach) and after the first execution of each fragment: every
// later execution uses the wrappers.

// directEscapers returns wrappers for html/template's escaping functions
// (all but _eval_args_, which takes the arguments of {{html a b}}), or nil.
var directEscapers = sync.OnceValue(func() (fm template.FuncMap) {
	defer func() {
		if recover() != nil {
			fm = nil
		}
	}()
	// Escaping a template adds all of html/template's functions to it.
	probe := template.Must(template.New("probe").Parse(`{{.}}`))
	if probe.Execute(io.Discard, "") != nil {
		return nil
	}
	funcs := execFuncs(probe)
	if funcs == nil {
		return nil
	}
	fm = template.FuncMap{}
	for name, v := range funcs {
		if !strings.HasPrefix(name, "_html_template_") {
			continue
		}
		f, ok := v.Interface().(func(...any) string)
		if !ok {
			return nil
		}
		fm[name] = func(a any) string { return f(a) }
	}
	if fm["_html_template_htmlescaper"] == nil || fm["_html_template_attrescaper"] == nil {
		return nil
	}
	return fm
})

// execFuncs reads the functions text/template executes for t (the field
// execFuncs of its unexported common part), or nil if it is not there.
// Only for a template no other goroutine uses: the map is read unlocked.
func execFuncs(t *template.Template) map[string]reflect.Value {
	text := reflect.ValueOf(t).Elem().FieldByName("text")
	if !text.IsValid() || text.Type() != reflect.TypeFor[*ttemplate.Template]() || text.IsNil() {
		return nil
	}
	f := text.Elem().FieldByName("execFuncs")
	if !f.IsValid() || f.Type() != reflect.TypeFor[map[string]reflect.Value]() || !f.CanAddr() {
		return nil
	}
	return *(*map[string]reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
}

// useDirect gives set the wrapped escapers; html/template's own come back
// when it escapes a template of set for the first time.
func useDirect(set *template.Template) {
	if fm := directEscapers(); fm != nil {
		set.Funcs(fm)
	}
}
