package translate

import (
	"fmt"
	"path/filepath"
	"strings"

	"trustdocs/generator/model"
)

// ExportOptions say what to export.
type ExportOptions struct {
	Lang string   // the target language
	All  bool     // every unit, not only the missing and stale ones
	IDs  []string // only these units (or units below these prefixes); none: all
}

// Export makes the XLIFF document of the units of opts.Lang that need a
// translator: missing and stale ones, or with All every one. It also
// returns those units; with none, doc is nil.
func Export(site *model.Site, opts ExportOptions) (*Doc, []*Unit, error) {
	units, err := Units(site, opts.Lang)
	if err != nil {
		return nil, nil, err
	}
	units, unknown := Select(units, opts.IDs)
	if len(unknown) > 0 {
		return nil, nil, fmt.Errorf("no translation unit %s in this content (units look like measure.ID.text; 'translate export --all' lists every one)", quoteList(unknown))
	}
	doc := &Doc{SrcLang: site.SourceLang(), TrgLang: opts.Lang}
	files := map[string]*XFile{}
	var picked []*Unit
	for _, u := range units {
		if !opts.All && u.State != Missing && u.State != Stale {
			continue
		}
		picked = append(picked, u)
		orig := relPath(site.Dir, u.File)
		f := files[orig]
		if f == nil {
			f = &XFile{ID: fmt.Sprintf("f%d", len(doc.Files)+1), Original: orig, Organisation: site.Organisation.Name}
			files[orig] = f
			doc.Files = append(doc.Files, f)
		}
		xu := &XUnit{ID: u.ID, State: u.State, SourceHash: u.SourceHash, Note: note(u),
			Source: trimText(u.Source), SegState: "initial"}
		if t := trimText(u.Target); t != "" {
			xu.Target, xu.HasTarget, xu.TargetHash = t, true, model.SourceHash(u.Target)
		}
		if u.State == Current {
			xu.SegState = "translated"
		}
		f.Units = append(f.Units, xu)
	}
	if len(picked) == 0 {
		return nil, nil, nil
	}
	return doc, picked, nil
}

// note tells the translator what the unit is.
func note(u *Unit) string {
	s := u.What
	if u.Markdown {
		s += " (Markdown: keep **bold**, *italic*, links, lists and line breaks)"
	}
	switch u.State {
	case Stale:
		s += ". The source text changed since this translation was made: update it."
	case Unrecorded:
		s += ". Nobody recorded which source text this translation was made from: check it."
	}
	return s
}

// trimText drops the line ends and spaces a text ends with (a YAML block
// scalar's final line break), and leading blank lines.
func trimText(s string) string {
	return strings.TrimLeft(strings.TrimRight(s, " \t\n"), "\n")
}

func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
