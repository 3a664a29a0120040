package build

import (
	"fmt"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
	"trustdocs/generator/notice"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// Current is the pseudo-version naming the content as it is now.
const Current = "current"

// Snapshot checks the content and renders the snapshot files of its current
// state (what a release of it would hold).
func Snapshot(content, themeDir string) (*model.Site, map[string][]byte, *diag.List, error) {
	site, _, diags := Check(content)
	if err := diags.Err(); err != nil {
		return nil, nil, diags, err
	}
	defer model.Memoize(site)()
	th, err := theme.Open(themeDir)
	if err != nil {
		return nil, nil, diags, err
	}
	docs, err := render.Documents(site, th)
	if err != nil {
		return nil, nil, diags, err
	}
	files, err := release.Snapshot(site, docs)
	return site, files, diags, err
}

// Release cuts a release of the current content.
func Release(content, themeDir string, info release.Info) (*diag.List, error) {
	site, files, diags, err := Snapshot(content, themeDir)
	if err != nil {
		return diags, err
	}
	for _, lang := range site.LangIDs() {
		if info.Notes[lang] == "" {
			return diags, fmt.Errorf("release notes in %s are missing: give them with --note %s=\"…\"", lang, lang)
		}
	}
	for lang := range info.Notes {
		if !contains(site.LangIDs(), lang) {
			return diags, fmt.Errorf("release notes in %q, which is not a language of the site (%v)", lang, site.LangIDs())
		}
	}
	existing, rerrs := release.Load(content)
	if err := rerrs.Err(); err != nil {
		return rerrs, err
	}
	return diags, release.Cut(content, info, files, existing)
}

// State is one side of a comparison (package notice).
type State = notice.State

// States returns the releases (oldest first) followed by the current
// content as version "current".
func States(content, themeDir string) ([]*State, *diag.List, error) {
	rels, diags := release.Load(content)
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	var out []*State
	for _, r := range rels {
		info := r.Info
		out = append(out, &State{Version: info.Version, Date: info.Date, Info: &info, Model: r.Model, Files: r.Files})
	}
	site, files, cdiags, err := Snapshot(content, themeDir)
	diags.Add(cdiags)
	if err != nil {
		return nil, diags, err
	}
	cur := &State{Version: Current, Model: map[string]*model.Resolved{}, Files: files}
	for _, lang := range site.LangIDs() {
		cur.Model[lang] = model.Localize(site, lang)
	}
	if len(site.Documents) > 0 {
		cur.Date = site.Documents[0].Date.Value
	}
	return append(out, cur), diags, nil
}

// Find returns the state with the version (or "current").
func Find(states []*State, version string) (*State, error) {
	for _, s := range states {
		if s.Version == version || (version != Current && s.Version != Current && release.CompareVersions(s.Version, version) == 0) {
			return s, nil
		}
	}
	var names []string
	for _, s := range states {
		names = append(names, s.Version)
	}
	return nil, fmt.Errorf("no release %q: the releases are %v", version, names)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
