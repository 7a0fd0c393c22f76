package diag

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"regexp"
	"strings"
	"syscall"
)

// Errors of the operating system and the standard library arrive in
// English ("bind: address already in use", "permission denied") in the
// middle of German sentences. Explain is the one place that turns them into
// German with a hint; everything that shows an error to editors goes
// through it: List.Errorf and List.Warnf for error arguments, the command
// line and the preview's log.

type explanation struct {
	errs []error  // matched with errors.Is
	en   []string // the same errors once flattened to text (fmt "%v")
	de   string
}

var explanations = []explanation{
	{[]error{syscall.EADDRINUSE}, []string{"address already in use"},
		"der Port ist schon belegt, vermutlich von einer anderen Vorschau oder einem anderen Programm"},
	{[]error{syscall.EADDRNOTAVAIL}, []string{"cannot assign requested address"},
		"diese Adresse gehört nicht zu diesem Rechner"},
	{[]error{syscall.ENOSPC}, []string{"no space left on device"},
		"der Datenträger ist voll; schaffen Sie Platz und versuchen Sie es erneut"},
	{[]error{syscall.EDQUOT}, []string{"disk quota exceeded"},
		"Ihr Speicherplatz-Kontingent ist erschöpft; schaffen Sie Platz und versuchen Sie es erneut"},
	{[]error{syscall.EROFS}, []string{"read-only file system"},
		"das Dateisystem ist schreibgeschützt; wählen Sie einen Ordner, in den Sie schreiben dürfen"},
	{[]error{syscall.ENOTDIR}, []string{"not a directory"},
		"ein Teil des Pfads ist eine Datei, kein Ordner"},
	{[]error{syscall.EISDIR}, []string{"is a directory"},
		"hier steht ein Ordner, erwartet wird eine Datei"},
	{[]error{syscall.EMFILE, syscall.ENFILE}, []string{"too many open files"},
		"es sind zu viele Dateien gleichzeitig geöffnet; erhöhen Sie das Limit (ulimit -n) oder schließen Sie andere Programme"},
	{[]error{syscall.ENAMETOOLONG}, []string{"file name too long"},
		"der Datei- oder Ordnername ist zu lang"},
	{[]error{syscall.ELOOP}, []string{"too many levels of symbolic links"},
		"Verknüpfungen verweisen im Kreis aufeinander"},
	{[]error{fs.ErrPermission}, []string{"permission denied", "operation not permitted"},
		"keine Berechtigung; prüfen Sie die Zugriffsrechte der Datei oder des Ordners"},
	{[]error{fs.ErrNotExist}, []string{"no such file or directory"},
		"die Datei oder der Ordner existiert nicht"},
}

// texts are errors of libraries that only exist as text.
var texts = []struct {
	re *regexp.Regexp
	de string // may use $1
}{
	{regexp.MustCompile(`function "([^"]*)" not defined`),
		"die Funktion „$1“ gibt es in Vorlagen nicht; prüfen Sie die Schreibweise"},
}

// Explain returns the text of err with the English system error replaced
// by a German explanation; the original follows in parentheses, so that
// nothing of the detail (path, address) is lost. Errors it does not know
// keep their text.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for _, x := range explanations {
		if strings.Contains(msg, x.de) {
			return msg // already explained
		}
		is := false
		for _, e := range x.errs {
			if errors.Is(err, e) {
				is = true
				break
			}
		}
		if !is && !containsAny(msg, x.en) {
			continue
		}
		if t := technical(err); t != "" && strings.Contains(msg, t) {
			return strings.Replace(msg, t, x.de+" ("+t+")", 1)
		}
		for _, en := range x.en {
			if i := strings.Index(msg, en); i >= 0 {
				return msg[:i] + x.de + " (" + en + ")" + msg[i+len(en):]
			}
		}
		return msg + " – " + x.de
	}
	for _, x := range texts {
		if m := x.re.FindStringSubmatchIndex(msg); m != nil {
			de := string(x.re.ExpandString(nil, x.de, msg, m))
			return msg[:m[0]] + de + " (" + msg[m[0]:m[1]] + ")" + msg[m[1]:]
		}
	}
	return msg
}

// technical is the text of the innermost error that carries the
// operation and path or address ("open /x: permission denied"), which the
// German explanation replaces and keeps in parentheses.
func technical(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var oe *net.OpError
	switch {
	case errors.As(err, &oe):
		return oe.Error()
	case errors.As(err, &le):
		return le.Error()
	case errors.As(err, &pe):
		return pe.Error()
	case errors.As(err, &se):
		return se.Error()
	}
	var no syscall.Errno
	if errors.As(err, &no) {
		return no.Error()
	}
	return ""
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
