package openproject

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"tdsite/internal/content"
)

// Standardstatus maps the statuses of a standard OpenProject installation
// (German and English) to the four statuses of the content format. The
// table is documented in docs/openproject.md; sites add their own names in
// config.toml under [openproject.status].
var Standardstatus = map[string]string{
	// noch nicht begonnen
	"neu": "geplant", "new": "geplant",
	"in spezifikation": "geplant", "in specification": "geplant",
	"spezifiziert": "geplant", "specified": "geplant",
	"bestätigt": "geplant", "confirmed": "geplant",
	"zu planen": "geplant", "to be scheduled": "geplant",
	"eingeplant": "geplant", "scheduled": "geplant", "geplant": "geplant",
	// in Arbeit
	"in bearbeitung": "laufend", "in progress": "laufend", "in arbeit": "laufend",
	"entwickelt": "laufend", "developed": "laufend",
	"in test": "laufend", "zu testen": "laufend", "in testing": "laufend",
	"getestet": "laufend", "tested": "laufend",
	"test fehlgeschlagen": "laufend", "test failed": "laufend",
	"laufend": "laufend",
	// fertig
	"erledigt": "umgesetzt", "done": "umgesetzt",
	"geschlossen": "umgesetzt", "closed": "umgesetzt",
	"abgeschlossen": "umgesetzt", "umgesetzt": "umgesetzt",
	// angehalten oder nicht weiter verfolgt
	"zurückgestellt": "ausgesetzt", "on hold": "ausgesetzt",
	"abgelehnt": "ausgesetzt", "rejected": "ausgesetzt",
	"pausiert": "ausgesetzt", "ausgesetzt": "ausgesetzt",
}

// Statuszuordnung turns OpenProject status names into content statuses.
type Statuszuordnung map[string]string

// NewStatuszuordnung combines Standardstatus with the site's own names;
// own names win. Unknown target statuses are an error.
func NewStatuszuordnung(eigene map[string]string) (Statuszuordnung, error) {
	z := Statuszuordnung{}
	for k, v := range Standardstatus {
		z[k] = v
	}
	keys := make([]string, 0, len(eigene))
	for k := range eigene {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := eigene[k]
		if !slices.Contains(content.Status, v) {
			return nil, fmt.Errorf("config.toml, [openproject.status]: „%s“ = „%s“ – erlaubt sind %s", k, v, strings.Join(content.Status, ", "))
		}
		z[norm(k)] = v
	}
	return z, nil
}

// Status maps an OpenProject status name.
func (z Statuszuordnung) Status(name string) (string, bool) {
	s, ok := z[norm(name)]
	return s, ok
}
