package build

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
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

// pdfJob is one PDF to typeset.
type pdfJob struct {
	path string
	md   []byte
	meta pdf.Meta
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
// The documents' Markdown is not compared, so a change of the theme alone
// makes no draft. With no releases, nothing is a draft.
func Draft(site *model.Site, docs []*render.Document, last *State) (bool, error) {
	if last == nil {
		return false, nil
	}
	files, err := release.Snapshot(site, docs)
	if err != nil {
		return false, err
	}
	models := func(fs map[string][]byte) map[string][]byte {
		out := map[string][]byte{}
		for n, b := range fs {
			if path.Dir(n) == "." && path.Ext(n) == ".yaml" {
				out[n] = b
			}
		}
		return out
	}
	a, b := models(files), models(last.Files)
	if len(a) != len(b) {
		return true, nil
	}
	for n, x := range a {
		if y, ok := b[n]; !ok || !bytes.Equal(x, y) {
			return true, nil
		}
	}
	return false, nil
}

// loadArchive reads the releases and plans their part of the build.
func loadArchive(content string, site *model.Site, th *theme.Theme, docs []*render.Document) (*archive, error) {
	rels, errs := release.Load(content)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	states := releaseStates(rels)
	a := &archive{history: map[string][]render.HistoryEntry{}}
	if len(states) == 0 {
		return a, nil
	}
	a.last = states[len(states)-1]
	var err error
	if a.draft, err = Draft(site, docs, a.last); err != nil {
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
			cr, err := NewChangeReport(th, states[i-1], s, lang)
			if err != nil {
				return nil, err
			}
			p, err := sitegen.ChangesPDFPath(th, lang, s.Version)
			if err != nil {
				return nil, err
			}
			meta, err := cr.PDFMeta(th)
			if err != nil {
				return nil, err
			}
			a.jobs = append(a.jobs, pdfJob{path: p, md: cr.Markdown, meta: meta})
			r.Changes[lang] = &sitegen.Changes{Old: cr.Old.Version, OldDate: cr.Old.Date, Report: cr.Report, Markdown: cr.Markdown}
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

// renderPDFs typesets the jobs in parallel (each PDF on its own, so the
// bytes do not depend on the order) and adds their warnings in job order.
// workers bounds the goroutines (0: runtime.GOMAXPROCS(0)).
func renderPDFs(jobs []pdfJob, fonts *pdf.Fonts, created time.Time, workers int, diags *diag.List) (map[string][]byte, int, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		data     []byte
		warnings []pdf.Warning
		err      error
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				if !created.IsZero() {
					j.meta.Created = created.UTC()
				}
				data, w, err := pdf.Render(j.md, j.meta, fonts)
				results[i] = result{data, w, err}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	out := map[string][]byte{}
	pages := 0
	for i, r := range results {
		name := jobs[i].path
		if r.err != nil {
			return nil, 0, fmt.Errorf("%s: %v", name, r.err)
		}
		for _, w := range r.warnings {
			diags.Warnf(diag.Pos{File: name, Line: max(w.Line, 1), Col: 1}, "%s", w.Message)
		}
		out[name] = r.data
		pages += countPages(r.data)
	}
	return out, pages, nil
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
