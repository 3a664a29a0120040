package render

import (
	"fmt"
	"slices"
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
		if p != "" && !slices.Contains(list, p) {
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

// roleKeys are the theme's messages naming each role of model.RoleKeys.
var roleKeys = map[string]string{
	"management": "Management", "security_officer": "SecurityOfficer",
	"dpo": "RoleDPO", "eu_contact": "RoleEUContact",
}

// role names a role: site.yaml's name for it (people: roles:), or the
// theme's.
func (f *funcs) role(key string) (string, error) {
	if s := f.site.People.Roles[key]; s != "" {
		return s, nil
	}
	id, ok := roleKeys[key]
	if !ok {
		return "", fmt.Errorf("role %q does not exist: use one of management, security_officer, dpo, eu_contact", key)
	}
	return f.loc.T(id, nil)
}

// personLine writes "**Role:** Name, E-Mail: …, Telefon: …".
func (f *funcs) personLine(role string, p *model.RPerson) (string, error) {
	s := "**" + escape(role) + ":** " + escape(p.Name)
	for _, c := range []struct{ key, v string }{{"Email", p.Email}, {"Phone", p.Phone}} {
		if c.v == "" {
			continue
		}
		label, err := f.loc.T(c.key, nil)
		if err != nil {
			return "", err
		}
		s += ", " + label + ": " + escape(c.v)
	}
	return s, nil
}

// contacts are the paragraphs naming the data protection officer and the
// EU contact, where site.yaml sets them: every annex prints them.
func (f *funcs) contacts() (string, error) {
	var out []string
	for _, c := range []struct {
		key string
		p   *model.RPerson
	}{{"dpo", f.site.People.DPO}, {"eu_contact", f.site.People.EUContact}} {
		if c.p == nil {
			continue
		}
		role, err := f.role(c.key)
		if err != nil {
			return "", err
		}
		line, err := f.personLine(role, c.p)
		if err != nil {
			return "", err
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n\n"), nil
}

// euContact is the security concept's EU contact (TKG § 166(1) no. 2): the
// one site.yaml names, or, for an organisation established in the EU/EEA,
// the organisation itself.
func (f *funcs) euContact() (string, error) {
	role, err := f.role("eu_contact")
	if err != nil {
		return "", err
	}
	label, err := f.loc.T("EUContactTKG", map[string]any{"Role": role})
	if err != nil {
		return "", err
	}
	if p := f.site.People.EUContact; p != nil {
		return f.personLine(label, p)
	}
	org := f.site.Organisation
	if !model.InEEA(org.Address.Country) {
		return "", nil
	}
	return f.loc.T("EUContactIsOrganisation", map[string]any{
		"Role": label, "Org": escape(org.Name), "Country": f.country(org.Address.Country),
	})
}

// declaration is the closing declaration of the security concept (TKG
// § 166(3)) and when it was last updated (§ 166(4)).
func (f *funcs) declaration(doc model.RDocument) (string, error) {
	d := doc.Declaration
	if d == nil {
		return "", nil
	}
	date, err := f.date(d.Date)
	if err != nil {
		return "", err
	}
	updated, err := f.date(doc.Date)
	if err != nil {
		return "", err
	}
	role, err := f.role("management")
	if err != nil {
		return "", err
	}
	var parts []string
	for _, m := range []struct {
		id   string
		data map[string]any
	}{
		{"DeclarationText", map[string]any{"Org": escape(f.site.Organisation.Name)}},
		{"LastUpdated", map[string]any{"Date": updated}},
		{"DeclarationSigned", map[string]any{"Place": escape(d.Place), "Date": date, "Names": escape(strings.Join(d.By, ", ")), "Role": escape(role)}},
	} {
		s, err := f.loc.T(m.id, m.data)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "\n\n"), nil
}
