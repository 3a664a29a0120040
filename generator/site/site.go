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
// Files of the site:
//
//	index.html                 links the languages
//	<lang>/index.html          landing page of a language
//	<lang>/<doc-id>.html       a document, readable in the browser
//	<lang>/<doc-id>.pdf        the document's PDF (as given in Input.PDFs)
//	static/…                   the theme's static/ folder (site.css, favicon.svg)
//	SHA256SUMS                 the SHA-256 of every PDF, for sha256sum -c
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"

	"trustdocs/generator/markdown"
	"trustdocs/generator/model"
	"trustdocs/generator/output"
	"trustdocs/generator/render"
	"trustdocs/generator/theme"
)

// Input is what the site is built from.
type Input struct {
	Site  *model.Site        // validated
	Docs  []*render.Document // every document in every language (render.Documents)
	PDFs  map[string][]byte  // output path (PDFPath: "de/toms.pdf") → PDF bytes
	Theme *theme.Theme
}

// PDFPath is where a document's PDF lies in the output: de/toms.pdf.
func PDFPath(d *render.Document) string { return d.Lang + "/" + d.ID + ".pdf" }

// HTMLPath is where a document's page lies in the output: de/toms.html.
func HTMLPath(d *render.Document) string { return d.Lang + "/" + d.ID + ".html" }

// Sums is the name of the checksum file at the root of the output.
const Sums = "SHA256SUMS"

// reservedIDs are the element IDs the layouts give the page around a
// document's text (see layouts/document.html); a heading of the text may
// not use them.
func reservedIDs() map[string]bool {
	return map[string]bool{"main": true, "page-contents": true, "page-history": true, "page-download": true}
}

// Build renders the site. The files include every PDF of in.PDFs at its
// path, so the result is the complete output (but for model.json).
func Build(in Input) (output.Files, error) {
	if in.Site == nil || in.Theme == nil {
		return nil, errors.New("site: Input needs Site and Theme")
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
	files[Sums] = checksums(in.PDFs)
	if err := copyStatic(in.Theme.FS, files); err != nil {
		return nil, err
	}

	b := &builder{in: in, langs: langs, files: files, byLang: map[string][]*render.Document{}, has: map[string]bool{}, names: map[string]string{}}
	for _, l := range langs {
		name, err := in.Theme.Localizer(l).T("SiteLanguageName", nil)
		if err != nil {
			return nil, err
		}
		b.names[l] = name
	}
	for _, d := range in.Docs {
		b.byLang[d.Lang] = append(b.byLang[d.Lang], d)
		b.has[HTMLPath(d)] = true
	}
	for _, lang := range langs {
		if err := b.language(lang); err != nil {
			return nil, err
		}
	}
	if err := b.root(); err != nil {
		return nil, err
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
	files  output.Files
	byLang map[string][]*render.Document
	has    map[string]bool   // HTML pages that exist, by output path
	names  map[string]string // each language's name in itself
}

// Page is what a layout sees as dot.
type Page struct {
	Lang       string // language of the page
	Root       string // relative path from the page to the output root: "" or "../"
	Home       string // href of the language's landing page ("index.html")
	Sums       string // href of SHA256SUMS
	Title      string // the document's title (document pages)
	Org        model.ROrganisation
	OrgAddress []string // lines
	People     model.RPeople
	Languages  []Language // one per language of the site, for the switch and hreflang
	Docs       []*Doc     // landing page: the documents of the language
	Doc        *Doc       // document page
}

// Language is one entry of the language switch.
type Language struct {
	Lang    string
	Name    string // in the language itself: "Deutsch", "English"
	Href    string // the same page in that language
	Current bool
	// Root page only: the site's heading, introduction and call to enter,
	// in that language.
	Heading, Intro, Enter string
}

// Doc is a document as the pages show it.
type Doc struct {
	ID, Type, Title, Subtitle string
	Version                   string
	Date                      string // formatted for the language
	ISODate                   string // 2026-11-01, for <time datetime>
	Classification            string // localized: "öffentlich"
	HTML                      string // href of the page, relative to the language folder
	PDF                       string // href of the PDF, relative to the language folder
	PDFPath                   string // path of the PDF in the output
	Size                      string // "148 KB"
	Bytes                     int
	SHA256                    string
	Contents                  []*TOCEntry // document page: the headings as a tree
	Body                      template.HTML
	Releases                  []Release // the revision history, newest first (none yet)
}

// TOCEntry is a heading in the table of contents.
type TOCEntry struct {
	Level    int // effective level, 1-based
	Number   string
	Title    string
	ID       string
	Children []*TOCEntry
}

// Release is one published version of a document, for the revision
// history. Releases are not part of the content model yet.
type Release struct {
	Version, Date, Notes string
}

func (b *builder) language(lang string) error {
	loc := b.in.Theme.Localizer(lang)
	res := model.Localize(b.in.Site, lang)
	lays, err := parseLayouts(b.in.Theme.FS, loc)
	if err != nil {
		return err
	}
	base := Page{
		Lang: lang, Root: "../", Home: "index.html", Sums: "../" + Sums,
		Org: res.Organisation, OrgAddress: addressLines(res.Organisation.Address, lang),
		People: res.People,
	}
	var docs []*Doc
	for _, d := range b.byLang[lang] {
		doc, err := b.doc(d, loc)
		if err != nil {
			return fmt.Errorf("%s: %v", HTMLPath(d), err)
		}
		docs = append(docs, doc)
	}

	landing := base
	landing.Docs = docs
	landing.Languages = b.switcher(lang, "index.html")
	if err := b.execute(lays, "index", lang+"/index.html", &landing); err != nil {
		return err
	}

	for i, d := range b.byLang[lang] {
		body, err := renderBody(d.Markdown, bodyOptions{
			Reserved: reservedIDs(),
			SectionLink: func(number, title string) (string, error) {
				return loc.T("SiteSectionLink", map[string]any{"Number": number, "Title": title})
			},
		})
		if err != nil {
			return fmt.Errorf("%s: %v", HTMLPath(d), err)
		}
		doc := *docs[i]
		doc.Body = body.HTML
		doc.Contents = contents(body.Headings)
		p := base
		p.Doc = &doc
		p.Title = doc.Title
		p.Languages = b.switcher(lang, d.ID+".html")
		if err := b.execute(lays, "document", HTMLPath(d), &p); err != nil {
			return err
		}
	}
	return nil
}

// doc gathers what the landing and the document page show of a document.
func (b *builder) doc(d *render.Document, loc *theme.Localizer) (*Doc, error) {
	pdfPath := PDFPath(d)
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
	return &Doc{
		ID: d.ID, Type: d.Type, Title: d.Doc.Title, Subtitle: d.Doc.Subtitle,
		Version: d.Doc.Version, Date: d.UI.Date, ISODate: d.Doc.Date,
		Classification: class,
		HTML:           path.Base(HTMLPath(d)), PDF: path.Base(pdfPath), PDFPath: pdfPath,
		Size: size, Bytes: len(data), SHA256: sha256Hex(data),
	}, nil
}

// switcher lists the languages for a page whose file name (in its
// language folder) is name; a language without that page links to its
// landing page.
func (b *builder) switcher(current, name string) []Language {
	var out []Language
	for _, l := range b.langs {
		target := name
		if !b.has[l+"/"+name] {
			target = "index.html"
		}
		out = append(out, Language{Lang: l, Name: b.names[l], Href: "../" + l + "/" + target, Current: l == current})
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
	res := model.Localize(b.in.Site, src)
	p := Page{
		Lang: src, Root: "", Home: src + "/index.html", Sums: Sums,
		Org: res.Organisation, OrgAddress: addressLines(res.Organisation.Address, src),
		People: res.People,
	}
	for _, l := range b.langs {
		ll := b.in.Theme.Localizer(l)
		org := model.Localize(b.in.Site, l).Organisation.Name
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
	b.files[name] = buf.Bytes()
	return nil
}

// contents nests the headings into a tree by their effective levels.
func contents(heads []markdown.Heading) []*TOCEntry {
	var roots []*TOCEntry
	var stack []*TOCEntry
	for _, h := range heads {
		e := &TOCEntry{Level: h.Level, Number: h.Number, Title: h.Title, ID: h.ID}
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
