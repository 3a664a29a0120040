package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"trustdocs/generator/model"
)

// The words of the AV-contract annexes' table cells. Each helper returns
// Markdown for one cell, and "–" (explained by the legend under the table)
// where there is nothing to say, so an empty cell never reads as "none".

const dash = "–"

// orDash gives s, or the dash when s is empty.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// fullAddress writes a vendor's address with its country, always: a
// contract annex names the country even where it is the organisation's.
func (f *funcs) fullAddress(a model.RAddress) string {
	s := f.address(a)
	if a.Country != "" && a.Country == f.site.Organisation.Address.Country {
		s += ", " + f.country(a.Country)
	}
	return s
}

// decision writes a Commission decision as the document's language cites
// it: a decision of the Community (2000/518/EC) is "EG" in German.
func (f *funcs) decision(d string) string {
	if f.lang == "de" {
		if base, ok := strings.CutSuffix(d, "/EC"); ok {
			return base + "/EG"
		}
	}
	return d
}

// transferBases writes the transfer bases of a vendor: "EU-US Data Privacy
// Framework ((EU) 2023/1795); EU standard contractual clauses, module 3
// ((EU) 2021/914); transfer impact assessment".
func (f *funcs) transferBases(v model.RVendor) (string, error) {
	key := map[string]string{
		model.TransferNone: "TransferNone", model.TransferAdequacy: "TransferAdequacy",
		model.TransferSCC: "TransferSCC", model.TransferDPF: "TransferDPF",
	}
	var parts []string
	for _, b := range v.Bases() {
		s, err := f.loc.T(key[b.Basis], nil)
		if err != nil {
			return "", err
		}
		if b.Module != "" {
			m, err := f.loc.T("SCCModule", map[string]any{"Module": b.Module})
			if err != nil {
				return "", err
			}
			s += ", " + m
		}
		if b.Decision != "" {
			s += " (" + f.decision(b.Decision) + ")"
		}
		parts = append(parts, escape(s))
	}
	if v.TIA {
		s, err := f.loc.T("TIA", nil)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return orDash(strings.Join(parts, "; ")), nil
}

// certList writes a vendor's certifications with edition, scope, validity
// and a link to the certificate: "[ISO/IEC 27001:2022](…) (Zoom
// platform), valid until 31 May 2027".
func (f *funcs) certList(v model.RVendor) (string, error) {
	var parts []string
	for _, c := range v.Certifications {
		name := c.Name
		if c.Edition != "" {
			name += ":" + c.Edition
		}
		s := escape(name)
		if c.Link != "" {
			s = "[" + s + "](" + c.Link + ")"
		}
		if c.Scope != "" {
			s += " (" + escape(c.Scope) + ")"
		}
		if c.ValidUntil != "" {
			d, err := f.date(c.ValidUntil)
			if err != nil {
				return "", err
			}
			u, err := f.loc.T("ValidUntil", map[string]any{"Date": d})
			if err != nil {
				return "", err
			}
			s += ", " + u
		}
		parts = append(parts, s)
	}
	return orDash(strings.Join(parts, "; ")), nil
}

// placeCell names the countries of processing and, after them, the third
// countries that support staff access the data from.
func (f *funcs) placeCell(v model.RVendor) (string, error) {
	s := strings.Join(f.countries(v.Locations), ", ")
	if len(v.SupportAccess) > 0 {
		t, err := f.loc.T("SupportAccessFrom", map[string]any{"Countries": strings.Join(f.countries(v.SupportAccess), ", ")})
		if err != nil {
			return "", err
		}
		if s != "" {
			s += "; "
		}
		s += t
	}
	return orDash(s), nil
}

// dataCell writes the data categories and, labelled, the data subjects.
func (f *funcs) dataCell(v model.RVendor) (string, error) {
	s := v.Data
	if v.DataSubjects != "" {
		t, err := f.loc.T("DataSubjectsAre", map[string]any{"Subjects": v.DataSubjects})
		if err != nil {
			return "", err
		}
		if s != "" {
			s += ". "
		}
		s += t
	}
	return orDash(s), nil
}

// link writes a URL as a Markdown link that shows host and path.
func link(url string) string {
	return "[" + escape(host(url)) + "](" + url + ")"
}

// sccModules lists the SCC modules the vendors use, in order, for the
// legend under the table.
func sccModules(vs []model.RVendor) []string {
	seen := map[string]bool{}
	for _, v := range vs {
		for _, b := range v.Bases() {
			if b.Module != "" {
				seen[b.Module] = true
			}
		}
	}
	var out []string
	for _, m := range []string{"1", "2", "3", "4"} {
		if seen[m] {
			out = append(out, m)
		}
	}
	return out
}

// anyTIA says whether a vendor's transfer relies on a TIA, for the legend.
func anyTIA(vs []model.RVendor) bool {
	for _, v := range vs {
		if v.TIA {
			return true
		}
	}
	return false
}

// dataCategories are the types of personal data the subprocessors process,
// each once: their data texts split at ";", in the order of the vendors.
func (f *funcs) dataCategories() []string {
	var out []string
	for _, v := range f.subprocessors() {
		out = appendParts(out, v.Data)
	}
	return out
}

// dataSubjects are the categories of data subjects, likewise.
func (f *funcs) dataSubjects() []string {
	var out []string
	for _, v := range f.subprocessors() {
		out = appendParts(out, v.DataSubjects)
	}
	return out
}

// appendParts adds the ";"-separated parts of s that list does not hold yet.
func appendParts(list []string, s string) []string {
	for _, p := range strings.Split(s, ";") {
		p = strings.Join(strings.Fields(p), " ")
		if r, size := utf8.DecodeRuneInString(p); unicode.IsLower(r) {
			p = string(unicode.ToUpper(r)) + p[size:] // a list item begins a sentence
		}
		if p != "" && !containsStr(list, p) {
			list = append(list, p)
		}
	}
	return list
}

// anyWithoutData says whether a vendor's data cell would be a dash, so the
// table needs the dash's legend.
func anyWithoutData(vs []model.RVendor) bool {
	for _, v := range vs {
		if v.Data == "" && v.DataSubjects == "" {
			return true
		}
	}
	return false
}
