package build

import (
	"sort"
	"sync"
	"time"

	"trustdocs/generator/audience"
	"trustdocs/generator/diag"
	"trustdocs/generator/leak"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/notice"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf"
	"trustdocs/generator/release"
	"trustdocs/generator/theme"
	"trustdocs/generator/validate"
)

// Editions. One content tree is built once per audience of site.yaml
// (public, customer, internal by default), each edition without what is
// marked for a narrower audience (package audience).
//
// Releases are cut from the widest edition (public): its snapshot and
// stored PDFs are what the flat release folder holds, as before editions.
// So a stored artefact never holds a narrower text, and every edition's
// archive, change notices, feeds and register come from public releases
// only. Whether a document is a draft is decided on its public text too
// (publicChanges): the customer text always differs from a public
// release by its customer details. Releases per edition, with customer
// notices of their own, are not cut yet (see docs/content-model.md).

// narrowed says whether site is an edition short of the whole content (a
// named audience other than the most trusted).
func narrowed(site *model.Site) bool {
	if site.Edition == "" {
		return false
	}
	names := site.AudienceNames()
	return site.Edition != names[len(names)-1]
}

// editionReleases are the releases an edition's archive and notices are
// made from: every release, in every edition. A release is a cut of the
// public edition, so its stored PDFs and notices hold public text only,
// which every edition may show: a customer reads in the customer edition
// the same notices and signed PDFs as the public, beside the current
// documents of the customer edition.
func editionReleases(site *model.Site, rels []*release.Release) []*release.Release {
	return rels
}

// Editions lists the editions of the content, widest first: the
// audiences of site.yaml (or the default ones) when site.yaml names them
// or anything is marked for an audience; none (one edition, the whole
// content) otherwise.
func Editions(content string) []string {
	site, _ := load.Load(content)
	if len(site.Audiences) == 0 && !site.Marked() {
		return nil
	}
	return site.AudienceNames()
}

// checkEditions validates every edition short of the whole: a public
// subsystem that names a customer-only vendor is valid in the whole
// content and wrong in the public edition. Problems the whole content
// already has are not repeated; the others say the edition.
func checkEditions(content string, whole *model.Site, seen *diag.List) *diag.List {
	out := &diag.List{}
	if whole == nil {
		return out
	}
	if !whole.Marked() {
		classifiedPublic(whole, out) // one edition, and it is public
		return out
	}
	known := map[string]bool{}
	for _, d := range seen.Items() {
		known[d.String()] = true
	}
	names := whole.AudienceNames()
	for _, ed := range names[:len(names)-1] {
		site, errs := load.LoadEdition(content, ed)
		_, verrs := validate.Check(site)
		errs.Add(verrs)
		if ed == names[0] {
			classifiedPublic(site, out)
		}
		for _, d := range errs.Items() {
			if known[d.String()] || d.Severity != diag.Error {
				continue
			}
			known[d.String()] = true
			out.Errorf(d.Pos, "in the %s edition: %s (what it names may be marked for a narrower audience: mark this for that audience too)", ed, d.Msg)
		}
	}
	return out
}

// EditionsResult is what BuildEditions did: the sum over the editions,
// with the files under their edition's folder (public/index.html).
type EditionsResult struct {
	Result
	Editions []string
}

// BuildEditions builds every edition of the content into Out/<audience>/,
// proves with the leak check that no edition holds a text marked for a
// narrower audience, and only then writes them all at once (the previous
// output stays untouched on any error). PDFs the same in two editions are
// typeset once.
func BuildEditions(opts Options) (*EditionsResult, *diag.List, error) {
	start := time.Now()
	all := &diag.List{}
	eds := Editions(opts.Content)
	if eds == nil {
		eds = model.DefaultAudiences
	}
	out := &EditionsResult{Editions: eds}
	files := output.Files{}
	var texts leak.Texts // the archive's PDFs are in every edition: read them once
	if opts.Cache == nil {
		opts.Cache = NewCache()
	}
	if opts.Fonts == nil {
		f, err := pdf.LoadFonts()
		if err != nil {
			return nil, all, err
		}
		opts.Fonts = f
	}
	write, dir := !opts.InMemory, opts.Out
	opts.InMemory = true
	opts.public = &publicOnce{}
	// The most trusted edition first: it is the whole content, whose
	// problems are reported as check reports them; a narrower edition adds
	// only its own errors, naming it.
	for i := len(eds) - 1; i >= 0; i-- {
		ed := eds[i]
		o := opts
		o.Audience = ed
		res, diags, err := Build(o)
		if i == len(eds)-1 {
			all.Add(diags)
		} else {
			for _, d := range diags.Items() {
				if d.Severity == diag.Error {
					all.Errorf(d.Pos, "in the %s edition: %s", ed, d.Msg)
				}
			}
		}
		if err != nil {
			return nil, all, err
		}
		hits, err := texts.Find(res.Output, res.Site.Withheld)
		if err != nil {
			return nil, all, err
		}
		leak.Report(ed, hits, all)
		for name, data := range res.Output {
			files[ed+"/"+name] = data
		}
		out.PDFs += res.PDFs
		out.Pages += res.Pages
		out.Cached += res.Cached
		addTimings(&out.Timings, res.Timings)
		out.Report = res.Report // at the end, the public edition's
	}
	if err := all.Err(); err != nil {
		return nil, all, err
	}
	if write {
		guard := output.Guard{Protected: []string{opts.Content}}
		if opts.Theme != "" {
			guard.Protected = append(guard.Protected, opts.Theme)
		}
		if err := output.Write(dir, files, guard); err != nil {
			return nil, all, err
		}
	} else {
		out.Output = files
	}
	for name := range files {
		out.Files = append(out.Files, name)
	}
	sort.Strings(out.Files)
	out.Timings.Total = time.Since(start)
	return out, all, nil
}

func addTimings(sum *Timings, t Timings) {
	sum.Load += t.Load
	sum.Validate += t.Validate
	sum.Templates += t.Templates
	sum.Diff += t.Diff
	sum.PDF += t.PDF
	sum.HTML += t.HTML
	sum.Write += t.Write
}

// noIndex says whether an edition stays out of search engines: every
// named edition but the public one, and the whole content ("") when it
// holds anything marked for a narrower audience.
func noIndex(site *model.Site) bool {
	if site.Edition == "" {
		return site.Marked()
	}
	return site.Edition != site.AudienceNames()[0]
}

// classifiedPublic warns of a document the public edition holds although
// its classification says it is not public (issue 17: "classification:
// internal" was published without a word).
func classifiedPublic(site *model.Site, out *diag.List) {
	for _, d := range site.Documents {
		switch c := d.Classification.ID; c {
		case "internal", "confidential", "strictly-confidential":
			out.Warnf(d.Classification.Pos, "document %q is classified %s but is in the public edition: mark it audience: customer (or internal), or give its classification per audience ({public: public, customer: %s})", d.ID.ID, c, c)
		}
	}
}

// publicChanges says which documents changed since the last release for
// every edition but the public one, and for the build of everything ("")
// of marked content: releases are cuts of the public edition,
// so that is the edition to compare with them — the whole content always
// differs from a public release by its customer details.
func publicChanges(opts Options, site *model.Site, th *theme.Theme, states []*notice.State, changed map[string]bool) (map[string]bool, error) {
	if len(states) == 0 || site.Edition == site.AudienceNames()[0] || (site.Edition == "" && !site.Marked()) {
		return changed, nil
	}
	compute := func() (map[string]bool, error) {
		pub, _, _, diags := checkEdition(opts.Content, audience.Widest, newStopwatch(), &Timings{}, opts.Cache.releaseMemo())
		if err := diags.Err(); err != nil {
			return nil, err
		}
		_, pubChanged, err := currentDocuments(pub, th, priorDocs(states))
		return pubChanged, err
	}
	if opts.public == nil {
		return compute()
	}
	opts.public.once.Do(func() { opts.public.changed, opts.public.err = compute() })
	return opts.public.changed, opts.public.err
}

// publicOnce computes publicChanges once for all the editions of a build
// (the same content, theme and releases): loading and rendering the public
// edition again for each was a tenth of a large site's build.
type publicOnce struct {
	once    sync.Once
	changed map[string]bool
	err     error
}
