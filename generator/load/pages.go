package load

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/audience"
	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// loadPages reads pages/NAME.LANG.md files. Each starts with a front matter
// between "---" lines that gives the page's title.
func loadPages(dir string, langs []string, f *audience.Filter, errs *diag.List) []*model.Page {
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
		return nil // none, or a symbolic link (reported by checkTree)
	}
	var pages []*model.Page
	for _, e := range listDir(dir, errs) {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() {
			errs.Errorf(diag.At(path), "folders inside pages/ are not read: move its files up into pages/")
			continue
		}
		if filepath.Ext(e.Name()) != ".md" {
			errs.Warnf(diag.At(path), "ignored: pages/ holds Markdown files named NAME.LANG.md")
			continue
		}
		base := strings.TrimSuffix(e.Name(), ".md")
		dot := strings.LastIndexByte(base, '.')
		if dot < 0 {
			errs.Errorf(diag.At(path), "page file name must say its language, like %s.%s.md", base, firstOr(langs, "de"))
			continue
		}
		name, lang := base[:dot], base[dot+1:]
		bad := false
		if !ValidID(name) {
			errs.Errorf(diag.At(path), "page name %q is not a valid id: use lower-case letters, digits and single hyphens, e.g. %q", name, slug(name))
			bad = true
		}
		if len(langs) > 0 && !contains(langs, lang) {
			msg := fmt.Sprintf("page language %q is not a language of this site (site.yaml lists %s)", lang, strings.Join(langs, ", "))
			if low := strings.ToLower(lang); low != lang && contains(langs, low) {
				msg += fmt.Sprintf(": language codes are lower-case, rename the file to %s.%s.md", name, low)
			} else if s := suggest(lang, langs); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			errs.Errorf(diag.At(path), "%s", msg)
			bad = true
		}
		data, ok := readFile(path, errs)
		if !ok || bad {
			continue
		}
		// A page that does not parse still exists: its other languages
		// must not be reported as lacking a translation.
		p, kept := parsePage(path, data, lang, langs, f, errs)
		if !kept {
			f.WithholdID("page", name)
			continue // the page is for a narrower audience
		}
		if p == nil {
			p = &model.Page{Pos: diag.At(path)}
		}
		p.Name, p.Lang = name, lang
		pages = append(pages, p)
	}
	return pages
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// parsePage splits the front matter from the Markdown body.
// It gives false (kept) when the front matter's audience is narrower than
// the edition's; the page's texts are then withheld.
func parsePage(path string, data []byte, lang string, langs []string, f *audience.Filter, errs *diag.List) (*model.Page, bool) {
	p := &model.Page{Pos: diag.At(path)}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		errs.Errorf(p.Pos, "page must start with a front matter giving its title: a line \"---\", a line \"title: …\", a line \"---\"")
		return nil, true
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		errs.Errorf(p.Pos, "front matter is not closed: end it with a line \"---\"")
		return nil, true
	}
	front := text[4 : 4+end+1]
	rest := text[4+end+4:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		if strings.TrimSpace(rest[:nl]) != "" {
			errs.Errorf(diag.Pos{File: path, Line: 2 + strings.Count(front, "\n"), Col: 1}, "the closing \"---\" of the front matter must stand alone on its line")
			return nil, true
		}
		rest = rest[nl+1:]
	} else {
		rest = ""
	}
	// The front matter starts on line 2 of the file; shift node positions.
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader([]byte(front))).Decode(&doc); err != nil {
		sub := &diag.List{}
		reportYAMLError(path, []byte(front), err, sub)
		for _, d := range sub.Items() {
			d.Pos.Line++
			errs.Errorf(d.Pos, "%s", d.Msg)
		}
		return nil, true
	}
	shiftLines(&doc, 1)
	r := &reader{file: path, langs: langs, errs: errs}
	if len(doc.Content) == 0 {
		errs.Errorf(p.Pos, "front matter is empty: give the page a title")
		return nil, true
	}
	bodyLine := 3 + strings.Count(front, "\n")
	if !f.Node(path, data, "page", doc.Content[0]) {
		f.Page(path, bodyLine, rest, true, f.Last())
		return nil, false
	}
	rest = f.Page(path, bodyLine, rest, false, "")
	o := r.mapping(doc.Content[0], "front matter")
	if o == nil {
		return nil, true
	}
	p.Title = o.str("title", true)
	if v, ok := o.keys["title"]; ok {
		p.TitlePos = r.pos(v)
	}
	if v := o.field("source", false); v != nil {
		h := r.scalar(v, "the source hash of the page")
		switch {
		case h == "":
		case len(langs) > 0 && lang == langs[0]:
			r.errorf(v, "this page is in the source language (%s): only translated pages record a source hash (remove source:)", lang)
		case !model.ValidHash(h):
			r.errorf(v, "source hash of the page must be %d hex digits, as trustdocs writes it (e.g. 3f2a9c1b): remove it and run 'trustdocs translate mark --lang %s'", model.HashLen, lang)
		default:
			p.Source, p.SourcePos = strings.ToLower(h), r.pos(v)
		}
	}
	o.done()
	p.BodyPos = diag.Pos{File: path, Line: bodyLine, Col: 1}
	p.Body = rest
	if strings.TrimSpace(p.Body) == "" {
		errs.Errorf(p.Pos, "page has no text after its front matter")
	}
	return p, true
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}
