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
	// Redlines are the whole text of each changed document with every
	// change marked (redline.Markdown), by document ID: the full redline a
	// reader opens from the notice's page.
	Redlines map[string][]byte
}

// New compares old and new in lang.
func New(th *theme.Theme, old, new *State, lang string) (*Notice, error) {
	om, nm := old.Model[lang], new.Model[lang]
	if om == nil || nm == nil {
		return nil, fmt.Errorf("no %q text in version %s or %s", lang, old.Version, new.Version)
	}
	cr := &Notice{Lang: lang, Old: old, New: new, Report: diff.Compare(om, nm, render.ValueNamer(th, lang))}
	h := diff.Header{Old: readable(th, old.Version, lang), New: readable(th, new.Version, lang)}
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
	in := render.ChangeReport{Lang: lang, Header: h, Version: h.New, Draft: new.Info == nil, Notes: notes, Report: cr.Report, Org: nm.Organisation.Name, Objections: nm.Objections}
	if i := new.Info; i != nil && i.ApprovedBy != "" {
		in.ApprovedBy = i.ApprovedBy
		if in.Approved, err = dateOrEmpty(i.Approved, lang); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, d := range nm.Documents {
		newMD, ok := new.Files[lang+"/"+d.ID+".md"]
		if !ok {
			continue
		}
		seen[d.ID] = true
		nd := render.NoticeDoc{ID: d.ID, Title: d.Title, New: docVersion(new, d)}
		oldMD, had := old.Files[lang+"/"+d.ID+".md"]
		if had {
			for _, od := range om.Documents {
				if od.ID == d.ID {
					nd.Old = docVersion(old, od)
				}
			}
		}
		if !had || string(oldMD) != string(newMD) {
			nd.Changed = true
			red := redline.Markdown(oldMD, newMD)
			if cr.Redlines == nil {
				cr.Redlines = map[string][]byte{}
			}
			cr.Redlines[d.ID] = red
			ps := Passages(red, oldMD)
			nd.Changes = Changes(ps)
			for _, p := range ps {
				np := render.NoticePassage{Number: p.Number, Title: p.Title, Blocks: p.Blocks, Diagram: p.Diagram}
				if len(np.Blocks) > MaxBlocks { // the rest is in the document's redline
					np.Blocks, np.More = np.Blocks[:MaxBlocks], len(np.Blocks)-MaxBlocks
				}
				nd.Passages = append(nd.Passages, np)
			}
		}
		in.Documents = append(in.Documents, nd)
	}
	for _, d := range om.Documents { // documents the new state no longer has
		if _, ok := old.Files[lang+"/"+d.ID+".md"]; ok && !seen[d.ID] {
			in.Documents = append(in.Documents, render.NoticeDoc{ID: d.ID, Title: d.Title, Old: docVersion(old, d), Removed: true, Changed: true})
		}
	}
	in.Vendors = vendorChanges(cr.Report, om, nm, render.ValueNamer(th, lang))
	cr.Markdown, err = render.ChangeReportMarkdown(th, in)
	if err != nil {
		return nil, err
	}
	return cr, nil
}

// readable names a state for a reader: the current content (version
// "current", not released) as the draft, in the language's word.
func readable(th *theme.Theme, version, lang string) string {
	if version != "current" {
		return version
	}
	if w, err := th.Localizer(lang).T("NoticeDraft", nil); err == nil {
		return w
	}
	return version
}

// MaxBlocks is how many changed blocks of one section the notice shows;
// the others it counts, so that a section rewritten as a whole (a data
// centre replaced) does not fill pages a reader skims.
const MaxBlocks = 2

// docVersion is a document's version in a state: the release's record of
// it, else its model's.
func docVersion(s *State, d model.RDocument) string {
	if s.Info != nil {
		if rec, ok := s.Info.Doc(d.ID); ok && rec.Version != "" {
			return rec.Version
		}
	}
	return d.Version
}

// vendorChanges are the subprocessor changes of the report as table rows,
// from the vendors of the two models (the diff names only what changed).
func vendorChanges(r *diff.Report, om, nm *model.Resolved, name diff.Namer) []render.VendorChange {
	find := func(m *model.Resolved, id string) *model.RVendor {
		for i := range m.Vendors {
			if m.Vendors[i].ID == id {
				return &m.Vendors[i]
			}
		}
		return nil
	}
	fields := func(v *model.RVendor) [5]string {
		if v == nil {
			return [5]string{}
		}
		var places []string
		for _, c := range v.Locations {
			places = append(places, name("locations", c))
		}
		a := v.Address
		addr := strings.Join(strings.Fields(a.Street+", "+a.Postcode+" "+a.City), " ")
		if a.Country != "" && a.Country != nm.Organisation.Address.Country {
			addr += ", " + name("locations", a.Country)
		}
		// Every transfer basis with its decision; the module and the TIA
		// are in Anlage 2 itself.
		var bases []string
		for _, b := range v.Bases() {
			s := name("transfer", b.Basis)
			if b.Decision != "" {
				s += " (" + b.Decision + ")"
			}
			bases = append(bases, s)
		}
		via := strings.Join(bases, "; ")
		return [5]string{v.LegalName, strings.Trim(addr, ", "), v.Service, strings.Join(places, ", "), via}
	}
	var out []render.VendorChange
	for _, c := range r.ByEntity(diff.EntSubprocessor) {
		o, n := fields(find(om, c.ID)), fields(find(nm, c.ID))
		if c.Kind == diff.Added {
			o = n
		} else if c.Kind == diff.Removed {
			n = o
		}
		f := func(i int) render.VendorField { return render.VendorField{Old: o[i], New: n[i]} }
		out = append(out, render.VendorChange{Kind: c.Kind, Name: f(0), Address: f(1), Service: f(2), Places: f(3), Via: f(4)})
	}
	return out
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
		Lang: c.Lang, Header: title + " · " + c.Header.Old + " → " + c.Header.New, Footer: org,
		PageOf: ui.PageOf, ContentsTitle: ui.Contents, Created: created.UTC(),
		Redline: true, Contents: "false", Cover: "false", // one to three pages
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
