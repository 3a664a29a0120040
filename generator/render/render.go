// Package render turns the resolved model into one Markdown text per
// document and language, by executing the theme's document templates
// (text/template). Both backends (PDF, HTML) render this Markdown, so they
// can never disagree.
//
// It takes a validated model.Site and an opened theme, and gives the
// documents with their Markdown and the metadata the backends print.
package render

import (
	"bytes"
	"fmt"
	"text/template"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// Text is one document rendered in one language: its Markdown and the words
// around it, ready for a backend (model.Document is its content, site.DocView
// its page).
type Text struct {
	ID       string
	Type     string
	Lang     string
	Doc      model.RDocument
	Site     *model.Resolved
	Markdown []byte
	UI       UI // the words the backends print around the text
}

// UI holds the localized furniture words of a document.
type UI struct {
	Contents       string // "Inhalt"
	PageOf         string // printf format, "Seite %d von %d"
	Version        string // "Version 1.0"
	AsOf           string // "Stand: 01.11.2026"
	Classification string // "Klassifizierung: öffentlich"
	Date           string // the document date, formatted for the language
	// ColumnHeads are Anlage 1's two column headers (Technische |
	// Organisatorische Maßnahmen): the PDF gives such a table equal halves.
	ColumnHeads [2]string
}

// Documents renders every document of the site in every language, in the
// order of site.yaml, language by language.
func Documents(site *model.Site, th *theme.Theme) ([]*Text, error) {
	var out []*Text
	for _, lang := range site.LangIDs() {
		res := model.Localize(site, lang)
		loc := th.Localizer(lang)
		for _, doc := range res.Documents {
			d, err := renderOne(th, loc, res, doc)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	return out, nil
}

func renderOne(th *theme.Theme, loc *theme.Localizer, res *model.Resolved, doc model.RDocument) (*Text, error) {
	name := "templates/" + doc.Type + ".md.tmpl"
	src, err := th.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("theme has no template for document type %s: %v", doc.Type, err)
	}
	f := &funcs{loc: loc, site: res, lang: res.Lang}
	tmpl, err := template.New(name).Funcs(f.Map()).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("theme template %s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data{Site: res, Doc: doc, Lang: res.Lang}); err != nil {
		return nil, fmt.Errorf("document %s (%s): %v", doc.ID, res.Lang, err)
	}
	ui, err := f.ui(doc)
	if err != nil {
		return nil, err
	}
	return &Text{
		ID: doc.ID, Type: doc.Type, Lang: res.Lang, Doc: doc, Site: res,
		Markdown: tidy(buf.Bytes()), UI: ui,
	}, nil
}

// data is what a document template sees as dot.
type data struct {
	Site *model.Resolved
	Doc  model.RDocument
	Lang string
}

// tidy collapses the runs of blank lines that template actions leave behind.
func tidy(md []byte) []byte {
	lines := bytes.Split(md, []byte("\n"))
	var out [][]byte
	blank := 0
	for _, l := range lines {
		l = bytes.TrimRight(l, " \t")
		if len(l) == 0 {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return append(bytes.TrimSpace(bytes.Join(out, []byte("\n"))), '\n')
}
