package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"sort"

	"trustdocs/generator/theme"
)

// Layout files of the theme. Each page kind is base.html and partials.html
// plus the kind's own file, which defines the templates "title" and "main"
// (and may define "head" for extra elements of <head>); base.html defines
// "base", the whole page. A --theme directory can shadow any of them.
const (
	layoutBase     = "layouts/base.html"
	layoutPartials = "layouts/partials.html"
)

// pageKinds are the kinds of page and their layout files.
var pageKinds = map[string]string{
	"root":     "layouts/root.html",
	"index":    "layouts/index.html",
	"document": "layouts/document.html",
	"release":  "layouts/release.html",
	"changes":  "layouts/changes.html",
	"redirect": "layouts/redirect.html",
}

// layouts are the parsed templates of one language, by page kind.
type layouts map[string]*template.Template

// parseLayouts parses every page kind with the functions of one language:
//
//	T "Key" ["Name" value …]   the theme's message Key in the page's language
func parseLayouts(fsys fs.FS, loc *theme.Localizer) (layouts, error) {
	funcs := template.FuncMap{
		"T": loc.TPairs,
	}
	out := layouts{}
	kinds := make([]string, 0, len(pageKinds))
	for k := range pageKinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds) // the first error is the same every time
	for _, kind := range kinds {
		file := pageKinds[kind]
		t := template.New(kind).Funcs(funcs).Option("missingkey=error")
		for _, name := range []string{layoutBase, layoutPartials, file} {
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("theme layout %s: %v", name, err)
			}
			if _, err := t.New(name).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("theme layout %s: %v", name, err)
			}
		}
		if t.Lookup("base") == nil {
			return nil, fmt.Errorf("theme layout %s defines no template \"base\"", layoutBase)
		}
		out[kind] = t
	}
	return out, nil
}
