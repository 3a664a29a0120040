// Package site builds the static, bilingual download site: per language a
// landing page with every document (version, date, PDF with size and
// SHA-256, link to read it in the browser) and one HTML page per document
// with a table of contents and the numbered headings of the PDF; a root
// page that links the languages; the PDFs themselves and a SHA256SUMS file.
//
// It takes the validated site, the rendered documents (render.Documents),
// their PDFs and the theme, and gives the complete output as output.Files.
// The HTML is the document Markdown rendered by goldmark (the configuration
// of package markdown, shared with the PDF) into the html/template layouts
// of the theme's layouts/ folder; every UI word comes from the theme's
// message files (i18n/site.<lang>.yaml). The site needs no JavaScript,
// loads nothing from elsewhere, links only relatively (it works from
// file:// and under any sub-path) and is byte-identical for the same input.
//
// With releases (Input.Releases), the site also archives each release in
// each language: the release's documents from their stored Markdown (the
// exact text released), a page for the release, and from the second
// release on a change report against its predecessor (the semantic
// changes, then every document's text with insertions and deletions
// marked). Archived pages say which release is current and link to it; the
// current documents carry a draft banner when the content differs from the
// last release (Input.Draft). Atom feeds list the releases.
//
// Files of the site:
//
//	index.html                          links the languages
//	feed.xml                            Atom feed of the releases, all languages
//	<lang>/index.html                   landing page of a language: documents, releases
//	<lang>/<doc-id>.html                a document, readable in the browser
//	<lang>/<doc-id>.pdf                 the document's PDF (as given in Input.PDFs)
//	<lang>/feed.xml                     Atom feed of the releases in the language
//	<lang>/releases/<v>/index.html      a release: notes, dates, documents, change report
//	<lang>/releases/<v>/<doc-id>.html   a document as released
//	<lang>/releases/<v>/<doc-id>.pdf    its PDF (ArchivePDFPath, in Input.PDFs)
//	<lang>/releases/<v>/changes.html    the change report against the previous release
//	<lang>/releases/<v>/<name>.pdf      the same as PDF (ChangesPDFPath: aenderungsnachweis.pdf)
//	static/…                            the theme's static/ folder (site.css, favicon.svg)
//	SHA256SUMS                          the SHA-256 of every file, for sha256sum -c (package integrity adds it)
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"trustdocs/generator/diff"
	"trustdocs/generator/markdown"
	"trustdocs/generator/model"
	"trustdocs/generator/output"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// Input is what the site is built from.
type Input struct {
	Site  *model.Site       // validated
	Docs  []*render.Text    // every document in every language (render.Documents)
	PDFs  map[string][]byte // output path (PDFPath: "de/toms.pdf") → PDF bytes
	Theme *theme.Theme
	// Models are Site's resolved models, shared with the other stages of
	// the build (default: resolved here).
	Models *model.Models
	// Releases are the site's releases, oldest first; none means no archive.
	// Their PDFs are in PDFs too, at ArchivePDFPath and ChangesPDFPath.
	Releases []*Release
	// Draft marks the current documents as a draft: the content differs
	// from the last release's. Drafts, if set, says it per document ID.
	Draft  bool
	Drafts map[string]bool
	// Today (YYYY-MM-DD) decides which release is in force: the latest
	// whose effective date has come; later ones are announced. "" means
	// the last release is in force.
	Today string
	// Bodies, if set, keeps rendered bodies for the next build (serve);
	// ThemeKey then identifies the theme's files.
	Bodies   *BodyCache
	ThemeKey string
	// NoIndex keeps the site out of search engines: an edition for a
	// narrower audience than the public (robots.go).
	NoIndex bool
}

// Release is one release as the site archives it.
type Release struct {
	Version        string
	Date           string            // YYYY-MM-DD
	Effective      string            // YYYY-MM-DD the changes take effect, may be ""
	ObjectionUntil string            // YYYY-MM-DD, last day to object, may be ""
	ApprovedBy     string            // who approved it, may be ""
	Approved       string            // YYYY-MM-DD of the approval, may be ""
	Notes          map[string]string // language → release notes
	// Documents say per document ID its version in this release and
	// whether this release changed it; nil: every document changed and
	// has the release's version.
	Documents map[string]DocRelease
	// Docs are the release's documents in every language it has, made
	// from its stored Markdown and model (render.StoredDocument).
	Docs []*render.Text
	// Changes is the change report against the previous release, by
	// language; empty for the first release.
	Changes map[string]*Changes
}

// DocRelease is one document in a release.
type DocRelease struct {
	Version string
	Changed bool
	Notes   map[string]string // language → notes about it
}

// Changes is a change report in one language.
type Changes struct {
	Old, OldDate string       // the previous release
	Report       *diff.Report // the semantic changes (for the feed)
	// Markdown is the report as render.ChangeReportMarkdown gives it,
	// insertions and deletions marked {++…++} and {--…--}.
	Markdown []byte
	// Redlines are the changed documents' whole text, every change marked,
	// by document ID; each gets a page (RedlineHTMLPath).
	Redlines map[string][]byte
}

// RedlineHTMLPath is where the full redline of a document in a release
// lies: de/releases/1.1/toms-changes.html.
func RedlineHTMLPath(lang, version, id string) string {
	return ReleaseDir(lang, version) + id + "-changes.html"
}

// PDFPath is where a document's PDF lies in the output: de/toms.pdf.
func PDFPath(d *render.Text) string { return d.Lang + "/" + d.ID + ".pdf" }

// HTMLPath is where a document's page lies in the output: de/toms.html.
func HTMLPath(d *render.Text) string { return d.Lang + "/" + d.ID + ".html" }

// ReleaseDir is the folder of a release in a language: de/releases/1.1/.
func ReleaseDir(lang, version string) string { return lang + "/releases/" + version + "/" }

// ArchivePDFPath is where a released document's PDF lies:
// de/releases/1.1/toms.pdf.
func ArchivePDFPath(version string, d *render.Text) string {
	return ReleaseDir(d.Lang, version) + d.ID + ".pdf"
}

// ArchiveHTMLPath is where a released document's page lies.
func ArchiveHTMLPath(version string, d *render.Text) string {
	return ReleaseDir(d.Lang, version) + d.ID + ".html"
}

// ChangesHTMLPath is where a release's change report page lies.
func ChangesHTMLPath(lang, version string) string { return ReleaseDir(lang, version) + "changes.html" }

// ChangesPDFPath is where a release's change report PDF lies; its name is
// the theme's message SiteChangeReportFile ("aenderungsnachweis").
func ChangesPDFPath(th *theme.Theme, lang, version string) (string, error) {
	name, err := th.Localizer(lang).T("SiteChangeReportFile", nil)
	if err != nil {
		return "", err
	}
	if !safeName(name) || name == "changes" || name == "index" {
		return "", fmt.Errorf("theme message SiteChangeReportFile (%s) is %q: give a file name of lower-case letters, digits and hyphens", lang, name)
	}
	return ReleaseDir(lang, version) + name + ".pdf", nil
}

func safeName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Sums is the name of the checksum file at the root of the output.
const Sums = "SHA256SUMS"

// Feed is the name of the Atom feeds, at the root and in each language.
const Feed = "feed.xml"

// reservedIDs are the element IDs the layouts give the page around a
// document's text (see layouts/document.html and changes.html); a heading
// of the text may not use them.
func reservedIDs() map[string]bool { return markdown.ReservedIDs }

// Build renders the site. The files include every PDF of in.PDFs at its
// path, so the result is the complete output (but for model.json).
func Build(in Input) (output.Files, error) {
	if in.Site == nil || in.Theme == nil {
		return nil, errors.New("site: Input needs Site and Theme")
	}
	if in.Models == nil || in.Models.Site() != in.Site {
		in.Models = model.Resolve(in.Site)
	}
	langs := in.Site.LangIDs()
	if len(langs) == 0 {
		return nil, errors.New("site: the site has no languages")
	}
	files := output.Files{}
	for name, data := range in.PDFs {
		if path.Ext(name) != ".pdf" {
			return nil, fmt.Errorf("site: PDF %q must have a name ending in .pdf", name)
		}
		files[name] = data
	}
	if err := copyStatic(in.Theme.FS, files); err != nil {
		return nil, err
	}

	b := &builder{in: in, langs: langs, files: files, byLang: map[string][]*render.Text{}, has: map[string]bool{}, names: map[string]string{},
		model: map[string]*model.Document{}, counter: map[string]map[string]string{}, moved: map[string]bool{}}
	for _, d := range in.Site.Documents {
		b.model[d.ID.ID] = d
	}
	for _, a := range in.Site.Attachments {
		files[attachmentPath(a)] = a.Data
	}
	for _, l := range langs {
		name, err := in.Theme.Localizer(l).T("SiteLanguageName", nil)
		if err != nil {
			return nil, err
		}
		b.names[l] = name
	}
	for _, l := range langs {
		b.has[l+"/index.html"] = true
	}
	for _, d := range in.Docs {
		b.byLang[d.Lang] = append(b.byLang[d.Lang], d)
		b.has[b.currentHTML(d)] = true
		if data, ok := in.PDFs[PDFPath(d)]; ok {
			files[b.currentPDF(d)] = data
		}
	}
	// The pages of one document in every language, for the language
	// switch and hreflang (their slugs differ).
	for _, d := range in.Docs {
		c := map[string]string{}
		for _, o := range in.Docs {
			if o.ID == d.ID {
				c[o.Lang] = b.currentHTML(o)
			}
		}
		b.counter[b.currentHTML(d)] = c
	}
	for _, r := range in.Releases {
		langs := map[string]bool{}
		for _, d := range r.Docs {
			b.has[ArchiveHTMLPath(r.Version, d)] = true
			langs[d.Lang] = true
		}
		for l := range langs {
			b.has[ReleaseDir(l, r.Version)+"index.html"] = true
		}
		for l, c := range r.Changes {
			b.has[ChangesHTMLPath(l, r.Version)] = true
			for id := range c.Redlines {
				b.has[RedlineHTMLPath(l, r.Version, id)] = true
			}
		}
	}
	// The e-mail texts and calendars (SHA256SUMS, made by integrity from
	// the final file set, lists them with every other file).
	sent, err := b.noticeFiles()
	if err != nil {
		return nil, err
	}
	for n, d := range sent {
		files[n] = d
		b.has[n] = true
	}
	// The languages are built side by side (they share only b.files, which
	// execute locks); the first language's error is the one returned.
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = b.language(lang)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := b.root(); err != nil {
		return nil, err
	}
	if err := b.feeds(); err != nil {
		return nil, err
	}
	if st := b.securityTxt(); st != nil {
		files[SecurityTxtPath] = st
	}
	if in.NoIndex {
		files[RobotsFile] = robotsDisallowAll
	} else {
		files[RobotsFile] = b.robotsTxt()
		sm, err := b.sitemap()
		if err != nil {
			return nil, err
		}
		if sm != nil {
			files[SitemapPath] = sm
		}
	}
	return files, nil
}

// copyStatic copies the theme's static/ folder to static/ in the output.
func copyStatic(fsys fs.FS, files output.Files) error {
	err := fs.WalkDir(fsys, "static", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[p] = data
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("site: the theme has no static/ folder")
	}
	return err
}

type builder struct {
	in     Input
	langs  []string
	mu     sync.Mutex // guards files while the languages are built
	files  output.Files
	byLang map[string][]*render.Text
	has    map[string]bool   // HTML pages that exist, by output path
	names  map[string]string // each language's name in itself
	// standalone: one page outside a site (no PDFs, no links into a site)
	standalone bool
	model      map[string]*model.Document   // by ID, for the slugs
	counter    map[string]map[string]string // current document page → language → its page
	moved      map[string]bool              // redirect pages, by output path
}

// Page is what a layout sees as dot.
type Page struct {
	Lang       string // language of the page
	Root       string // relative path from the page to the output root: "", "../", "../../../"
	Home       string // href of the language's landing page ("index.html")
	Sums       string // href of SHA256SUMS
	Title      string // the document's title (document pages)
	Org        model.ROrganisation
	OrgAddress []string // lines
	People     model.RPeople
	Languages  []Language // one per language of the site, for the switch and hreflang
	Feeds      []FeedLink // the Atom feeds, for <link rel="alternate">
	Feed       string     // href of the language's feed
	Banner     *Banner    // draft or archive notice at the top, or nil
	Crumbs     []Crumb    // the way back above the heading
	Docs       []*DocView // landing and release page: the documents
	Doc        *DocView   // document page
	Releases   []*ReleaseView
	Announced  []*ReleaseView // landing page: releases announced, not yet in force
	Calendar   string         // href of the language's iCalendar file, "" if none
	Release    *ReleaseView   // release and change report page
	Changes    *DocView       // change report page: the report (Body, Contents, PDF)
	// Standalone pages (trustdocs diff --format html) carry their style
	// sheet inline (Style, allowed by its hash in the CSP) and no links
	// into a site.
	Standalone bool
	Style      template.CSS
	StyleHash  string // 'sha256-…' of Style
	NoIndex    bool   // <meta name="robots" content="noindex">: a non-public edition

	// The trust centre (trustcentre.go).
	Alternates  []Language       // hreflang: this page in each language that has it
	Default     string           // hreflang x-default: the root page that links the languages
	URL         string           // the page's absolute address, "" without base_url
	Contacts    []ContactView    // landing page
	Attachments []AttachmentView // landing page: certificates, contracts
	Legal       model.Legal      // the site's Impressum and privacy policy
	Register    string           // landing page: href of the JSON register, "" if none
	Mailbox     string           // landing page: where to ask for notices by e-mail
	Redirect    string           // redirect page: where the page is now
	Canonical   string           // redirect page: the canonical address of the new page
}

// Language is one entry of the language switch.
type Language struct {
	Lang     string
	Name     string // in the language itself: "Deutsch", "English"
	Href     string // the same page in that language
	Current  bool
	OGLocale string // Open Graph locale (alternates only): "de_DE"
	// Root page only: the site's heading, introduction and call to enter,
	// in that language.
	Heading, Intro, Enter string
}

// FeedLink is an Atom feed a page links in its head.
type FeedLink struct {
	Href, Title, Lang string // Lang is "" for the feed of all languages
}

// Banner is a notice above a page's heading.
type Banner struct {
	Kind     string // "draft", "archived" (an older release), "latest" (the current release's archive)
	Text     string
	Href     string // where the current version is
	LinkText string
}

// Crumb is one link of the breadcrumb trail.
type Crumb struct {
	Href, Text string
}

// DocView is a document as the pages show it (render.Text is its text,
// model.Document its content).
type DocView struct {
	ID, Type, Title, Subtitle string
	Version                   string
	Date                      string // formatted for the language
	ISODate                   string // 2026-11-01, for <time datetime>
	Classification            string // localized: "öffentlich"
	HTML                      string // href of the page, relative to the page listing it
	PDF                       string // href of the PDF, relative to the page listing it
	PDFPath                   string // path of the PDF in the output
	Size                      string // "148 KB"
	Bytes                     int
	SHA256                    string
	Contents                  []*TOCEntry // document page: the headings as a tree
	Body                      template.HTML
	Releases                  []HistoryLink // the revision history, newest first
	Draft                     bool          // the current content, not released as it is
}

// TOCEntry is a heading in the table of contents.
type TOCEntry struct {
	Level    int // effective level, 1-based
	Number   string
	Title    string
	ID       string
	Deleted  bool // a change report deletes the heading
	Children []*TOCEntry
}

// HistoryLink is one release in the revision history of a document page,
// with the links to the document as released and to the change report.
type HistoryLink struct {
	Version, Date, ISODate, Notes string
	Href                          string // the document as released then; "" if it was not part of it
	Changes                       string // the release's change report; "" for the first release
	This                          bool   // the page shows this release
	Latest                        bool   // the last release
}

// ReleaseView is a release as a page lists it. Hrefs are relative to the page.
type ReleaseView struct {
	Version                 string
	Date, ISODate           string
	Effective, ISOEffective string
	Objection, ISOObjection string
	Notes                   string
	Latest                  bool     // in force (the latest release whose effective date has come)
	Announced               bool     // announced, not yet in force
	ApprovedBy, Approved    string   // who approved it and when (formatted), may be ""
	Href                    string   // the release's page
	Changes                 string   // its change report page, "" for the first release
	Email                   string   // the text of the e-mail to customers, "" if none
	Redlines                []Crumb  // the changed documents' full redlines (Href, Text: the title)
	ChangesPDF              *DocView // its change report PDF (for the download partial), or nil
	Old, OldDate            string   // the previous release (change report page)
}

func (b *builder) basePage(lang, name string) (Page, error) {
	res := b.in.Models.Get(lang)
	root := strings.Repeat("../", strings.Count(name, "/"))
	p := Page{
		Lang: lang, Root: root, Home: rel(name, lang+"/index.html"), Sums: root + Sums,
		Org: res.Organisation, OrgAddress: addressLines(res.Organisation.Address, lang),
		People: res.People, Feed: rel(name, lang+"/"+Feed), NoIndex: b.in.NoIndex,
	}
	feeds, err := b.feedLinks(name)
	if err != nil {
		return p, err
	}
	p.Feeds = feeds
	p.Languages = b.switcher(lang, name)
	if p.Alternates, err = b.alternates(name, false); err != nil {
		return p, err
	}
	p.URL = b.absolute(name)
	p.Default = root + "index.html"
	p.Legal = b.in.Site.Legal
	return p, nil
}

// feedLinks are the feeds every page names in its head: its language's
// (all languages' on the root page) and the one of all languages.
func (b *builder) feedLinks(name string) ([]FeedLink, error) {
	org := b.in.Models.Get(b.langs[0]).Organisation.Name
	var out []FeedLink
	langs := b.langs
	if strings.Contains(name, "/") {
		langs = []string{strings.SplitN(name, "/", 2)[0]}
	}
	for _, l := range langs {
		title, err := b.in.Theme.Localizer(l).T("SiteFeedTitle", map[string]any{"Org": org})
		if err != nil {
			return nil, err
		}
		out = append(out, FeedLink{Href: rel(name, l+"/"+Feed), Title: title, Lang: l})
	}
	title, err := b.in.Theme.Localizer(b.langs[0]).T("SiteFeedAllTitle", map[string]any{"Org": org})
	if err != nil {
		return nil, err
	}
	return append(out, FeedLink{Href: rel(name, Feed), Title: title}), nil
}

func (b *builder) language(lang string) error {
	loc := b.in.Theme.Localizer(lang)
	lays, err := parseLayouts(b.in.Theme.FS, loc)
	if err != nil {
		return err
	}
	var docs []*DocView
	for _, d := range b.byLang[lang] {
		doc, err := b.doc(d, PDFPath(d), loc)
		if err != nil {
			return fmt.Errorf("%s: %v", HTMLPath(d), err)
		}
		doc.HTML = path.Base(b.currentHTML(d))
		doc.PDF, doc.PDFPath = path.Base(b.currentPDF(d)), b.currentPDF(d)
		doc.Draft = b.in.Draft
		if b.in.Drafts != nil {
			doc.Draft = b.in.Drafts[d.ID]
		}
		docs = append(docs, doc)
	}
	last := b.last(lang)

	landing, err := b.basePage(lang, lang+"/index.html")
	if err != nil {
		return err
	}
	landing.Docs = docs
	if landing.Contacts, err = b.contacts(loc, lang); err != nil {
		return err
	}
	if landing.Attachments, err = b.attachments(loc, lang, lang+"/index.html"); err != nil {
		return err
	}
	for _, d := range b.byLang[lang] {
		if d.Type == model.DocSubprocessors {
			landing.Register = "subprocessors.json"
		}
	}
	landing.Mailbox = b.in.Site.Objections.Email
	if landing.Releases, err = b.releaseViews(lang, lang+"/index.html"); err != nil {
		return err
	}
	if b.has[CalendarPath(lang)] {
		landing.Calendar = rel(lang+"/index.html", CalendarPath(lang))
	}
	for _, r := range landing.Releases {
		if r.Announced {
			landing.Announced = append(landing.Announced, r)
		}
	}
	if b.in.Draft && last != nil {
		if landing.Banner, err = b.draftBanner(loc, lang, "SiteDraftBannerIndex", last, lang+"/index.html", ReleaseDir(lang, last.Version)+"index.html"); err != nil {
			return err
		}
	}
	if err := b.execute(lays, "index", lang+"/index.html", &landing); err != nil {
		return err
	}

	for i, d := range b.byLang[lang] {
		name := b.currentHTML(d)
		p, err := b.basePage(lang, name)
		if err != nil {
			return err
		}
		doc := *docs[i]
		if err := b.fillDocument(&p, &doc, d, loc, name, ""); err != nil {
			return err
		}
		if b.in.Draft && last != nil {
			target := ReleaseDir(lang, last.Version) + "index.html"
			if b.has[ArchiveHTMLPath(last.Version, d)] {
				target = ArchiveHTMLPath(last.Version, d)
			}
			if p.Banner, err = b.draftBanner(loc, lang, "SiteDraftBanner", last, name, target); err != nil {
				return err
			}
		}
		if err := b.execute(lays, "document", name, &p); err != nil {
			return err
		}
	}
	for _, r := range b.in.Releases {
		if err := b.release(lays, loc, lang, r); err != nil {
			return err
		}
	}
	return b.redirects(lays, lang)
}

// fillDocument renders a document's text into doc and puts it on the page:
// its contents, its revision history (releases up to version, all if "").
func (b *builder) fillDocument(p *Page, doc *DocView, d *render.Text, loc *theme.Localizer, name, version string) error {
	var heads [2]string
	if d.Type == model.DocTOMs {
		// A theme without these words has no two-column tables.
		heads[0], _ = loc.T("TOMTechnical", nil)
		heads[1], _ = loc.T("TOMOrganisational", nil)
	}
	body, err := b.cachedBody(d.Markdown, bodyOptions{
		Reserved: reservedIDs(),
		Lang:     d.Lang,
		SectionLink: func(number, title string) (string, error) {
			return loc.T("SiteSectionLink", map[string]any{"Number": number, "Title": title})
		},
		ColumnHeads: heads,
	})
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	doc.Body = body.HTML
	doc.Contents = contents(body.Headings, nil)
	doc.HTML = path.Base(name)
	if doc.Releases, err = b.history(d, name, version); err != nil {
		return err
	}
	p.Doc = doc
	p.Title = doc.Title
	return nil
}

// doc gathers what the landing and the document page show of a document
// whose PDF lies at pdfPath.
func (b *builder) doc(d *render.Text, pdfPath string, loc *theme.Localizer) (*DocView, error) {
	data, ok := b.in.PDFs[pdfPath]
	if !ok {
		return nil, fmt.Errorf("no PDF %s given to the site", pdfPath)
	}
	size, err := fileSize(loc, d.Lang, len(data))
	if err != nil {
		return nil, err
	}
	class, err := className(loc, d.Doc.Classification)
	if err != nil {
		return nil, err
	}
	return &DocView{
		ID: d.ID, Type: d.Type, Title: d.Doc.Title, Subtitle: d.Doc.Subtitle,
		Version: d.Doc.Version, Date: d.UI.Date, ISODate: d.Doc.Date,
		Classification: class,
		HTML:           d.ID + ".html", PDF: path.Base(pdfPath), PDFPath: pdfPath,
		Size: size, Bytes: len(data), SHA256: sha256Hex(data),
	}, nil
}

// switcher lists the languages for a page at output path name; a language
// without that page links to its landing page.
func (b *builder) switcher(current, name string) []Language {
	inLang := name
	if i := strings.IndexByte(name, '/'); i >= 0 {
		inLang = name[i+1:]
	}
	var out []Language
	for _, l := range b.langs {
		target := l + "/" + inLang
		if c, ok := b.counterpart(name, l); ok {
			target = c
		} else if !b.has[target] {
			target = l + "/index.html"
		}
		out = append(out, Language{Lang: l, Name: b.names[l], Href: rel(name, target), Current: l == current})
	}
	return out
}

// root writes index.html, the page that links every language.
func (b *builder) root() error {
	src := b.langs[0]
	loc := b.in.Theme.Localizer(src)
	lays, err := parseLayouts(b.in.Theme.FS, loc)
	if err != nil {
		return err
	}
	p, err := b.basePage(src, "index.html")
	if err != nil {
		return err
	}
	p.Languages = nil
	for _, l := range b.langs {
		ll := b.in.Theme.Localizer(l)
		org := b.in.Models.Get(l).Organisation.Name
		heading, err := ll.T("SiteHeading", map[string]any{"Org": org})
		if err != nil {
			return err
		}
		intro, err := ll.T("SiteRootIntro", map[string]any{"Org": org})
		if err != nil {
			return err
		}
		enter, err := ll.T("SiteRootEnter", nil)
		if err != nil {
			return err
		}
		p.Languages = append(p.Languages, Language{Lang: l, Name: b.names[l], Href: l + "/index.html", Current: l == src, Heading: heading, Intro: intro, Enter: enter})
	}
	return b.execute(lays, "root", "index.html", &p)
}

func (b *builder) execute(l layouts, kind, name string, p *Page) error {
	var buf bytes.Buffer
	if err := l[kind].ExecuteTemplate(&buf, "base", p); err != nil {
		return fmt.Errorf("%s: layout %s: %v", name, kind, err)
	}
	b.mu.Lock()
	b.files[name] = buf.Bytes()
	b.mu.Unlock()
	return nil
}

// contents nests the headings into a tree by their effective levels;
// deleted are the IDs of headings a change report deletes.
func contents(heads []markdown.Heading, deleted map[string]bool) []*TOCEntry {
	var roots []*TOCEntry
	var stack []*TOCEntry
	for _, h := range heads {
		e := &TOCEntry{Level: h.Level, Number: h.Number, Title: h.Title, ID: h.ID, Deleted: deleted[h.ID]}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, e)
		} else {
			parent := stack[len(stack)-1]
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, e)
	}
	return roots
}

// rel is the relative href from the page at output path from to the file
// at output path to: rel("de/releases/1.0/toms.html", "de/index.html") is
// "../../index.html".
func rel(from, to string) string {
	fd := strings.Split(path.Dir(from), "/")
	if fd[0] == "." {
		fd = nil
	}
	tp := strings.Split(to, "/")
	i := 0
	for i < len(fd) && i < len(tp)-1 && fd[i] == tp[i] {
		i++
	}
	return strings.Repeat("../", len(fd)-i) + strings.Join(tp[i:], "/")
}
