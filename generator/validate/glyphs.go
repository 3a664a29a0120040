package validate

import (
	"fmt"
	"strings"
	"unicode"

	"trustdocs/generator/diag"
	"trustdocs/generator/glyphs"
	"trustdocs/generator/model"
)

// maxGlyphErrors bounds the errors about missing glyphs per text.
const maxGlyphErrors = 3

// Glyphs reports every character of a text or page that no font of the
// PDFs has, at its place: it would print as a missing-glyph square.
func Glyphs(site *model.Site) *diag.List {
	errs := &diag.List{}
	for _, f := range model.Texts(site) {
		t := f.Text
		for _, lang := range site.LangIDs() {
			s, ok := t.Values[lang]
			if !ok {
				continue
			}
			glyphText(s, fmt.Sprintf("%s (%s)", f.What, lang), func(off int) diag.Pos {
				if start, ok := t.Verbatim[lang]; ok {
					return within(start, s, off)
				}
				if pos, ok := t.LangPos[lang]; ok {
					return pos
				}
				return t.Pos
			}, errs)
		}
	}
	for _, pg := range site.Pages {
		glyphText(pg.Title, fmt.Sprintf("the title of page %q (%s)", pg.Name, pg.Lang), func(int) diag.Pos {
			if pg.TitlePos.File != "" {
				return pg.TitlePos
			}
			return pg.Pos
		}, errs)
		body := pg.Body
		glyphText(body, fmt.Sprintf("page %q (%s)", pg.Name, pg.Lang), func(off int) diag.Pos {
			if pg.BodyPos.File == "" {
				return pg.Pos
			}
			return within(pg.BodyPos, body, off)
		}, errs)
	}
	plainGlyphs(site, errs)
	return errs
}

// plainGlyphs checks the names the documents print that are plain strings,
// not texts (the organisation's, the vendors', their addresses, people):
// each at the place of what it belongs to, which is as near as the loader
// records.
func plainGlyphs(site *model.Site, errs *diag.List) {
	check := func(s, what string, pos diag.Pos) {
		glyphText(s, what, func(int) diag.Pos { return pos }, errs)
	}
	address := func(a model.Address, owner string, pos diag.Pos) {
		if a.Pos.File != "" {
			pos = a.Pos
		}
		check(a.Street, "the street of "+owner, pos)
		check(a.City, "the city of "+owner, pos)
	}
	o := site.Organisation
	check(o.Name, "the name of the organisation", o.Pos)
	check(o.ShortName, "the short name of the organisation", o.Pos)
	address(o.Address, "the organisation", o.Pos)
	for i, m := range o.Management {
		check(m, fmt.Sprintf("manager %d of the organisation", i+1), o.Pos)
	}
	for _, p := range []struct {
		role string
		p    model.Person
	}{{"security officer", site.People.SecurityOfficer}, {"data protection officer", site.People.DPO}, {"EU contact", site.People.EUContact}} {
		if p.p.Set {
			check(p.p.Name, "the name of the "+p.role, p.p.Pos)
		}
	}
	for _, v := range site.Vendors {
		owner := fmt.Sprintf("vendor %q", v.ID.ID)
		check(v.LegalName, "the legal name of "+owner, v.Pos)
		check(v.Name, "the name of "+owner, v.Pos)
		address(v.Address, owner, v.Pos)
	}
}

func glyphText(s, what string, at func(off int) diag.Pos, errs *diag.List) {
	n := 0
	seen := map[rune]bool{}
	for off, r := range s {
		if r < 0x80 || seen[r] {
			continue
		}
		ok, err := glyphs.Drawable(r)
		if err != nil {
			errs.Errorf(at(off), "the fonts cannot be read: %v", err)
			return
		}
		if ok {
			continue
		}
		seen[r] = true
		if n++; n > maxGlyphErrors {
			errs.Errorf(at(off), "%s has further characters that no font of the PDF has (only the first %d are listed)", what, maxGlyphErrors)
			return
		}
		errs.Errorf(at(off), "%s has the character %s, which no font of the PDF has (Liberation Serif, DejaVu Sans): it would print as a square; write it differently or leave it out", what, describe(r))
	}
}

// describe names a character: U+1F600 '😀' (without the glyph for
// invisible ones).
func describe(r rune) string {
	if unicode.IsPrint(r) && !strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e", r) {
		return fmt.Sprintf("U+%04X %q", r, r)
	}
	return fmt.Sprintf("U+%04X", r)
}
