// Package notice makes the change notice (Änderungsmitteilung) from one
// state of a site (a release, or the current content) to another, in one
// language: the semantic changes (package diff), then the documents' text
// with insertions and deletions marked (package redline); as Markdown for
// the PDF renderer and as one HTML page.
package notice

import (
	"fmt"
	"strings"
	"time"

	"trustdocs/generator/diff"
	"trustdocs/generator/model"
	"trustdocs/generator/pdf"
	"trustdocs/generator/redline"
	"trustdocs/generator/release"
	"trustdocs/generator/render"
	sitegen "trustdocs/generator/site"
	"trustdocs/generator/theme"
)

// State is one side of a comparison: a release, or the current content.
type State struct {
	Version string
	Date    string
	Info    *release.Info // nil for the current content
	Model   map[string]*model.Resolved
	Files   map[string][]byte
}

// Notice is the change notice from Old to New in Lang.
type Notice struct {
	Lang     string
	Old, New *State
	Report   *diff.Report
	Header   diff.Header
	Markdown []byte // render.ChangeReportMarkdown, CriticMarkup included
}

// New compares old and new in lang.
func New(th *theme.Theme, old, new *State, lang string) (*Notice, error) {
	om, nm := old.Model[lang], new.Model[lang]
	if om == nil || nm == nil {
		return nil, fmt.Errorf("no %q text in version %s or %s", lang, old.Version, new.Version)
	}
	cr := &Notice{Lang: lang, Old: old, New: new, Report: diff.Compare(om, nm, render.ValueNamer(th, lang))}
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
func (c *Notice) Title(th *theme.Theme) (string, error) {
	return th.Localizer(c.Lang).T("SiteChangeReportTitle", map[string]any{"Old": c.Old.Version, "New": c.New.Version})
}

// PDFMeta is the furniture of the report's PDF.
func (c *Notice) PDFMeta(th *theme.Theme) (pdf.Meta, error) {
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
func (c *Notice) PDF(th *theme.Theme, fonts *pdf.Fonts, created time.Time) ([]byte, []pdf.Warning, error) {
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
func (c *Notice) HTML(th *theme.Theme) ([]byte, error) {
	r := &sitegen.Release{
		Version: c.New.Version, Date: c.New.Date,
		Changes: map[string]*sitegen.Changes{c.Lang: {Old: c.Old.Version, OldDate: c.Old.Date, Report: c.Report, Markdown: c.Markdown}},
	}
	if i := c.New.Info; i != nil {
		r.Effective, r.ObjectionUntil, r.Notes = i.Effective, i.ObjectionUntil, i.Notes
	}
	return sitegen.StandaloneChanges(th, c.New.Model[c.Lang], r, c.Lang)
}
