// Package origin finds where a line of a generated document comes from in
// the content: the text (a field, a page, a name) whose words the line
// prints, at its file:line:col. The PDF renderer warns about lines of the
// Markdown the templates generate (a link to no heading, a table row
// taller than a page, a character no font has); an author can mend only
// the text in the content, so that is where such a warning must stand.
//
// It takes the site as loaded and, per warning, the generated Markdown,
// the line and optionally the words the warning is about. It matches the
// generated line against every line of every text of the language (the
// templates insert texts line for line, around list markers, marks and
// numbers), the longest match winning.
package origin

import (
	"bytes"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// Index holds the texts of a site by language.
type Index struct {
	texts map[string][]text // by language; "" for names in every language
}

// text is one text of the content: where it begins, and whether that is
// exact (the value stands line for line in the file) or only the field's
// place.
type text struct {
	s     string
	start diag.Pos
	exact bool
}

// New indexes every text field, page and name of site.
func New(site *model.Site) *Index {
	ix := &Index{texts: map[string][]text{}}
	add := func(lang, s string, start diag.Pos, exact bool) {
		if strings.TrimSpace(s) != "" && start.File != "" {
			ix.texts[lang] = append(ix.texts[lang], text{s: s, start: start, exact: exact})
		}
	}
	for _, f := range model.Texts(site) {
		t := f.Text
		for lang, s := range t.Values {
			if start, ok := t.Verbatim[lang]; ok {
				add(lang, s, start, true)
			} else if pos, ok := t.LangPos[lang]; ok {
				add(lang, s, pos, false)
			} else {
				add(lang, s, t.Pos, false)
			}
		}
	}
	for _, p := range site.Pages {
		add(p.Lang, p.Title, p.TitlePos, false)
		add(p.Lang, p.Body, p.BodyPos, true)
	}
	o := site.Organisation
	add("", o.Name, o.Pos, false)
	add("", o.ShortName, o.Pos, false)
	addAddress := func(a model.Address, owner diag.Pos) {
		pos := a.Pos
		if pos.File == "" {
			pos = owner
		}
		add("", a.Street, pos, false)
		add("", a.City, pos, false)
	}
	addAddress(o.Address, o.Pos)
	for _, p := range []model.Person{site.People.SecurityOfficer, site.People.DPO, site.People.EUContact} {
		add("", p.Name, p.Pos, false)
	}
	for _, v := range site.Vendors {
		add("", v.LegalName, v.Pos, false)
		add("", v.Name, v.Pos, false)
		addAddress(v.Address, v.Pos)
	}
	return ix
}

// Locate gives the place in the content of line (1-based) of the
// generated Markdown md in lang, at near (the words the warning is about)
// if that is in the line. ok is false when no text of the content prints
// that line (a template's own words, an old release's text).
func (ix *Index) Locate(lang string, md []byte, line int, near string) (pos diag.Pos, ok bool) {
	gen := Line(md, line)
	if gen == "" && near == "" {
		return diag.Pos{}, false
	}
	type match struct {
		t   text
		n   int // length of the matched line: the longest wins
		off int
	}
	var best []match
	consider := func(t text) {
		off := 0
		for _, l := range strings.SplitAfter(t.s, "\n") {
			core := strings.TrimSpace(l)
			n := len(core)
			switch {
			case n == 0:
			case gen != "" && strings.Contains(gen, core) && (n >= 3 || core == gen):
			case gen == "" && strings.Contains(core, near):
			default:
				n = 0
			}
			if near != "" && n > 0 && !strings.Contains(core, near) && strings.Contains(gen, near) {
				n = 0 // the line holds the words, but this part of it does not
			}
			if n > 0 && (len(best) == 0 || n >= best[0].n) {
				if len(best) > 0 && n > best[0].n {
					best = best[:0]
				}
				m := match{t: t, n: n, off: off + strings.Index(l, core)}
				if i := strings.Index(core, near); near != "" && i >= 0 {
					m.off += i
				}
				best = append(best, m)
			}
			off += len(l)
		}
	}
	for _, t := range ix.texts[lang] {
		consider(t)
	}
	for _, t := range ix.texts[""] {
		consider(t)
	}
	if len(best) == 0 {
		return diag.Pos{}, false
	}
	// The same line twice (a heading repeated): the k-th in the document
	// is taken for the k-th in the content.
	m := best[min(occurrence(md, line, gen), len(best)-1)]
	if !m.t.exact {
		return m.t.start, true
	}
	return diag.Within(m.t.start, m.t.s, m.off), true
}

// occurrence counts the lines before line (1-based) of md that read gen.
func occurrence(md []byte, line int, gen string) int {
	k := 0
	for i, l := range bytes.Split(md, []byte("\n")) {
		if i >= line-1 {
			break
		}
		if gen != "" && strings.TrimSpace(string(l)) == gen {
			k++
		}
	}
	return k
}

// Line is line (1-based) of a generated document md, trimmed; "" if there
// is none.
func Line(md []byte, line int) string {
	if line < 1 {
		return ""
	}
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(md, '\n')
		if j < 0 {
			return ""
		}
		md = md[j+1:]
	}
	if j := bytes.IndexByte(md, '\n'); j >= 0 {
		md = md[:j]
	}
	return strings.TrimSpace(string(md))
}
