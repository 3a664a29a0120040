package build

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/diff"
	"trustdocs/generator/model"
	"trustdocs/generator/pdf"
	"trustdocs/generator/redline"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	sitegen "trustdocs/generator/site"
	"trustdocs/generator/theme"
)

// The archive: every release's documents from their stored Markdown (the
// exact text released), a change report per release and language against
// the previous release, the revision history appended to the current
// documents' PDFs, and the draft mark when the content differs from the
// last release.

// pdfJob is one PDF to typeset. A change report's job has prepare, which
// makes its Markdown and meta on the worker that typesets it, so that the
// reports are compared alongside the other PDFs.
type pdfJob struct {
	path    string
	md      []byte
	meta    pdf.Meta
	prepare func(*pdfJob) error
	est     int // with prepare: the Markdown's length, estimated
}

// size is the length of the job's Markdown, or its estimate.
func (j *pdfJob) size() int {
	if j.prepare != nil {
		return j.est
	}
	return len(j.md)
}

// archive is what the releases add to a build.
type archive struct {
	releases []*sitegen.Release
	jobs     []pdfJob
	draft    bool
	history  map[string][]render.HistoryEntry // language → releases, newest first
	last     *State
}

// releaseStates are the releases of a content tree as States, oldest first.
func releaseStates(rels []*release.Release) []*State {
	var out []*State
	for _, r := range rels {
		info := r.Info
		out = append(out, &State{Version: info.Version, Date: info.Date, Info: &info, Model: r.Model, Files: r.Files})
	}
	return out
}

// Draft reports whether the current content differs from the last release:
// whether the resolved models (the snapshot's <lang>.yaml files) differ.
// The models are compared as decoded (release.SameModel) rather than
// encoded again, which gives the same answer for a snapshot this version
// wrote. The documents' Markdown (docs) is not compared, so a change of the
// theme alone makes no draft. With no releases, nothing is a draft.
func Draft(site *model.Site, docs []*render.Document, last *State) (bool, error) {
	if last == nil {
		return false, nil
	}
	langs := map[string]bool{}
	for _, lang := range site.LangIDs() {
		langs[lang] = true
	}
	if len(langs) != len(last.Model) {
		return true, nil
	}
	for lang := range langs {
		old, ok := last.Model[lang]
		if !ok || !release.SameModel(model.Localize(site, lang), old) {
			return true, nil
		}
	}
	return false, nil
}

// loadArchive plans the releases' part of the build. The change reports
// are left to their jobs' prepare.
func loadArchive(rels []*release.Release, site *model.Site, th *theme.Theme, cache *Cache) (*archive, error) {
	states := releaseStates(rels)
	a := &archive{history: map[string][]render.HistoryEntry{}}
	if len(states) == 0 {
		return a, nil
	}
	a.last = states[len(states)-1]
	var err error
	if a.draft, err = Draft(site, nil, a.last); err != nil {
		return nil, err
	}
	for i := len(states) - 1; i >= 0; i-- {
		s := states[i]
		for lang := range s.Model {
			a.history[lang] = append(a.history[lang], render.HistoryEntry{Version: s.Version, Date: s.Date, Notes: s.Info.Notes[lang]})
		}
	}
	for i, s := range states {
		r := &sitegen.Release{
			Version: s.Version, Date: s.Date, Effective: s.Info.Effective, ObjectionUntil: s.Info.ObjectionUntil,
			Notes: s.Info.Notes, Changes: map[string]*sitegen.Changes{},
		}
		for _, lang := range stateLangs(s) {
			res := s.Model[lang]
			for _, doc := range res.Documents {
				md, ok := s.Files[lang+"/"+doc.ID+".md"]
				if !ok {
					continue // a document the release did not render
				}
				d, err := render.StoredDocument(th, res, doc, md)
				if err != nil {
					return nil, fmt.Errorf("release %s: %v", s.Version, err)
				}
				r.Docs = append(r.Docs, d)
				a.jobs = append(a.jobs, pdfJob{path: sitegen.ArchivePDFPath(s.Version, d), md: md, meta: pdfMeta(d)})
			}
			if i == 0 || states[i-1].Model[lang] == nil {
				continue
			}
			p, err := sitegen.ChangesPDFPath(th, lang, s.Version)
			if err != nil {
				return nil, err
			}
			old := states[i-1]
			// Filled by prepare, read by the site after all jobs are done.
			ch := &sitegen.Changes{Old: old.Version, OldDate: old.Date}
			r.Changes[lang] = ch
			est := 0 // the report holds every document's text
			for _, doc := range res.Documents {
				est += len(s.Files[lang+"/"+doc.ID+".md"])
			}
			a.jobs = append(a.jobs, pdfJob{path: p, est: est, prepare: func(j *pdfJob) error {
				cr, err := cachedChangeReport(cache, th, old, s, lang)
				if err != nil {
					return err
				}
				if j.meta, err = cr.PDFMeta(th); err != nil {
					return err
				}
				j.md = cr.Markdown
				ch.Report, ch.Markdown = cr.Report, cr.Markdown
				return nil
			}})
		}
		a.releases = append(a.releases, r)
	}
	return a, nil
}

// stateLangs are the languages of a state, in the order its model lists them.
func stateLangs(s *State) []string {
	var order []string
	for _, m := range s.Model {
		order = m.Languages
		break
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range order {
		if s.Model[l] != nil && !seen[l] {
			out = append(out, l)
			seen[l] = true
		}
	}
	var rest []string
	for l := range s.Model {
		if !seen[l] {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// currentJob is the PDF of a current document: its Markdown with the
// revision history appended, marked as a draft if it is one.
func (a *archive) currentJob(th *theme.Theme, d *render.Document) (pdfJob, error) {
	meta := pdfMeta(d)
	md := d.Markdown
	hist, err := render.HistoryMarkdown(th, d.Lang, a.history[d.Lang])
	if err != nil {
		return pdfJob{}, err
	}
	if len(hist) > 0 {
		md = append(append(append([]byte(nil), md...), '\n'), hist...)
	}
	if a.draft {
		word, err := th.Localizer(d.Lang).T("SiteDraftWatermark", nil)
		if err != nil {
			return pdfJob{}, err
		}
		markDraft(&meta, word)
	}
	return pdfJob{path: PDFPath(d), md: md, meta: meta}, nil
}

// markDraft marks a PDF as a draft: the word as a watermark across every
// page, and as text (which a search finds) on the cover and in the
// running header.
func markDraft(m *pdf.Meta, word string) {
	m.Watermark = word
	m.Header += " · " + word
	m.Version += " · " + word
}

// pdfBudget bounds the Markdown typeset at once, in bytes. Typesetting
// holds some 25 times a document's Markdown in memory, so the largest
// documents of a big site do not run side by side; one larger than the
// budget runs when no other does. Small documents never wait.
const pdfBudget = 8 << 20

// renderPDFs typesets the jobs in parallel (each PDF on its own, so the
// bytes do not depend on the order) and adds their warnings in job order.
// workers bounds the goroutines (0: runtime.GOMAXPROCS(0)). It gives the
// PDFs by path, their pages, and how many came from the cache.
func renderPDFs(jobs []pdfJob, fonts *pdf.Fonts, created time.Time, workers int, diags *diag.List, cache *Cache) (map[string][]byte, int, int, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]typesetResult, len(jobs))
	q := newJobQueue(jobs, pdfBudget)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := q.take()
				if !ok {
					return
				}
				j := jobs[i]
				if j.prepare != nil {
					if err := j.prepare(&j); err != nil {
						results[i].perr = err
						q.done(i)
						continue
					}
				}
				if !created.IsZero() {
					j.meta.Created = created.UTC()
				}
				results[i] = typeset(j, fonts, cache)
				q.done(i)
			}
		}()
	}
	wg.Wait()
	out := map[string][]byte{}
	pages, cached := 0, 0
	for i, r := range results {
		name := jobs[i].path
		if r.perr != nil {
			return nil, 0, 0, r.perr
		}
		if r.err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %v", name, r.err)
		}
		for _, w := range r.warnings {
			diags.Warnf(diag.Pos{File: name, Line: max(w.Line, 1), Col: 1}, "%s", w.Message)
		}
		out[name] = r.data
		pages += countPages(r.data)
		if r.cached {
			cached++
		}
	}
	return out, pages, cached, nil
}

type typesetResult struct {
	data     []byte
	warnings []pdf.Warning
	cached   bool
	err      error
	perr     error // from prepare: reported as it is
}

// typeset renders a prepared job, or takes it from the cache.
func typeset(j pdfJob, fonts *pdf.Fonts, cache *Cache) typesetResult {
	var k [32]byte
	if cache != nil {
		var err error
		if k, err = pdfKey(j.md, j.meta); err != nil {
			return typesetResult{err: err}
		}
		if p, ok := cache.pdf(k); ok {
			return typesetResult{data: p.data, warnings: p.warnings, cached: true}
		}
	}
	data, w, err := pdf.Render(j.md, j.meta, fonts)
	if err == nil {
		cache.putPDF(k, cachedPDF{data: data, warnings: w})
	}
	return typesetResult{data: data, warnings: w, err: err}
}

// jobQueue hands out jobs longest first, so that no long one is left to
// the end, and as many at a time as the budget of Markdown bytes allows:
// a job that does not fit is passed over for a smaller one that does.
type jobQueue struct {
	mu      sync.Mutex
	cond    sync.Cond
	jobs    []pdfJob
	pending []int // job indices, longest first
	used    int   // Markdown bytes being typeset
	budget  int
}

func newJobQueue(jobs []pdfJob, budget int) *jobQueue {
	q := &jobQueue{jobs: jobs, budget: budget, pending: make([]int, len(jobs))}
	q.cond.L = &q.mu
	for i := range q.pending {
		q.pending[i] = i
	}
	sort.SliceStable(q.pending, func(a, b int) bool { return jobs[q.pending[a]].size() > jobs[q.pending[b]].size() })
	return q
}

// take gives the next job to typeset, waiting while none fits; false when
// all are given out.
func (q *jobQueue) take() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.pending) > 0 {
		for k, i := range q.pending {
			if n := q.jobs[i].size(); q.used == 0 || q.used+n <= q.budget {
				q.pending = slices.Delete(q.pending, k, k+1)
				q.used += n
				return i, true
			}
		}
		q.cond.Wait()
	}
	return 0, false
}

// done returns job i's share of the budget.
func (q *jobQueue) done(i int) {
	q.mu.Lock()
	q.used -= q.jobs[i].size()
	q.mu.Unlock()
	q.cond.Broadcast()
}

// ChangeReport is the change report from one state (a release, or the
// current content) to another, in one language: the semantic changes,
// then every document's text with insertions and deletions marked.
type ChangeReport struct {
	Lang     string
	Old, New *State
	Report   *diff.Report
	Header   diff.Header
	Markdown []byte // render.ChangeReportMarkdown, CriticMarkup included
}

// cachedChangeReport is NewChangeReport, or the report an earlier build
// with the same cache made of the same two releases and theme.
func cachedChangeReport(cache *Cache, th *theme.Theme, old, new *State, lang string) (*ChangeReport, error) {
	if cache == nil || old.Info == nil || new.Info == nil {
		return NewChangeReport(th, old, new, lang)
	}
	k, err := reportKey(th, old, new, lang)
	if err != nil {
		return nil, err
	}
	if cr := cache.report(k); cr != nil {
		return cr, nil
	}
	cr, err := NewChangeReport(th, old, new, lang)
	if err == nil {
		cache.putReport(k, cr)
	}
	return cr, err
}

// NewChangeReport compares old and new in lang.
func NewChangeReport(th *theme.Theme, old, new *State, lang string) (*ChangeReport, error) {
	om, nm := old.Model[lang], new.Model[lang]
	if om == nil || nm == nil {
		return nil, fmt.Errorf("no %q text in version %s or %s", lang, old.Version, new.Version)
	}
	cr := &ChangeReport{Lang: lang, Old: old, New: new, Report: diff.Compare(om, nm, render.ValueNamer(th, lang))}
	h := diff.Header{Old: old.Version, New: new.Version}
	var err error
	if h.OldDate, err = dateOrEmpty(old.Date, lang); err != nil {
		return nil, err
	}
	if h.NewDate, err = dateOrEmpty(new.Date, lang); err != nil {
		return nil, err
	}
	notes := ""
	if new.Info != nil {
		if h.Effective, err = dateOrEmpty(new.Info.Effective, lang); err != nil {
			return nil, err
		}
		if h.ObjectionUntil, err = dateOrEmpty(new.Info.ObjectionUntil, lang); err != nil {
			return nil, err
		}
		notes = new.Info.Notes[lang]
	}
	cr.Header = h
	var docs []render.RedlineDoc
	seen := map[string]bool{}
	for _, d := range nm.Documents {
		newMD, ok := new.Files[lang+"/"+d.ID+".md"]
		if !ok {
			continue
		}
		seen[d.ID] = true
		docs = append(docs, render.RedlineDoc{ID: d.ID, Title: d.Title, Markdown: string(redline.Markdown(old.Files[lang+"/"+d.ID+".md"], newMD))})
	}
	for _, d := range om.Documents { // documents the new state no longer has
		oldMD, ok := old.Files[lang+"/"+d.ID+".md"]
		if !ok || seen[d.ID] {
			continue
		}
		docs = append(docs, render.RedlineDoc{ID: d.ID, Title: d.Title, Markdown: string(redline.Markdown(oldMD, nil))})
	}
	cr.Markdown, err = render.ChangeReportMarkdown(th, render.ChangeReport{Lang: lang, Header: h, Notes: notes, Report: cr.Report, Docs: docs})
	if err != nil {
		return nil, err
	}
	return cr, nil
}

func dateOrEmpty(iso, lang string) (string, error) {
	if iso == "" {
		return "", nil
	}
	return render.FormatDate(iso, lang)
}

// Title is the report's title: "Änderungsnachweis: Version 1.1 → 2.0".
func (c *ChangeReport) Title(th *theme.Theme) (string, error) {
	return th.Localizer(c.Lang).T("SiteChangeReportTitle", map[string]any{"Old": c.Old.Version, "New": c.New.Version})
}

// PDFMeta is the furniture of the report's PDF.
func (c *ChangeReport) PDFMeta(th *theme.Theme) (pdf.Meta, error) {
	loc := th.Localizer(c.Lang)
	nm := c.New.Model[c.Lang]
	title, err := loc.T("DiffTitle", nil)
	if err != nil {
		return pdf.Meta{}, err
	}
	sub, err := loc.T("SiteChangeReportSubtitle", map[string]any{"Old": c.Old.Version, "OldDate": c.Header.OldDate, "New": c.New.Version, "NewDate": c.Header.NewDate})
	if err != nil {
		return pdf.Meta{}, err
	}
	ui, err := render.ReportUI(th, nm, c.New.Version, c.New.Date)
	if err != nil {
		return pdf.Meta{}, err
	}
	created, _ := time.Parse("2006-01-02", c.New.Date)
	org := nm.Organisation.Name
	return pdf.Meta{
		Title: title, Subtitle: sub, Organisation: org,
		Version: ui.Version, Date: ui.AsOf, Classification: ui.Classification,
		Author: org, Subject: strings.TrimSpace(title + " " + sub), Keywords: "change-report",
		Lang: c.Lang, Header: title + " · " + c.Old.Version + " → " + c.New.Version, Footer: org,
		PageOf: ui.PageOf, ContentsTitle: ui.Contents, Created: created.UTC(),
		Redline: true, ChapterNewPage: true, // each document's text on a page of its own
	}, nil
}

// PDF typesets the report (the redline drawn by the PDF renderer).
func (c *ChangeReport) PDF(th *theme.Theme, fonts *pdf.Fonts, created time.Time) ([]byte, []pdf.Warning, error) {
	meta, err := c.PDFMeta(th)
	if err != nil {
		return nil, nil, err
	}
	if !created.IsZero() {
		meta.Created = created.UTC()
	}
	return pdf.Render(c.Markdown, meta, fonts)
}

// HTML gives the report as one self-contained HTML page.
func (c *ChangeReport) HTML(th *theme.Theme) ([]byte, error) {
	r := &sitegen.Release{
		Version: c.New.Version, Date: c.New.Date,
		Changes: map[string]*sitegen.Changes{c.Lang: {Old: c.Old.Version, OldDate: c.Old.Date, Report: c.Report, Markdown: c.Markdown}},
	}
	if i := c.New.Info; i != nil {
		r.Effective, r.ObjectionUntil, r.Notes = i.Effective, i.ObjectionUntil, i.Notes
	}
	return sitegen.StandaloneChanges(th, c.New.Model[c.Lang], r, c.Lang)
}
