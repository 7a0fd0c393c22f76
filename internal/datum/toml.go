package datum

import (
	"fmt"
	"time"
)

// UnmarshalTOMLValue accepts German date text, bare years and TOML dates
// (decode.Unmarshaler), so that content files decode into Datum directly.
func (d *Datum) UnmarshalTOMLValue(v any) error {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case int64:
		s = fmt.Sprint(x)
	case time.Time:
		s = x.Format("2006-01-02")
	default:
		return &Error{Raw: fmt.Sprint(v), Reason: "Ein Datum wird als Text in Anführungszeichen erwartet, z. B. \"30.06.2025\"."}
	}
	p, err := Parse(s)
	if err != nil {
		return hinted{err}
	}
	*d = p
	return nil
}

// hinted adds the accepted forms to a parse error (decode shows Hint()).
type hinted struct{ error }

func (hinted) Hint() string { return Hint }
