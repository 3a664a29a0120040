package translate

import (
	"fmt"
	"slices"
	"strings"

	"trustdocs/generator/model"
)

// CheckLang says why lang cannot be the target language of a translation of
// site (the source language, or not one of its languages), or nil.
func CheckLang(site *model.Site, lang string) error {
	langs := site.LangIDs()
	switch {
	case lang == "":
		return fmt.Errorf("give the target language with --lang, one of %s", strings.Join(langs[min(1, len(langs)):], ", "))
	case len(langs) > 0 && lang == langs[0]:
		return fmt.Errorf("%s is the source language; translations are into %s", lang, strings.Join(langs[1:], ", "))
	case !slices.Contains(langs, lang):
		return fmt.Errorf("%q is not a language of this content (site.yaml lists %s)", lang, strings.Join(langs, ", "))
	}
	return nil
}

// Counts says how many of units are in each state: "3 missing, 1 stale".
func Counts(units []*Unit) string {
	counts := map[State]int{}
	for _, u := range units {
		counts[u.State]++
	}
	var parts []string
	for _, st := range []State{Missing, Stale, Unrecorded, Current} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	return strings.Join(parts, ", ")
}
