package release

import (
	"fmt"
	"strings"
	"time"
)

// Notes collects release notes given on the command line, by document (""
// for the release's own notes) and language: LANG=TEXT, or with Doc
// DOC:LANG=TEXT. It is a flag.Value; several share one map.
type Notes struct {
	Doc bool
	By  map[string]map[string]string
}

func (n Notes) String() string { return fmt.Sprint(n.By) }

// Set adds one note.
func (n Notes) Set(v string) error {
	doc, rest, ok := "", v, true
	if n.Doc {
		doc, rest, ok = strings.Cut(v, ":")
	}
	lang, text, ok2 := strings.Cut(rest, "=")
	if n.Doc && (!ok || !ok2 || doc == "" || len(lang) != 2 || strings.TrimSpace(text) == "") {
		return fmt.Errorf("want DOC:LANG=TEXT, e.g. toms:en=\"Backup measure rewritten\"")
	} else if !ok2 || len(lang) != 2 || strings.TrimSpace(text) == "" {
		return fmt.Errorf("want LANG=TEXT, e.g. en=\"New subprocessor\"")
	}
	if n.By[doc] == nil {
		n.By[doc] = map[string]string{}
	}
	n.By[doc][lang] = text
	return nil
}

// String is the document as `release` lists it: "toms 2.1 (changed)".
func (d DocInfo) String() string {
	state := "unchanged"
	if d.Changed {
		state = "changed"
	}
	return fmt.Sprintf("%s %s (%s)", d.ID, d.Version, state)
}

// CheckDate says what is wrong with the date v of the flag --name, if
// anything: "20.12.2026" is written 2026-12-20.
func CheckDate(name, v string) error {
	if _, err := time.Parse(time.DateOnly, v); v == "" || err == nil {
		return nil
	}
	hint := "YYYY-MM-DD, e.g. 2026-12-01"
	if t, err := time.Parse("2.1.2006", v); err == nil {
		hint = fmt.Sprintf("YYYY-MM-DD: --%s %s", name, t.Format(time.DateOnly))
	}
	return fmt.Errorf("--%s %s is not a date: write %s", name, v, hint)
}
