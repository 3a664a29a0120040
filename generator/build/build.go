// Package build runs the pipeline: load, validate, render each document's
// Markdown from the theme's templates, typeset it as PDF, and write the
// output atomically.
//
// It takes Options (content, theme and output directories) and gives the
// check report and the files written, or the diagnostics that stopped it.
package build

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/integrity"
	"trustdocs/generator/lint"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/origin"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdfqueue"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	sitegen "trustdocs/generator/site"
	"trustdocs/generator/theme"
	"trustdocs/generator/validate"
)

// Options say where to read and write.
type Options struct {
	Content string     // content directory
	Theme   string     // optional theme directory shadowing the default theme
	Out     string     // output directory
	Fonts   *pdf.Fonts // parsed fonts to share between builds; nil loads them
	// Created, if set, is written into every PDF as its creation date
	// (SOURCE_DATE_EPOCH); otherwise each document's own date is.
	Created time.Time
	// SignKey, if set, signs SHA256SUMS into SHA256SUMS.sig (package
	// integrity).
	SignKey ed25519.PrivateKey
	// Workers bounds the PDFs typeset at once; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Cache, if set, keeps PDFs and change reports for the next build with
	// the same cache (trustdocs serve); the output is the same either way.
	Cache *Cache
	// Today (YYYY-MM-DD) is the build day: it decides which release is in
	// force. "" means the current UTC date (trustdocs build sets it from
	// --today or SOURCE_DATE_EPOCH, so that output is reproducible).
	Today string
	// InMemory leaves Out alone and gives the files in Result.Output
	// (trustdocs serve serves them from memory).
	InMemory bool
	// Audience is the edition to build: an audience of site.yaml. ""
	// builds everything, as if no item were marked (see edition.go).
	Audience string

	// public, set by BuildEditions, is publicChanges' answer shared by the
	// editions of one build.
	public *publicOnce
}

// Result is what a build did.
type Result struct {
	Report *validate.Report
	Files  []string // relative paths written, sorted
	PDFs   int
	Pages  int // PDF pages in all
	Cached int // PDFs taken from Options.Cache or stored with a release, not typeset again
	// Output holds the files, by path, with Options.InMemory.
	Output output.Files
	// Timings is the wall time of each stage, in pipeline order.
	Timings Timings
	// Site is the edition's content; its Withheld texts are what the leak
	// check searches the wider editions for.
	Site *model.Site
}

// Timings is the wall time spent in each stage of a build.
type Timings struct {
	Load      time.Duration // reading and parsing content/ and the releases
	Validate  time.Duration // references, translations
	Templates time.Duration // theme, document Markdown, model.json
	Diff      time.Duration // releases: stored documents, draft
	PDF       time.Duration // typesetting every PDF, making the change reports
	HTML      time.Duration // the website
	Write     time.Duration // checksums and the output directory
	Total     time.Duration
}

// Stages lists the timings by name, in pipeline order.
func (t Timings) Stages() []Stage {
	return []Stage{{"load", t.Load}, {"validate", t.Validate}, {"templates", t.Templates}, {"diff", t.Diff}, {"pdf", t.PDF}, {"html", t.HTML}, {"write", t.Write}}
}

// Stage is one named timing.
type Stage struct {
	Name string
	D    time.Duration
}

// stopwatch measures consecutive stages.
type stopwatch struct{ last time.Time }

func newStopwatch() *stopwatch { return &stopwatch{time.Now()} }

// lap adds the time since the previous lap to *d.
func (s *stopwatch) lap(d *time.Duration) {
	now := time.Now()
	*d += now.Sub(s.last)
	s.last = now
}

// Check loads and validates a content directory, its releases included
// (a snapshot edited after its release is an error).
func Check(content string) (*model.Site, *validate.Report, *diag.List) {
	site, report, _, errs := check(content, newStopwatch(), &Timings{}, nil)
	errs.Add(checkEditions(content, site, errs))
	return site, report, errs
}

// CheckOptions say how content is judged beyond its validity.
type CheckOptions struct {
	Content string
	Theme   string    // the --theme directory: its lint rules and terms apply
	Today   time.Time // reviews and certificates are measured against it
	Strict  bool      // stale translations and overdue reviews are errors
}

// CheckAll is what `check` reports: Check, then stale translations,
// reviews falling due and the lints, with the theme's rules. Build (and so
// serve) reports the same through diagnose.
func CheckAll(opts CheckOptions) (*model.Site, *validate.Report, *diag.List, error) {
	site, report, diags := Check(opts.Content)
	th, err := theme.Open(opts.Theme)
	if err != nil {
		return site, report, diags, err
	}
	more, err := diagnose(site, report, th, opts.Today, opts.Strict, diags.HasErrors())
	diags.Add(more)
	return site, report, diags, err
}

// diagnose gives the warnings beyond validity: freshness always, lints
// only on valid content (they assume resolved references).
func diagnose(site *model.Site, report *validate.Report, th *theme.Theme, today time.Time, strict, invalid bool) (*diag.List, error) {
	out := validate.Freshness(site, validate.Options{Today: today, Strict: strict}, report)
	if invalid {
		return out, nil
	}
	lints, err := lint.Run(site, lint.Options{Today: today, Theme: th.FS})
	if err != nil {
		return out, err
	}
	out.Add(lints)
	return out, nil
}

// check also returns the releases, read while the content loads.
func check(content string, sw *stopwatch, t *Timings, memo *release.Memo) (*model.Site, *validate.Report, []*release.Release, *diag.List) {
	return checkEdition(content, "", sw, t, memo)
}

// checkEdition is check of one edition ("" = everything).
func checkEdition(content, edition string, sw *stopwatch, t *Timings, memo *release.Memo) (*model.Site, *validate.Report, []*release.Release, *diag.List) {
	type loaded struct {
		rels []*release.Release
		errs *diag.List
	}
	relc := make(chan loaded, 1)
	go func() {
		rels, errs := release.LoadWith(content, memo)
		relc <- loaded{rels, errs}
	}()
	site, errs := load.LoadEdition(content, edition)
	sw.lap(&t.Load)
	report, verrs := validate.Check(site)
	errs.Add(verrs)
	sw.lap(&t.Validate)
	r := <-relc
	errs.Add(r.errs)
	if key := site.ReleaseKey; key != "" && !r.errs.HasErrors() {
		// Releases are signed: one made or edited without the key is an error.
		pub, err := integrity.ReadPublicKey(filepath.Join(content, key))
		if err != nil {
			errs.Errorf(diag.At(filepath.Join(content, "site.yaml")), "release_key %s: %v: name the public key file (PEM, from trustdocs keygen), relative to the content directory", key, err)
		} else {
			errs.Add(release.Verify(r.rels, pub))
		}
	}
	sw.lap(&t.Load)
	return site, report, r.rels, errs
}

// Build checks the content and, if it has no errors, writes the output.
// Diagnostics (warnings too) are returned either way; err is set when the
// content had errors or the output could not be written.
func Build(opts Options) (*Result, *diag.List, error) {
	start := time.Now()
	sw := newStopwatch()
	var tm Timings
	// The fonts are parsed while the content loads.
	type parsed struct {
		fonts *pdf.Fonts
		err   error
	}
	fontc := make(chan parsed, 1)
	if opts.Fonts != nil {
		fontc <- parsed{fonts: opts.Fonts}
	} else {
		go func() {
			f, err := pdf.LoadFonts()
			fontc <- parsed{f, err}
		}()
	}
	site, report, rels, diags := checkEdition(opts.Content, opts.Audience, sw, &tm, opts.Cache.releaseMemo())
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	rels = editionReleases(site, rels)
	th, err := theme.Open(opts.Theme)
	if err != nil {
		return nil, diags, err
	}
	// The same warnings as check, with the same theme.
	day := time.Now().UTC()
	if t, err := time.Parse(time.DateOnly, opts.Today); err == nil {
		day = t
	}
	if !narrowed(site) {
		// An edition's texts are a part of the whole one's: its warnings
		// are the whole one's (and the source hashes are of whole texts).
		more, err := diagnose(site, report, th, day, false, false)
		diags.Add(more)
		if err != nil {
			return nil, diags, err
		}
	}
	states := releaseStates(rels)
	docs, changed, err := currentDocuments(site, th, priorDocs(states))
	if err != nil {
		return nil, diags, err
	}
	if changed, err = publicChanges(opts, site, th, states, changed); err != nil {
		return nil, diags, err
	}
	// Resolved once for every stage below, after currentDocuments set the
	// "gilt ab" dates.
	models := model.Resolve(site)
	res := &Result{Report: report, Site: site}
	sw.lap(&tm.Templates)
	today := opts.Today
	if today == "" {
		today = time.Now().UTC().Format("2006-01-02")
	}
	for _, s := range states {
		if s.Date > today {
			diags.Warnf(diag.At(filepath.Join(opts.Content, release.Dir, s.Version, release.InfoFile)), "release %s is dated %s, after the build day %s: check its date (or give --today)", s.Version, s.Date, today)
		}
	}
	arch, err := loadArchive(states, th, opts.Cache, Drafts(site, changed, states))
	if err != nil {
		return nil, diags, err
	}
	var jobs []pdfqueue.Job
	origins := origin.New(site)
	for _, d := range docs {
		j, err := arch.currentJob(th, d)
		if err != nil {
			return nil, diags, err
		}
		j.Locate = locate(origins, d.Lang, documentPos(site, d.ID))
		jobs = append(jobs, j)
	}
	locateArchive(arch.jobs, opts.Content)
	jobs = append(jobs, arch.jobs...)
	sw.lap(&tm.Diff)
	f := <-fontc
	if f.err != nil {
		return nil, diags, f.err
	}
	pdfs, pages, cached, err := renderPDFs(jobs, f.fonts, opts.Created, opts.Workers, diags, opts.Cache)
	if err != nil {
		return nil, diags, err
	}
	sw.lap(&tm.PDF)
	res.PDFs, res.Pages, res.Cached = len(pdfs), pages, cached
	// model.json only now: not held while the PDFs take the most memory.
	files := output.Files{}
	for _, lang := range site.LangIDs() {
		data, err := modelJSON(models.Get(lang))
		if err != nil {
			return nil, diags, err
		}
		files[lang+"/model.json"] = data
	}
	if err := addRegister(models, rels, arch.drafts, files); err != nil {
		return nil, diags, err
	}
	sw.lap(&tm.Templates)
	in, err := opts.Cache.siteInput(sitegen.Input{Site: site, Models: models, Docs: docs, PDFs: pdfs, Theme: th, Releases: arch.releases, Draft: arch.draft(), Drafts: arch.drafts, Today: today, NoIndex: noIndex(site)}, th)
	if err != nil {
		return nil, diags, err
	}
	web, err := sitegen.Build(in)
	if err != nil {
		return nil, diags, err
	}
	for name, data := range web {
		files[name] = data
	}
	sw.lap(&tm.HTML)
	if err := integrity.Seal(files, opts.SignKey); err != nil {
		return nil, diags, err
	}
	if opts.InMemory {
		res.Output = files
	} else {
		guard := output.Guard{Protected: []string{opts.Content}}
		if opts.Theme != "" {
			guard.Protected = append(guard.Protected, opts.Theme)
		}
		if err := output.Write(opts.Out, files, guard); err != nil {
			return nil, diags, err
		}
	}
	for name := range files {
		res.Files = append(res.Files, name)
	}
	sort.Strings(res.Files)
	sw.lap(&tm.Write)
	tm.Total = time.Since(start)
	res.Timings = tm
	opts.Cache.sweep()
	return res, diags, nil
}

// PDFPath is where a document's PDF lies in the output: de/toms.pdf.
func PDFPath(d *render.Text) string { return sitegen.PDFPath(d) }

// pdfMeta takes the PDF's furniture from the document and its UI words.
func pdfMeta(d *render.Text) pdf.Meta {
	org := d.Site.Organisation
	created, _ := time.Parse("2006-01-02", d.Doc.Date)
	return pdf.Meta{
		Title:          d.Doc.Title,
		Subtitle:       d.Doc.Subtitle,
		Organisation:   org.Name,
		Version:        d.UI.Version,
		Date:           d.UI.AsOf,
		Classification: d.UI.Classification,
		Author:         org.Name,
		Subject:        strings.TrimSpace(d.Doc.Title + " " + d.Doc.Subtitle),
		Keywords:       d.Doc.Type,
		Lang:           d.Lang,
		Header:         strings.TrimSuffix(d.Doc.Title+" · "+d.UI.Version, " · "),
		Footer:         org.Name,
		PageOf:         d.UI.PageOf,
		ContentsTitle:  d.UI.Contents,
		Cover:          d.Doc.Cover, // "" in a release of before cover: auto: always
		Contents:       d.Doc.TOC,
		Created:        created.UTC(),
		ChapterNewPage: d.Type == model.DocSecurityConcept,
		ColumnHeads:    d.UI.ColumnHeads,
	}
}

func modelJSON(r *model.Resolved) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// countPages counts the page objects fpdf writes ("/Type /Page" followed by
// a line end; the page tree is "/Type /Pages").
func countPages(data []byte) int {
	return bytes.Count(data, []byte("/Type /Page\n"))
}
