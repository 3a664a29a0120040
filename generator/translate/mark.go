package translate

import (
	"fmt"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// MarkOptions say which translations to mark as made from the current
// source text.
type MarkOptions struct {
	Lang string
	// Stale marks stale translations too (after someone updated them by
	// hand); without it only translations without a hash are marked.
	Stale bool
	IDs   []string // only these units (or below these prefixes); none: all
}

// MarkResult is what a mark would do.
type MarkResult struct {
	Marked  []*Unit
	Stale   int // stale units left alone (without MarkOptions.Stale)
	Changes []Change
}

// Mark records, next to each translation of opts.Lang that has none (and
// with opts.Stale next to each stale one), the hash of its current source
// text: it declares the translation current. It gives the file changes to
// write with Commit.
func Mark(site *model.Site, opts MarkOptions) (*MarkResult, *diag.List) {
	errs := &diag.List{}
	res := &MarkResult{}
	units, err := Units(site, opts.Lang)
	if err != nil {
		errs.Errorf(diag.At(site.Dir), "%v", err)
		return res, errs
	}
	units, unknown := Select(units, opts.IDs)
	if len(unknown) > 0 {
		errs.Errorf(diag.At(site.Dir), "no translation unit %s in this content (units look like measure.ID.text, page.NAME; 'translate export --all' lists every one)", quoteList(unknown))
		return res, errs
	}
	var edits []edit
	pages := map[string]bool{}
	for _, u := range units {
		switch u.State {
		case Stale:
			if !opts.Stale {
				res.Stale++
				continue
			}
		case Unrecorded:
		default:
			continue
		}
		if u.page != nil {
			if pages[u.File] {
				continue // one hash per page
			}
			pages[u.File] = true
		}
		edits = append(edits, edit{unit: u, hash: u.SourceHash})
		res.Marked = append(res.Marked, u)
	}
	res.Changes = buildChanges(edits, errs)
	return res, errs
}

// Summary says in words what a mark did.
func (r *MarkResult) Summary(lang string) string {
	s := fmt.Sprintf("recorded the source hash of %d %s translation(s) in %d file(s)", len(r.Marked), lang, len(r.Changes))
	if r.Stale > 0 {
		s += fmt.Sprintf("; %d stale translation(s) left as they are (update them, then mark them with --stale)", r.Stale)
	}
	return s
}
