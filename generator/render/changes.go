package render

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"trustdocs/generator/diff"
	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// ChangeReport is what a change notice (Änderungsmitteilung) shows: the
// header (organisation, documents old → new, dates, where to object),
// the subprocessor changes as a table, then per changed document only its
// changed passages, redlined.
type ChangeReport struct {
	Lang       string
	Header     diff.Header
	Version    string // the new release, or the word for the draft
	Draft      bool   // the new side is the current content, not a release
	Notes      string
	Report     *diff.Report
	Org        string
	Objections *model.RObjections // where to object; nil: not given
	ApprovedBy string
	Approved   string // formatted
	Documents  []NoticeDoc
	Vendors    []VendorChange
}

// NoticeDoc is one document in a notice.
type NoticeDoc struct {
	ID, Title string
	Old, New  string // versions; Old "" for a new document
	Changed   bool
	Removed   bool // the new release no longer has it
	Changes   int  // changed passages (a diagram counts as one)
	Passages  []NoticePassage
}

// NoticePassage is a changed place of a document under its section.
type NoticePassage struct {
	Number, Title string
	Blocks        []string // redlined Markdown
	More          int      // changed blocks of the section not shown
	Diagram       bool
}

// VendorChange is a subprocessor added, removed or changed, its fields
// old and new (equal when unchanged).
type VendorChange struct {
	Kind                                string // diff.Added, diff.Removed, diff.Changed
	Name, Address, Service, Places, Via VendorField
}

// VendorField is one field of a subprocessor before and after.
type VendorField struct{ Old, New string }

// ChangeReportMarkdown renders the theme's change notice template.
func ChangeReportMarkdown(th *theme.Theme, cr ChangeReport) ([]byte, error) {
	const name = "templates/change-report.md.tmpl"
	src, err := th.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("theme has no change report template: %v", err)
	}
	loc := th.Localizer(cr.Lang)
	f := &funcs{loc: loc, lang: cr.Lang}
	fm := template.FuncMap{
		"T": f.t, "esc": escape, "cell": cell,
		"count":    func(id string, n int) (string, error) { return loc.Count(id, n, nil) },
		"kindName": func(k string) (string, error) { return loc.T("NoticeKind."+k, nil) },
		// red gives a field redlined for its kind of change, safe in a cell.
		"red": func(kind string, v VendorField) string {
			o, n := cell(escape(v.Old)), cell(escape(v.New))
			switch {
			case kind == diff.Added && n != "":
				return "{++" + n + "++}"
			case kind == diff.Removed && o != "":
				return "{--" + o + "--}"
			case o == n:
				return n
			case o == "":
				return "{++" + n + "++}"
			case n == "":
				return "{--" + o + "--}"
			}
			return "{--" + o + "--} {++" + n + "++}"
		},
		"address": func(a model.RAddress) string {
			return strings.Join(strings.Fields(strings.Join([]string{a.Street + ",", a.Postcode, a.City}, " ")), " ")
		},
		"unchanged": func(docs []NoticeDoc) []NoticeDoc {
			var out []NoticeDoc
			for _, d := range docs {
				if !d.Changed && !d.Removed {
					out = append(out, d)
				}
			}
			return out
		},
	}
	tmpl, err := template.New(name).Funcs(fm).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("theme template %s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, cr); err != nil {
		return nil, fmt.Errorf("change report (%s): %v", cr.Lang, err)
	}
	return tidy(buf.Bytes()), nil
}

// ValueNamer names coded values of a diff in the language: countries by
// their name, enumerations by the theme's "Value.<field>.<value>" messages.
func ValueNamer(th *theme.Theme, lang string) diff.Namer {
	loc := th.Localizer(lang)
	f := &funcs{loc: loc, lang: lang}
	return func(field, value string) string {
		if field == "locations" {
			return f.country(value)
		}
		if s, err := loc.T("Value."+field+"."+value, nil); err == nil {
			return s
		}
		return value
	}
}

// StoredDocument makes a Document of a release's stored Markdown (the exact
// text released) and the release's resolved model, for the backends: its
// furniture words (version, date, classification) come from the stored
// model's document, in the theme's words of the language.
func StoredDocument(th *theme.Theme, res *model.Resolved, doc model.RDocument, md []byte) (*Text, error) {
	f := &funcs{loc: th.Localizer(res.Lang), site: res, lang: res.Lang}
	ui, err := f.ui(doc)
	if err != nil {
		return nil, fmt.Errorf("document %s (%s): %v", doc.ID, res.Lang, err)
	}
	return &Text{ID: doc.ID, Type: doc.Type, Lang: res.Lang, Doc: doc, Site: res, Markdown: md, UI: ui}, nil
}

// ReportUI gives the furniture words of a change report's PDF in the
// language of res (the newer state): its version and date as a document's.
func ReportUI(th *theme.Theme, res *model.Resolved, version, date string) (UI, error) {
	f := &funcs{loc: th.Localizer(res.Lang), site: res, lang: res.Lang}
	doc := model.RDocument{Version: version, Date: date}
	if len(res.Documents) > 0 {
		doc.Classification = res.Documents[0].Classification
	}
	return f.ui(doc)
}

// HistoryRow is one row of the revision history table that ends a
// document's PDF: one release of the document.
type HistoryRow struct {
	Version    string // the document's version
	Date       string // ISO, when it took effect; the template gets it formatted
	Notes      string
	ApprovedBy string // who approved the release, may be ""
	Approved   string // ISO date of the approval, may be ""
}

// HistoryMarkdown renders the theme's revision history
// (templates/history.md.tmpl): a section with a table of the releases,
// newest first, that the build appends to the PDF of every current
// document. No releases give no section.
func HistoryMarkdown(th *theme.Theme, lang string, entries []HistoryRow) ([]byte, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	const name = "templates/history.md.tmpl"
	src, err := th.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("theme has no revision history template: %v", err)
	}
	f := &funcs{loc: th.Localizer(lang), lang: lang}
	fm := template.FuncMap{"T": f.t, "cell": cell, "date": f.date, "esc": escape}
	tmpl, err := template.New(name).Funcs(fm).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("theme template %s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, struct {
		Lang     string
		Releases []HistoryRow
	}{lang, entries}); err != nil {
		return nil, fmt.Errorf("revision history (%s): %v", lang, err)
	}
	return tidy(buf.Bytes()), nil
}
