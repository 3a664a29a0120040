// Package translate keeps the translations of a content tree current and
// exchanges them with translators.
//
// It takes a loaded model.Site and gives: the translation units of a target
// language with their state (missing, stale, unrecorded, current); an XLIFF
// 2.0 file of the units that need work (Export, WriteXLIFF); the edits that
// write an XLIFF file back into the YAML and Markdown files (ReadXLIFF,
// Import); and the edits that record source hashes of existing translations
// (Mark). Edits change only the bytes of the values they touch — comments,
// key order and formatting of everything else stay as they were — and are
// written all files or none (Commit).
package translate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// State is how a translation stands to its source.
type State string

const (
	Missing    State = "missing"    // no translation
	Stale      State = "stale"      // the source changed since the translation was made
	Unrecorded State = "unrecorded" // a translation without a source hash: nobody can tell
	Current    State = "current"    // made from the source text as it is
)

// Unit is one translatable field in one target language. Pages are two
// units, PAGE.title and PAGE.body, that share the page's source hash.
type Unit struct {
	ID       string // e.g. measure.access-rights-documented.text, page.introduction.body
	File     string // the content file that holds the translation (pages: the target page, which may not exist yet)
	What     string // words naming the field
	Markdown bool
	Source   string // the source-language text
	Target   string // the translation, "" if missing
	// SourceHash is the hash of Source now; Recorded the one written next
	// to the translation.
	SourceHash, Recorded string
	State                State

	text *model.Text // the YAML text; nil for pages
	page *pageFields // the page; nil for YAML texts
	Pos  diag.Pos    // where the translation is (or would be written)
	Lang string      // the target language
	Src  string      // the source language
}

// pageFields ties a page unit to its source and target page.
type pageFields struct {
	name   string
	field  string      // "title" or "body"
	source *model.Page // the source-language page
	target *model.Page // nil if the page has no file in the target language yet
}

// Units lists the translation units of lang: every text with a source, in
// the order of model.Texts, then the pages by name. Two units with the
// same ID (from duplicate IDs in the content) are an error.
func Units(site *model.Site, lang string) ([]*Unit, error) {
	langs := site.LangIDs()
	if len(langs) == 0 {
		return nil, fmt.Errorf("the site has no languages (site.yaml)")
	}
	src := langs[0]
	if lang == src {
		return nil, fmt.Errorf("%s is the source language of this content: translations are into %s", lang, strings.Join(langs[1:], ", "))
	}
	if !slices.Contains(langs, lang) {
		return nil, fmt.Errorf("%q is not a language of this content (site.yaml lists %s)", lang, strings.Join(langs, ", "))
	}
	var units []*Unit
	for _, f := range model.Texts(site) {
		t := f.Text
		source := t.Values[src]
		if !t.Set || strings.TrimSpace(source) == "" {
			continue
		}
		u := &Unit{ID: f.Unit, File: t.Pos.File, What: f.What, Markdown: f.Markdown, Source: source,
			Target: t.Values[lang], SourceHash: model.SourceHash(source), Recorded: t.Hashes[lang],
			text: t, Pos: t.Pos, Lang: lang, Src: src}
		if p, ok := t.LangPos[lang]; ok {
			u.Pos = p
		}
		u.State = state(u.Target, u.Recorded, u.SourceHash)
		units = append(units, u)
	}
	pages := map[string]map[string]*model.Page{}
	var names []string
	for _, p := range site.Pages {
		if pages[p.Name] == nil {
			pages[p.Name] = map[string]*model.Page{}
			names = append(names, p.Name)
		}
		pages[p.Name][p.Lang] = p
	}
	for _, name := range names {
		sp, tp := pages[name][src], pages[name][lang]
		if sp == nil || strings.TrimSpace(sp.Body) == "" {
			continue
		}
		hash := model.PageHash(sp.Title, sp.Body)
		file := filepath.Join(filepath.Dir(sp.Pos.File), name+"."+lang+".md")
		var title, body, rec string
		pos := diag.At(file)
		if tp != nil {
			title, body, rec, file, pos = tp.Title, tp.Body, tp.Source, tp.Pos.File, tp.Pos
		}
		st := state(body, rec, hash)
		if tp != nil && strings.TrimSpace(title) == "" {
			st = Missing
		}
		for _, field := range []string{"title", "body"} {
			u := &Unit{ID: model.PageUnit(name) + "." + field, File: file, What: fmt.Sprintf("the %s of page %q", field, name),
				Markdown: field == "body", SourceHash: hash, Recorded: rec, State: st, Pos: pos, Lang: lang, Src: src,
				page: &pageFields{name: name, field: field, source: sp, target: tp}}
			if field == "title" {
				u.Source, u.Target = sp.Title, title
			} else {
				u.Source, u.Target = sp.Body, body
			}
			units = append(units, u)
		}
	}
	seen := map[string]*Unit{}
	var dups []string
	for _, u := range units {
		if first, ok := seen[u.ID]; ok {
			dups = append(dups, fmt.Sprintf("%s: %s is defined twice (also at %s): make the ids unique first", u.Pos, u.ID, first.Pos))
			continue
		}
		seen[u.ID] = u
	}
	if len(dups) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(dups, "\n"))
	}
	return units, nil
}

func state(target, recorded, hash string) State {
	switch {
	case strings.TrimSpace(target) == "":
		return Missing
	case recorded == "":
		return Unrecorded
	case recorded != hash:
		return Stale
	}
	return Current
}

// Select returns the units whose ID is one of ids or starts with one of
// them followed by a dot ("measure.x" selects "measure.x.text"); with no
// ids, all units. It also returns the ids that selected nothing.
func Select(units []*Unit, ids []string) ([]*Unit, []string) {
	if len(ids) == 0 {
		return units, nil
	}
	used := make([]bool, len(ids))
	var out []*Unit
	for _, u := range units {
		picked := false
		for i, id := range ids {
			if u.ID == id || strings.HasPrefix(u.ID, id+".") {
				used[i] = true
				picked = true
			}
		}
		if picked {
			out = append(out, u)
		}
	}
	var unknown []string
	for i, id := range ids {
		if !used[i] {
			unknown = append(unknown, id)
		}
	}
	return out, unknown
}
