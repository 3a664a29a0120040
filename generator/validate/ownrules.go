package validate

import (
	"trustdocs/generator/diag"
	"trustdocs/generator/load"
)

// OwnRules checks the rules every text of the content tree in dir must
// follow on its own: the loader's, and the limits and Markdown checks of
// each text (what a translation import is tried against before it writes).
func OwnRules(dir string) *diag.List {
	site, errs := load.Load(dir)
	errs.Add(Limits(site))
	return errs
}
