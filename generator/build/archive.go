package build

import (
	"fmt"
	"sort"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
	"trustdocs/generator/notice"
	"trustdocs/generator/pdf"
	"trustdocs/generator/pdfqueue"
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

// archive is what the releases add to a build.
type archive struct {
	releases []*sitegen.Release
	jobs     []pdfqueue.Job
	states   []*notice.State // the releases, oldest first
	drafts   map[string]bool // document → it differs from its last release
	last     *notice.State
}

// draft reports whether any document is a draft.
func (a *archive) draft() bool {
	for _, d := range a.drafts {
		if d {
			return true
		}
	}
	return false
}

// releaseStates are the releases of a content tree as States, oldest
// first; their Files hold the snapshot and the stored artefacts.
func releaseStates(rels []*release.Release) []*notice.State {
	var out []*notice.State
	for _, r := range rels {
		info := r.Info
		out = append(out, &State{Version: info.Version, Date: info.Date, Info: &info, Model: r.Model, Files: r.Files})
	}
	return out
}

// Drafts says per document of the current content whether it differs
// from its last release: its text in any language (docs, from
// currentDocuments), or its version; a document no release has is a
// draft once there are releases. The theme's history and furniture do not
// count, so a change of the theme alone makes no draft.
func Drafts(site *model.Site, changed map[string]bool, states []*notice.State) map[string]bool {
	prior := priorDocs(states)
	out := map[string]bool{}
	for _, d := range site.Documents {
		p := prior[d.ID.ID]
		out[d.ID.ID] = changed[d.ID.ID] || (p != nil && d.Version != p.version)
	}
	return out
}

// loadArchive plans the releases' part of the build: the stored PDFs are
// copied (jobs with Data), releases without them typeset from their
// stored Markdown. The change notices' text (for the site) is left to
// their jobs' Prepare.
func loadArchive(states []*notice.State, th *theme.Theme, cache *Cache, drafts map[string]bool) (*archive, error) {
	a := &archive{states: states, drafts: drafts}
	if len(states) == 0 {
		return a, nil
	}
	a.last = states[len(states)-1]
	for i, s := range states {
		r := &sitegen.Release{
			Version: s.Version, Date: s.Date, Effective: s.Info.Effective, ObjectionUntil: s.Info.ObjectionUntil,
			ApprovedBy: s.Info.ApprovedBy, Approved: s.Info.Approved,
			Notes: s.Info.Notes, Changes: map[string]*sitegen.Changes{}, Documents: map[string]sitegen.DocRelease{},
		}
		if r.Effective == "" {
			r.Effective = r.Date
		}
		for _, lang := range stateLangs(s) {
			res := s.Model[lang]
			for _, doc := range res.Documents {
				md, ok := s.Files[lang+"/"+doc.ID+".md"]
				if !ok {
					continue // a document the release did not render
				}
				rec, _ := s.Info.Doc(doc.ID)
				if rec.Version == "" {
					rec.Version = doc.Version
				}
				notes := map[string]string{}
				for l := range s.Model {
					notes[l] = s.Info.DocNotes(doc.ID, l)
				}
				r.Documents[doc.ID] = sitegen.DocRelease{Version: rec.Version, Changed: rec.Changed, Notes: notes}
				d, err := render.StoredDocument(th, res, doc, md)
				if err != nil {
					return nil, fmt.Errorf("release %s: %v", s.Version, err)
				}
				r.Docs = append(r.Docs, d)
				job := pdfqueue.Job{Path: sitegen.ArchivePDFPath(s.Version, d), Markdown: md, Meta: pdfMeta(d)}
				if stored, ok := s.Files[lang+"/"+doc.ID+".pdf"]; ok {
					job = pdfqueue.Job{Path: job.Path, Data: stored}
				}
				a.jobs = append(a.jobs, job)
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
			name, err := noticeFile(th, lang)
			if err != nil {
				return nil, err
			}
			stored := s.Files[name]
			a.jobs = append(a.jobs, pdfqueue.Job{Path: p, Estimate: est, Prepare: func(j *pdfqueue.Job) error {
				cr, err := cachedChangeReport(cache, th, old, s, lang)
				if err != nil {
					return err
				}
				ch.Report, ch.Markdown, ch.Redlines = cr.Report, cr.Markdown, cr.Redlines
				if stored != nil {
					j.Data = stored // as published: not typeset again
					return nil
				}
				if j.Meta, err = cr.PDFMeta(th); err != nil {
					return err
				}
				j.Markdown = cr.Markdown
				return nil
			}})
		}
		a.releases = append(a.releases, r)
	}
	return a, nil
}

// stateLangs are the languages of a state, in the order its model lists them.
func stateLangs(s *notice.State) []string {
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

// currentJob is the PDF of a current document: its Markdown with its
// revision history appended, marked as a draft if it is one.
func (a *archive) currentJob(th *theme.Theme, d *render.Document) (pdfqueue.Job, error) {
	return documentJob(th, d, docHistory(a.states, d.ID, d.Lang), a.drafts[d.ID])
}

// documentJob is the PDF of a document with its revision history.
func documentJob(th *theme.Theme, d *render.Document, history []render.HistoryEntry, draft bool) (pdfqueue.Job, error) {
	meta := pdfMeta(d)
	md := d.Markdown
	hist, err := render.HistoryMarkdown(th, d.Lang, history)
	if err != nil {
		return pdfqueue.Job{}, err
	}
	if len(hist) > 0 {
		md = append(append(append([]byte(nil), md...), '\n'), hist...)
	}
	if draft {
		word, err := th.Localizer(d.Lang).T("SiteDraftWatermark", nil)
		if err != nil {
			return pdfqueue.Job{}, err
		}
		markDraft(&meta, word)
	}
	return pdfqueue.Job{Path: PDFPath(d), Markdown: md, Meta: meta}, nil
}

// markDraft marks a PDF as a draft: the word as a watermark across every
// page, and as text (which a search finds) on the cover and in the
// running header.
func markDraft(m *pdf.Meta, word string) {
	m.Watermark = word
	m.Header += " · " + word
	m.Version += " · " + word
}

// renderPDFs typesets the jobs (package pdfqueue) and adds their warnings
// in job order. It gives the PDFs by path, their pages, and how many were
// not typeset (from the cache, or stored with their release).
func renderPDFs(jobs []pdfqueue.Job, fonts *pdf.Fonts, created time.Time, workers int, diags *diag.List, cache *Cache) (map[string][]byte, int, int, error) {
	var c pdfqueue.Cache
	if cache != nil {
		c = cache
	}
	results, err := pdfqueue.Run(jobs, fonts, created, workers, c)
	if err != nil {
		return nil, 0, 0, err
	}
	out := map[string][]byte{}
	pages, cached := 0, 0
	for i, r := range results {
		name := jobs[i].Path
		for _, w := range r.Warnings {
			pos, msg := jobs[i].Where(w)
			diags.Warnf(pos, "%s", msg)
		}
		out[name] = r.Data
		pages += countPages(r.Data)
		if r.Cached || r.Stored {
			cached++
		}
	}
	return out, pages, cached, nil
}

// cachedChangeReport is NewChangeReport, or the report an earlier build
// with the same cache made of the same two releases and theme.
func cachedChangeReport(cache *Cache, th *theme.Theme, old, new *notice.State, lang string) (*notice.Notice, error) {
	if cache == nil || old.Info == nil || new.Info == nil {
		return notice.New(th, old, new, lang)
	}
	k, err := reportKey(th, old, new, lang)
	if err != nil {
		return nil, err
	}
	if cr := cache.report(k); cr != nil {
		return cr, nil
	}
	cr, err := notice.New(th, old, new, lang)
	if err == nil {
		cache.putReport(k, cr)
	}
	return cr, err
}
