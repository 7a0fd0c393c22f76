package agenda

import (
	"slices"

	"tdsite/internal/model"
)

// wirkungen are a strategy's impact assessments dated in the report's
// period, oldest first like the other events of the report.
func (r *Bericht) wirkungen(st *model.Strategie) []*model.Wirkungsmessung {
	if st.Wirkung == nil {
		return nil
	}
	var out []*model.Wirkungsmessung
	for _, m := range st.Wirkung.Messungen {
		if r.inPeriode(m.Datum) {
			out = append(out, m)
		}
	}
	slices.Reverse(out) // Messungen are newest first
	return out
}
