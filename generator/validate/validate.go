// Package validate checks a loaded site as a whole: unique IDs, references
// that resolve, goal statuses that are complete and consistent, and every
// text present in every language.
//
// It takes a model.Site (as package load made it) and gives a Report (counts
// and translation coverage) plus the problems found, each at its position.
package validate

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// Report summarises a site for `trustdocs check`.
type Report struct {
	Documents, Subsystems, Measures, Vendors, Sites, Pages int
	Goals, Threats, Requirements, TOMCategories            int
	Coverage                                               []Coverage // per language, in site order
	// NextReview is the review that falls due first (nil if nothing
	// records a review date). Set by Freshness.
	NextReview *Review
}

// Coverage is how many of the texts a language has.
type Coverage struct {
	Lang        string
	Have, Total int
	// Stale counts translations whose source text changed since they were
	// made; Unrecorded those that record no source hash, so nobody can tell.
	// Set by Freshness.
	Stale, Unrecorded int
}

// Review is when a document or subsystem is next due for review.
type Review struct {
	What string `json:"what"` // `document "toms"`
	Due  string `json:"due"`  // YYYY-MM-DD
}

// Options adjust a check.
type Options struct {
	// Today is the date reviews are measured against. The zero value skips
	// every check that depends on the date; only warnings (and, with
	// Strict, overdue reviews) ever do.
	Today time.Time
	// Strict makes stale translations, translations without a source hash
	// and overdue or missing reviews errors instead of warnings.
	Strict bool
}

// Percent is the share of texts present, rounded down (100 only if complete).
func (c Coverage) Percent() int {
	if c.Total == 0 {
		return 100
	}
	return c.Have * 100 / c.Total
}

// Check validates site and returns its report and the problems found.
// Whether translations and reviews are current is Freshness's business.
func Check(site *model.Site) (*Report, *diag.List) {
	v := &checker{site: site, errs: &diag.List{}}
	v.run()
	v.errs.Add(Limits(site))
	v.errs.Add(Glyphs(site))
	return v.report(), v.errs
}

// Freshness checks that translations are current (made from the source
// text as it is) and reviews are not overdue, as opts say, and adds what
// it counts to report (if not nil).
func Freshness(site *model.Site, opts Options, report *Report) *diag.List {
	v := &checker{site: site, opts: opts, errs: &diag.List{}}
	if len(site.Languages) > 0 {
		for _, f := range model.Texts(site) {
			v.checkSources(f)
		}
		v.checkPageSources()
	}
	v.checkReviews()
	v.checkSecurityTxt()
	if report != nil {
		for i := range report.Coverage {
			c := &report.Coverage[i]
			c.Stale, c.Unrecorded = v.stale[c.Lang], v.unrecorded[c.Lang]
		}
		report.NextReview = v.next
	}
	return v.errs
}

type checker struct {
	site *model.Site
	opts Options
	errs *diag.List

	stale, unrecorded map[string]int
	next              *Review

	goals, threats, requirements, tom, vendors, locations, measures, subsystems, pages map[string]bool
	have                                                                               map[string]int
	total                                                                              int
}

func (v *checker) run() {
	s := v.site
	if len(s.Languages) == 0 {
		return // nothing can be said about texts without languages; load reported why
	}
	v.goals = v.index("protection goal", entryIDs(s.Catalogue.Goals))
	v.threats = v.index("threat", entryIDs(s.Catalogue.Threats))
	v.requirements = v.index("requirement", entryIDs(s.Catalogue.Requirements))
	var tomIDs []model.Ident
	for _, at := range s.Catalogue.TOMNodes() {
		tomIDs = append(tomIDs, at.Node.ID)
	}
	v.tom = v.index("TOM category", tomIDs)
	v.vendors = v.index("vendor", collect(s.Vendors, func(x *model.Vendor) model.Ident { return x.ID }))
	v.locations = v.index("site", collect(s.Locations, func(x *model.Location) model.Ident { return x.ID }))
	v.measures = v.index("measure", collect(s.Measures, func(x *model.Measure) model.Ident { return x.ID }))
	v.subsystems = v.index("subsystem", collect(s.Subsystems, func(x *model.Subsystem) model.Ident { return x.ID }))
	v.index("document", collect(s.Documents, func(x *model.Document) model.Ident { return x.ID }))
	v.pages = map[string]bool{}
	for _, p := range s.Pages {
		v.pages[p.Name] = true
	}

	v.checkDocuments()
	v.checkPages()
	for _, l := range s.Locations {
		v.ref(l.Vendor, "vendor", v.vendors)
	}
	for _, m := range s.Measures {
		// tom: [] is a measure only the security concept prints (the lint
		// unreferenced-measure finds one no subsystem lists either).
		if len(m.TOM) == 0 && len(s.Subsystems) == 0 {
			v.errs.Errorf(m.ID.Pos, "measure %q has no TOM category: list at least one under tom:", m.ID.ID)
		}
		v.refList(m.TOM, "TOM category", v.tom, fmt.Sprintf("measure %q", m.ID.ID))
		v.refList(m.Sites, "site", v.locations, fmt.Sprintf("measure %q", m.ID.ID))
	}
	for _, sub := range s.Subsystems {
		v.checkSubsystem(sub)
	}
	v.checkPlan()
	v.checkTOM()
	v.checkTexts()
	v.checkContacts()
	v.checkSlugs()
}

// index reports duplicate IDs of one kind and returns the set of IDs.
func (v *checker) index(kind string, ids []model.Ident) map[string]bool {
	seen := map[string]model.Ident{}
	for _, id := range ids {
		if id.ID == "" {
			continue
		}
		if first, dup := seen[id.ID]; dup {
			v.errs.Errorf(id.Pos, "duplicate %s id %q (first defined at %s): ids must be unique", kind, id.ID, first.Pos)
			continue
		}
		seen[id.ID] = id
	}
	set := make(map[string]bool, len(seen))
	for id := range seen {
		set[id] = true
	}
	return set
}

// catalogueKinds are the references catalogue.yaml defines.
var catalogueKinds = map[string]bool{"protection goal": true, "threat": true, "requirement": true, "TOM category": true}

func (v *checker) ref(r model.Ref, kind string, known map[string]bool) {
	if r.ID == "" || known[r.ID] {
		return
	}
	if u := v.site.Unreadable; u[kind] || u["site"] && kind == "office site" || u["catalogue"] && catalogueKinds[kind] {
		return // a file that may define it did not parse: that error says enough
	}
	// Only valid IDs are offered: an invalid one has an error of its own,
	// and suggesting it here would send the user back to it.
	var valid []string
	for _, k := range keys(known) {
		if load.ValidID(k) {
			valid = append(valid, k)
		} else if load.SuggestID(k) == r.ID {
			v.errs.Errorf(r.Pos, "unknown %s %q: the %s is still called %q, which is not a valid id; rename it to %q where it is defined", kind, r.ID, kind, k, r.ID)
			return
		}
	}
	msg := fmt.Sprintf("unknown %s %q", kind, r.ID)
	if s := load.Suggest(r.ID, valid); s != "" {
		msg += fmt.Sprintf(": did you mean %q?", s)
	} else if len(valid) == 0 {
		msg += fmt.Sprintf(": no %s is defined", kind)
	} else {
		names := diag.Quoted(valid)
		if len(names) > 8 {
			names = append(names[:8:8], fmt.Sprintf("one of %d more", len(valid)-8))
		}
		msg += fmt.Sprintf(": define it, or use %s", diag.Or(names))
	}
	v.errs.Errorf(r.Pos, "%s", msg)
}

func (v *checker) refList(refs []model.Ref, kind string, known map[string]bool, owner string) {
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.ID] {
			v.errs.Errorf(r.Pos, "%s lists %s %q twice: remove one", owner, kind, r.ID)
			continue
		}
		seen[r.ID] = true
		v.ref(r, kind, known)
	}
}

func (v *checker) checkDocuments() {
	s := v.site
	if len(s.Documents) == 0 {
		v.errs.Errorf(s.SitePos, "site.yaml lists no documents: add at least one under documents:")
	}
	for _, d := range s.Documents {
		for _, slot := range d.Pages {
			for _, p := range slot.Pages {
				if p.ID != "" && !v.pages[p.ID] && load.ValidID(p.ID) && load.Suggest(p.ID, keys(v.pages)) == "" {
					files := make([]string, len(s.LangIDs()))
					for i, l := range s.LangIDs() {
						files[i] = "pages/" + p.ID + "." + l + ".md"
					}
					v.errs.Errorf(p.Pos, "unknown page %q: write it as %s, or name an existing page", p.ID, strings.Join(files, " and "))
					continue
				}
				v.ref(p, "page", v.pages)
			}
		}
		if d.Type.ID == model.DocSecurityConcept && len(s.Subsystems) == 0 && !s.Unreadable["subsystem"] {
			v.errs.Errorf(d.Type.Pos, "document %q is a security concept, but there are no subsystems: add them under subsystems/", d.ID.ID)
		}
		if d.Type.ID == model.DocProcessing {
			// Only a person can say these (Art. 28(3) GDPR): no default text.
			for _, slot := range []string{"subject", "purpose"} {
				if len(d.Slot(slot)) == 0 {
					v.errs.Errorf(d.Type.Pos, "document %q describes the processing, but names no page for %q: write pages/NAME.%s.md and give it under pages: %s: NAME", d.ID.ID, slot, s.SourceLang(), slot)
				}
			}
		}
		if d.Type.ID == model.DocTOMs && len(s.Measures) == 0 && !s.Unreadable["measure"] {
			v.errs.Errorf(d.Type.Pos, "document %q is an Anlage 1 (TOMs), but there are no measures: add them under measures/", d.ID.ID)
		}
	}
}

// checkPages wants every page in every language and each name/language once.
func (v *checker) checkPages() {
	byName := map[string]map[string]*model.Page{}
	var names []string
	for _, p := range v.site.Pages {
		if byName[p.Name] == nil {
			byName[p.Name] = map[string]*model.Page{}
			names = append(names, p.Name)
		}
		byName[p.Name][p.Lang] = p
	}
	for _, name := range names {
		var any *model.Page
		for _, p := range byName[name] {
			if any == nil || p.Pos.File < any.Pos.File {
				any = p
			}
		}
		for _, lang := range v.site.LangIDs() {
			v.total++
			if byName[name][lang] != nil {
				v.count(lang)
				continue
			}
			v.errs.Errorf(any.Pos, "missing translation (%s): page %q has no file %s.%s.md", lang, name, name, lang)
		}
	}
}

func (v *checker) checkSubsystem(sub *model.Subsystem) {
	owner := fmt.Sprintf("subsystem %q", sub.ID.ID)
	v.ref(sub.Provider, "vendor", v.vendors)
	v.ref(sub.Contractor, "vendor", v.vendors)
	v.refList(sub.Threats, "threat", v.threats, owner)
	v.refList(sub.Requirements, "requirement", v.requirements, owner)
	v.refList(sub.Measures, "measure", v.measures, owner)
	if len(sub.Threats) == 0 && len(sub.Requirements) == 0 && len(sub.Measures) == 0 {
		v.errs.Errorf(sub.ID.Pos, "%s lists no threats, requirements or measures, so its chapter would be empty headings before the verdict: add threats:, requirements: and measures:", owner)
	}

	given := map[string]bool{}
	statuses := map[string]bool{}
	for _, g := range sub.Goals {
		v.ref(g.Goal, "protection goal", v.goals)
		given[g.Goal.ID] = true
		statuses[g.Status.ID] = true
		switch {
		case g.Status.ID == model.GoalNotRelevant && !g.Reason.Set:
			v.errs.Errorf(g.Status.Pos, "goal %q is not-relevant without a reason: write it as {status: not-relevant, reason: {…}}", g.Goal.ID)
		case g.Status.ID != model.GoalNotRelevant && g.Reason.Set:
			v.errs.Errorf(g.Reason.Pos, "goal %q has a reason, but only not-relevant goals take one: remove it or change the status", g.Goal.ID)
		}
	}
	var missing []string
	for _, g := range v.site.Catalogue.Goals {
		if g.ID.ID != "" && !given[g.ID.ID] {
			missing = append(missing, g.ID.ID)
		}
	}
	if len(missing) > 0 {
		v.errs.Errorf(sub.GoalsPos, "%s gives no status for protection goal(s) %s: every goal is relevant, not-relevant, delegated or not-operational", owner, strings.Join(missing, ", "))
	}
	if statuses[model.GoalDelegated] && !sub.DelegatedIntro.Set {
		v.errs.Errorf(sub.GoalsPos, "%s has delegated goals but no delegated_intro: say why they are the provider's duty", owner)
	}
	if statuses[model.GoalNotOperational] && !sub.NotOperationalNote.Set {
		v.errs.Errorf(sub.GoalsPos, "%s has not-operational goals but no not_operational_note: say why the system is not an operational part of the service", owner)
	}
	if !statuses[model.GoalDelegated] && sub.DelegatedIntro.Set {
		v.errs.Errorf(sub.DelegatedIntro.Pos, "%s has a delegated_intro but no delegated goal", owner)
	}
	if !statuses[model.GoalNotOperational] && sub.NotOperationalNote.Set {
		v.errs.Errorf(sub.NotOperationalNote.Pos, "%s has a not_operational_note but no not-operational goal", owner)
	}
}

// checkTexts wants every written text in every language, and counts coverage.
func (v *checker) checkTexts() {
	langs := v.site.LangIDs()
	eachText(v.site, func(t model.Text, what string) {
		if !t.Set {
			return
		}
		for _, lang := range langs {
			v.total++
			if strings.TrimSpace(t.Values[lang]) != "" {
				v.count(lang)
				continue
			}
			pos := t.Pos
			if p, ok := t.LangPos[lang]; ok {
				pos = p
			}
			if lang == langs[0] {
				v.errs.Errorf(pos, "missing text of %s in %s, the source language: add %s: …", what, lang, lang)
				continue
			}
			v.errs.Errorf(pos, "missing translation (%s) of %s: add %s: …", lang, what, lang)
		}
	})
}

func (v *checker) count(lang string) {
	if v.have == nil {
		v.have = map[string]int{}
	}
	v.have[lang]++
}

func (v *checker) report() *Report {
	s := v.site
	r := &Report{
		Documents: len(s.Documents), Subsystems: len(s.Subsystems), Measures: len(s.Measures),
		Vendors: len(s.Vendors), Sites: len(s.Locations),
		Goals: len(s.Catalogue.Goals), Threats: len(s.Catalogue.Threats), Requirements: len(s.Catalogue.Requirements),
		Pages: len(v.pages),
	}
	r.TOMCategories = len(s.Catalogue.TOMNodes())
	// Each language is measured against everything there is to translate:
	// texts count once per language.
	perLang := 0
	if n := len(s.Languages); n > 0 {
		perLang = v.total / n
	}
	for _, lang := range s.LangIDs() {
		r.Coverage = append(r.Coverage, Coverage{Lang: lang, Have: v.have[lang], Total: perLang})
	}
	return r
}

func entryIDs(es []*model.Entry) []model.Ident {
	return collect(es, func(e *model.Entry) model.Ident { return e.ID })
}

func collect[T any](items []T, id func(T) model.Ident) []model.Ident {
	out := make([]model.Ident, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
