package translate

import (
	"fmt"
	"strconv"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// ImportOptions adjust an import.
type ImportOptions struct {
	// Force overwrites translations that were changed in the content since
	// the file was exported (otherwise such a conflict is an error).
	Force bool
}

// ImportResult is what an import would do.
type ImportResult struct {
	Lang      string
	Imported  []*Unit  // translations written (with their source hash)
	Unchanged int      // translated units equal to the content already
	Skipped   []string // units the translator did not translate, with why
	// NowStale are imported units whose source text changed after the
	// export: they are written with the hash of the source they were made
	// from, so check reports them as stale.
	NowStale []*Unit
	Changes  []Change // the files to write (with Commit)
}

// Import matches the units of doc with the content and gives the file
// changes that write the translations back. A file made for other content
// (another organisation, other languages, units the content lacks) is an
// error, as is a translation the content changed since the export (unless
// opts.Force): then nothing is to be written. Errors are positioned in the
// XLIFF file or, for an edit that cannot be made, in the content file.
func Import(site *model.Site, doc *Doc, opts ImportOptions) (*ImportResult, *diag.List) {
	errs := &diag.List{}
	// Tools may write a region (de-DE, en_US): the language is what counts.
	srcLang, trgLang := baseLang(doc.SrcLang), baseLang(doc.TrgLang)
	res := &ImportResult{Lang: trgLang}
	src := site.SourceLang()
	org := site.Organisation.Name
	foreign := fmt.Sprintf("this file was not made for the content in %s (%s)", site.Dir, org)
	if srcLang != src {
		errs.Errorf(doc.Pos, "%s: it translates from %q, but the source language of this content is %q", foreign, doc.SrcLang, src)
	}
	if trgLang == src || !contains(site.LangIDs(), trgLang) {
		errs.Errorf(doc.Pos, "%s: it translates into %q, but this content's translations are into %s", foreign, doc.TrgLang, strings.Join(site.LangIDs()[min(1, len(site.LangIDs())):], ", "))
	}
	// A file made elsewhere says so in every <file>: one message each way.
	var orgs []string
	files, first := map[string][]diag.Pos{}, map[string]string{}
	for _, f := range doc.Files {
		if f.Organisation != org {
			if files[f.Organisation] == nil {
				orgs = append(orgs, f.Organisation)
				first[f.Organisation] = f.Original
			}
			files[f.Organisation] = append(files[f.Organisation], f.Pos)
		}
	}
	for _, o := range orgs {
		if o == "" {
			once(errs, files[o], fmt.Sprintf("<file> %q has no trustdocs metadata (organisation): was it made by 'trustdocs translate export'?", first[o]), "<file> elements without it")
		} else {
			once(errs, files[o], fmt.Sprintf("%s: it was made for the content of %q", foreign, o), "<file> elements made for it")
		}
	}
	if errs.HasErrors() {
		return res, errs
	}
	units, err := Units(site, trgLang)
	if err != nil {
		errs.Errorf(diag.At(site.Dir), "%v", err)
		return res, errs
	}
	byID := map[string]*Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}

	var lacking []diag.Pos // units the content does not have
	lackingMsg := ""
	seen := map[string]diag.Pos{}
	var edits []edit
	pageHash := map[string]string{} // page file → source hash of the imported units
	pageEdits := map[string][]int{} // page file → indexes into edits
	for _, f := range doc.Files {
		for _, xu := range f.Units {
			if first, dup := seen[xu.ID]; dup {
				errs.Errorf(xu.Pos, "unit %q appears twice (first at line %d)", xu.ID, first.Line)
				continue
			}
			seen[xu.ID] = xu.Pos
			u := byID[xu.ID]
			if u == nil {
				if lacking = append(lacking, xu.Pos); len(lacking) == 1 {
					lackingMsg = fmt.Sprintf("unit %q does not exist in this content: %s, or was the id renamed since the export?", xu.ID, foreign)
				}
				continue
			}
			if !model.ValidHash(xu.SourceHash) {
				errs.Errorf(xu.Pos, "unit %q has no trustdocs source hash: was this file made by 'trustdocs translate export'?", xu.ID)
				continue
			}
			e, skip := decide(u, xu, opts, errs)
			if skip != "" {
				res.Skipped = append(res.Skipped, xu.ID+": "+skip)
				continue
			}
			if e == nil {
				res.Unchanged++
				continue
			}
			if u.page != nil {
				if h, ok := pageHash[u.File]; ok && h != e.hash {
					errs.Errorf(xu.Pos, "unit %q was exported from another version of the page than its sibling: export the page again", xu.ID)
					continue
				}
				pageHash[u.File] = e.hash
				pageEdits[u.File] = append(pageEdits[u.File], len(edits))
			}
			edits = append(edits, *e)
			res.Imported = append(res.Imported, u)
			if u.SourceHash != e.hash {
				res.NowStale = append(res.NowStale, u)
			}
		}
	}
	once(errs, lacking, lackingMsg, "units this content does not have")
	for file, idx := range pageEdits {
		u := edits[idx[0]].unit
		var title, body bool
		for _, i := range idx {
			title = title || edits[i].unit.page.field == "title" && edits[i].value != nil
			body = body || edits[i].unit.page.field == "body"
		}
		// A page that does not exist yet needs its title and its body.
		if u.page.target == nil && (!title || !body) {
			errs.Errorf(diag.At(file), "page %q has no %s translation yet: translate its title and its body, then import again", u.page.name, u.Lang)
		}
		// The source hash covers title and body: a new title alone does
		// not make the page current.
		if !body {
			for _, i := range idx {
				edits[i].hash = u.Recorded
			}
		}
	}
	if errs.HasErrors() {
		return res, errs
	}
	res.Changes = buildChanges(edits, errs)
	return res, errs
}

// SkippedLines are the lines that say which units were skipped, at most
// shown of them and a count of the rest.
func (r *ImportResult) SkippedLines(shown int) []string {
	var lines []string
	for i, s := range r.Skipped {
		if i == shown {
			return append(lines, fmt.Sprintf("skipped %d more units", len(r.Skipped)-shown))
		}
		lines = append(lines, "skipped "+s)
	}
	return lines
}

// once reports an error that stands at many places once: at the first,
// saying how many others there are and where the next ones stand.
func once(errs *diag.List, at []diag.Pos, msg, others string) {
	if len(at) == 0 {
		return
	}
	if n := len(at) - 1; n > 0 {
		var lines []string
		for _, p := range at[1:min(len(at), 4)] {
			lines = append(lines, strconv.Itoa(p.Line))
		}
		if n > 3 {
			lines = append(lines, fmt.Sprintf("%d more", n-3))
		}
		word := "line"
		if n > 1 {
			word = "lines"
		}
		last := len(lines) - 1
		list := lines[last]
		if last > 0 {
			list = strings.Join(lines[:last], ", ") + " and " + lines[last]
		}
		msg += fmt.Sprintf(" (and %d more %s, at %s %s)", n, others, word, list)
	}
	errs.Errorf(at[0], "%s", msg)
}

// decide says what to do with one unit: an edit, nothing (nil, "": the
// content has it already), or a reason to skip it.
func decide(u *Unit, xu *XUnit, opts ImportOptions, errs *diag.List) (*edit, string) {
	if !xu.HasTarget || strings.TrimSpace(xu.Target) == "" {
		return nil, "no translation"
	}
	target := fit(xu.Target, u)
	newHash := model.SourceHash(target)
	changedByTranslator := xu.TargetHash == "" || newHash != xu.TargetHash
	if !xu.Translated() && !changedByTranslator {
		return nil, "not translated (the segment is still in state initial and its target unchanged)"
	}
	curHash := ""
	if strings.TrimSpace(u.Target) != "" {
		curHash = model.SourceHash(u.Target)
	}
	if curHash != xu.TargetHash && curHash != newHash && !opts.Force {
		errs.Errorf(xu.TargetPos, "the %s text of %s was changed in the content since this file was exported: merge the two by hand, or import with --force to overwrite it", u.Lang, u.What)
		return nil, "conflict"
	}
	if curHash == newHash {
		if u.Recorded == xu.SourceHash {
			return nil, ""
		}
		return &edit{unit: u, hash: xu.SourceHash}, "" // the same text: record the hash only
	}
	return &edit{unit: u, value: &target, hash: xu.SourceHash}, ""
}

// fit shapes a translation like its source: without surrounding blank
// lines, ending in a line break where the source does.
func fit(target string, u *Unit) string {
	t := trimText(target)
	if strings.HasSuffix(u.Source, "\n") {
		t += "\n"
	}
	return t
}

// baseLang is the language of a language tag: "en" of "en-GB" or "EN_us".
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
