package site

import (
	"fmt"
	"path"

	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// The archive: per release and language a release page, the documents as
// released and the change report against the previous release.

// last is the last release that has documents in lang, or nil.
func (b *builder) last(lang string) *Release {
	for i := len(b.in.Releases) - 1; i >= 0; i-- {
		if b.has[ReleaseDir(lang, b.in.Releases[i].Version)+"index.html"] {
			return b.in.Releases[i]
		}
	}
	return nil
}

// announced reports whether release r is announced but not yet in force
// on the build day (Input.Today).
func (b *builder) announced(r *Release) bool {
	return b.in.Today != "" && r.Date <= b.in.Today && r.Effective > b.in.Today
}

// inForce is the release in force in lang: the latest with documents in
// lang whose effective date has come; nil if none.
func (b *builder) inForce(lang string) *Release {
	for i := len(b.in.Releases) - 1; i >= 0; i-- {
		r := b.in.Releases[i]
		if b.has[ReleaseDir(lang, r.Version)+"index.html"] && (b.in.Today == "" || r.Effective <= b.in.Today) {
			return r
		}
	}
	return nil
}

func (b *builder) releaseDocs(r *Release, lang string) []*render.Document {
	var out []*render.Document
	for _, d := range r.Docs {
		if d.Lang == lang {
			out = append(out, d)
		}
	}
	return out
}

// date formats an ISO date for lang ("" stays "").
func date(iso, lang string) (string, error) {
	if iso == "" {
		return "", nil
	}
	return render.FormatDate(iso, lang)
}

// releaseView describes release r in lang for the page at output path page.
func (b *builder) releaseView(r *Release, lang, page string, loc *theme.Localizer) (*ReleaseView, error) {
	v := &ReleaseView{
		Version: r.Version, ISODate: r.Date, ISOEffective: r.Effective, ISOObjection: r.ObjectionUntil,
		Notes:      r.Notes[lang],
		Latest:     b.inForce(lang) == r,
		Announced:  b.announced(r),
		ApprovedBy: r.ApprovedBy,
		Href:       rel(page, ReleaseDir(lang, r.Version)+"index.html"),
	}
	var err error
	if v.Date, err = date(r.Date, lang); err != nil {
		return nil, err
	}
	if v.Effective, err = date(r.Effective, lang); err != nil {
		return nil, err
	}
	if v.Objection, err = date(r.ObjectionUntil, lang); err != nil {
		return nil, err
	}
	if v.Approved, err = date(r.Approved, lang); err != nil {
		return nil, err
	}
	if b.has[EmailPath(lang, r.Version)] {
		v.Email = rel(page, EmailPath(lang, r.Version))
	}
	if c := r.Changes[lang]; c != nil {
		v.Changes = rel(page, ChangesHTMLPath(lang, r.Version))
		v.Old = c.Old
		if v.OldDate, err = date(c.OldDate, lang); err != nil {
			return nil, err
		}
		pdfPath, err := ChangesPDFPath(b.in.Theme, lang, r.Version)
		if err != nil {
			return nil, err
		}
		data, ok := b.in.PDFs[pdfPath]
		if !ok {
			if b.standalone {
				return v, nil
			}
			return nil, fmt.Errorf("no PDF %s given to the site", pdfPath)
		}
		size, err := fileSize(loc, lang, len(data))
		if err != nil {
			return nil, err
		}
		title, err := loc.T("SiteChangeReportTitle", map[string]any{"Old": c.Old, "New": r.Version})
		if err != nil {
			return nil, err
		}
		v.ChangesPDF = &Doc{Title: title, PDF: rel(page, pdfPath), PDFPath: pdfPath, Size: size, Bytes: len(data), SHA256: sha256Hex(data), HTML: v.Changes}
	}
	return v, nil
}

// releaseViews lists the releases in lang, newest first, for a page.
func (b *builder) releaseViews(lang, page string) ([]*ReleaseView, error) {
	loc := b.in.Theme.Localizer(lang)
	var out []*ReleaseView
	for i := len(b.in.Releases) - 1; i >= 0; i-- {
		r := b.in.Releases[i]
		if !b.has[ReleaseDir(lang, r.Version)+"index.html"] {
			continue
		}
		v, err := b.releaseView(r, lang, page, loc)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// history is the revision history of document d on the page at output
// path page: the releases up to version (all when version is ""), newest
// first.
func (b *builder) history(d *render.Document, page, version string) ([]HistoryEntry, error) {
	var out []HistoryEntry
	last := b.last(d.Lang)
	for i := len(b.in.Releases) - 1; i >= 0; i-- {
		r := b.in.Releases[i]
		if !b.has[ReleaseDir(d.Lang, r.Version)+"index.html"] {
			continue
		}
		if version != "" && releaseIndex(b.in.Releases, r.Version) > releaseIndex(b.in.Releases, version) {
			continue
		}
		e := HistoryEntry{Version: r.Version, ISODate: r.Effective, Notes: r.Notes[d.Lang], This: r.Version == version, Latest: r == last}
		if dr, ok := r.Documents[d.ID]; ok {
			if !dr.Changed && r.Version != version {
				continue // this release did not change the document
			}
			e.Version, e.Notes = dr.Version, dr.Notes[d.Lang]
		} else if r.Documents != nil {
			continue // the release did not have the document
		}
		if e.ISODate == "" {
			e.ISODate = r.Date
		}
		var err error
		if e.Date, err = date(e.ISODate, d.Lang); err != nil {
			return nil, err
		}
		if target := ReleaseDir(d.Lang, r.Version) + d.ID + ".html"; b.has[target] {
			e.Href = rel(page, target)
		}
		if b.has[ChangesHTMLPath(d.Lang, r.Version)] {
			e.Changes = rel(page, ChangesHTMLPath(d.Lang, r.Version))
		}
		out = append(out, e)
	}
	return out, nil
}

func releaseIndex(rs []*Release, version string) int {
	for i, r := range rs {
		if r.Version == version {
			return i
		}
	}
	return -1
}

// draftBanner says that the page at output path page shows a draft, not
// release last, and links target.
func (b *builder) draftBanner(loc *theme.Localizer, lang, key string, last *Release, page, target string) (*Banner, error) {
	d, err := date(last.Date, lang)
	if err != nil {
		return nil, err
	}
	text, err := loc.T(key, map[string]any{"Version": last.Version, "Date": d})
	if err != nil {
		return nil, err
	}
	link, err := loc.T("SiteDraftLink", map[string]any{"Version": last.Version})
	if err != nil {
		return nil, err
	}
	return &Banner{Kind: "draft", Text: text, Href: rel(page, target), LinkText: link}, nil
}

// archiveBanner says that the page at output path page belongs to release
// r and links the current version: the same document (file name) in the
// last release, or the current documents when r is the last release.
func (b *builder) archiveBanner(loc *theme.Localizer, lang string, r *Release, page string) (*Banner, error) {
	last := b.last(lang)
	d, err := date(r.Date, lang)
	if err != nil {
		return nil, err
	}
	file := path.Base(page)
	if r == last {
		text, err := loc.T("SiteLatestBanner", map[string]any{"Version": r.Version, "Date": d})
		if err != nil {
			return nil, err
		}
		link, err := loc.T("SiteLatestLink", nil)
		if err != nil {
			return nil, err
		}
		target := lang + "/" + file
		if !b.has[target] {
			target = lang + "/index.html"
		}
		return &Banner{Kind: "latest", Text: text, Href: rel(page, target), LinkText: link}, nil
	}
	ld, err := date(last.Date, lang)
	if err != nil {
		return nil, err
	}
	text, err := loc.T("SiteArchivedBanner", map[string]any{"Version": r.Version, "Date": d, "Current": last.Version, "CurrentDate": ld})
	if err != nil {
		return nil, err
	}
	link, err := loc.T("SiteArchivedLink", map[string]any{"Version": last.Version})
	if err != nil {
		return nil, err
	}
	target := ReleaseDir(lang, last.Version) + file
	if !b.has[target] {
		target = ReleaseDir(lang, last.Version) + "index.html"
	}
	return &Banner{Kind: "archived", Text: text, Href: rel(page, target), LinkText: link}, nil
}

// release writes the pages of release r in lang: its page, its documents
// and its change report.
func (b *builder) release(lays layouts, loc *theme.Localizer, lang string, r *Release) error {
	index := ReleaseDir(lang, r.Version) + "index.html"
	if !b.has[index] {
		return nil
	}
	view, err := b.releaseView(r, lang, index, loc)
	if err != nil {
		return err
	}
	heading, err := loc.T("SiteRelease", map[string]any{"Version": r.Version})
	if err != nil {
		return err
	}
	all, err := loc.T("SiteAllDocuments", nil)
	if err != nil {
		return err
	}
	ds := b.releaseDocs(r, lang)
	var docs []*Doc
	for _, d := range ds {
		doc, err := b.doc(d, ArchivePDFPath(r.Version, d), loc)
		if err != nil {
			return fmt.Errorf("%s: %v", ArchiveHTMLPath(r.Version, d), err)
		}
		docs = append(docs, doc)
	}

	p, err := b.basePage(lang, index)
	if err != nil {
		return err
	}
	p.Release, p.Docs, p.Title = view, docs, heading
	p.Crumbs = []Crumb{{Href: p.Home, Text: all}}
	if p.Banner, err = b.archiveBanner(loc, lang, r, index); err != nil {
		return err
	}
	if err := b.execute(lays, "release", index, &p); err != nil {
		return err
	}

	for i, d := range ds {
		name := ArchiveHTMLPath(r.Version, d)
		p, err := b.basePage(lang, name)
		if err != nil {
			return err
		}
		doc := *docs[i]
		if err := b.fillDocument(&p, &doc, d, loc, name, r.Version); err != nil {
			return err
		}
		p.Release = view
		p.Crumbs = []Crumb{{Href: p.Home, Text: all}, {Href: "index.html", Text: heading}}
		if p.Banner, err = b.archiveBanner(loc, lang, r, name); err != nil {
			return err
		}
		if err := b.execute(lays, "document", name, &p); err != nil {
			return err
		}
	}

	c := r.Changes[lang]
	if c == nil {
		return nil
	}
	name := ChangesHTMLPath(lang, r.Version)
	for _, d := range ds { // the full redlines, in document order
		if c.Redlines[d.ID] != nil {
			view.Redlines = append(view.Redlines, Crumb{Href: rel(name, RedlineHTMLPath(lang, r.Version, d.ID)), Text: d.Doc.Title})
		}
	}
	p, err = b.basePage(lang, name)
	if err != nil {
		return err
	}
	if p.Changes, err = b.changesDoc(c.Markdown, lang, loc, view); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	p.Release, p.Title = view, p.Changes.Title
	p.Crumbs = []Crumb{{Href: p.Home, Text: all}, {Href: "index.html", Text: heading}}
	if err := b.execute(lays, "changes", name, &p); err != nil {
		return err
	}
	for _, d := range ds {
		md := c.Redlines[d.ID]
		if md == nil {
			continue
		}
		page := RedlineHTMLPath(lang, r.Version, d.ID)
		p, err := b.basePage(lang, page)
		if err != nil {
			return err
		}
		full := *view
		full.Redlines, full.ChangesPDF = nil, nil
		if p.Changes, err = b.changesDoc(md, lang, loc, &full); err != nil {
			return fmt.Errorf("%s: %v", page, err)
		}
		if p.Changes.Title, err = loc.T("SiteRedlineTitle", map[string]any{"Title": d.Doc.Title}); err != nil {
			return err
		}
		p.Release, p.Title = &full, p.Changes.Title
		notice, err := loc.T("SiteChangeReport", nil)
		if err != nil {
			return err
		}
		p.Crumbs = []Crumb{{Href: p.Home, Text: all}, {Href: "index.html", Text: heading}, {Href: "changes.html", Text: notice}}
		if err := b.execute(lays, "changes", page, &p); err != nil {
			return err
		}
	}
	return nil
}

// changesDoc renders a change report's Markdown for its page, in lang:
// its table words get soft hyphens like a document page's.
func (b *builder) changesDoc(md []byte, lang string, loc *theme.Localizer, view *ReleaseView) (*Doc, error) {
	body, err := b.cachedBody(md, bodyOptions{
		Reserved: reservedIDs(),
		Lang:     lang,
		Redline:  true,
		SectionLink: func(number, title string) (string, error) {
			return loc.T("SiteSectionLink", map[string]any{"Number": number, "Title": title})
		},
	})
	if err != nil {
		return nil, err
	}
	doc := &Doc{}
	if view.ChangesPDF != nil {
		*doc = *view.ChangesPDF
	} else if doc.Title, err = loc.T("SiteChangeReportTitle", map[string]any{"Old": view.Old, "New": view.Version}); err != nil {
		return nil, err
	}
	doc.Subtitle, err = loc.T("SiteChangeReportSubtitle", map[string]any{"Old": view.Old, "OldDate": view.OldDate, "New": view.Version, "NewDate": view.Date})
	if err != nil {
		return nil, err
	}
	doc.Version, doc.Date, doc.ISODate = view.Version, view.Date, view.ISODate
	doc.Body, doc.Contents = body.HTML, contents(body.Headings, body.Deleted)
	return doc, nil
}
