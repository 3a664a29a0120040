package diff

import (
	"sort"

	"strconv"
	"strings"

	"trustdocs/generator/model"
)

// Field names (keys of the UI messages "Field.<name>").

func splitVendors(vs []model.RVendor) (sub, other []model.RVendor) {
	for _, v := range vs {
		if v.Role == model.RoleSubprocessor {
			sub = append(sub, v)
		} else {
			other = append(other, v)
		}
	}
	return sub, other
}

func (b builder) address(a model.RAddress) string {
	country := ""
	if a.Country != "" {
		country = b.name("locations", a.Country)
	}
	parts := []string{}
	for _, p := range []string{a.Street, strings.TrimSpace(a.Postcode + " " + a.City), country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// builder flattens entities into records, naming coded values.
type builder struct {
	name Namer
}

func (b builder) names(field string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = b.name(field, v)
	}
	return out
}

func (b builder) vendorRecords(r *model.Resolved, vs []model.RVendor) []record {
	var out []record
	for _, v := range vs {
		var certs []string
		for _, c := range v.Certifications {
			s := c.Name
			if c.Edition != "" {
				s += ":" + c.Edition
			}
			if c.Scope != "" {
				s += ", " + c.Scope
			}
			if c.ValidUntil != "" {
				s += " (" + c.ValidUntil + ")"
			}
			certs = append(certs, s)
		}
		out = append(out, record{id: v.ID, title: v.LegalName, fields: []value{
			text("legal_name", v.LegalName).keyField(), text("name", v.Name), text("address", b.address(v.Address)).keyField(),
			text("website", v.Website), text("role", b.name("role", v.Role)), text("service", v.Service).keyField(),
			text("data", v.Data).keyField(), list("locations", b.names("locations", v.Locations)).keyField(),
			list("transfer", b.transfers(v)).keyField(), text("transfer_note", v.TransferNote).keyField(),
			text("dpa", b.name("dpa", strconv.FormatBool(v.DPA))), list("certifications", certs).keyField(),
			text("statement", v.Statement),
			text("data_subjects", v.DataSubjects).keyField(), list("support_access", b.names("locations", v.SupportAccess)).keyField(),
			text("dpa_date", v.DPADate), text("dpa_reference", v.DPAReference), text("subprocessor_list", v.SubprocessorList),
		}})
	}
	return out
}

// transfers names each transfer basis with its module and decision.
func (b builder) transfers(v model.RVendor) []string {
	var out []string
	for _, t := range v.Bases() {
		s := b.name("transfer", t.Basis)
		if t.Module != "" {
			s += " " + b.name("scc_module", t.Module)
		}
		if t.Decision != "" {
			s += " (" + t.Decision + ")"
		}
		out = append(out, s)
	}
	if v.TIA {
		out = append(out, b.name("tia", "true"))
	}
	return out
}

func (b builder) subsystemRecords(r *model.Resolved) []record {
	var out []record
	for _, s := range r.Subsystems {
		rec := record{id: s.ID, title: s.Title, fields: []value{
			text("title", s.Title).keyField(), text("provider", vendorName(s.Provider)).keyField(),
			text("contractor", vendorName(s.Contractor)), text("summary", s.Summary),
			text("description", s.Description).keyField(), text("data", s.Data).keyField(),
		}}
		for _, g := range s.Goals {
			status := b.name("status", g.Status)
			if g.Reason != "" {
				status += ": " + g.Reason
			}
			rec.fields = append(rec.fields, text("goal:"+g.Title, status))
		}
		var threats, reqs, measures, risks []string
		for _, t := range s.Threats {
			threats = append(threats, t.Title)
		}
		for _, q := range s.Requirements {
			reqs = append(reqs, q.Title)
		}
		for _, m := range s.Measures {
			measures = append(measures, m.ID)
		}
		for _, rr := range s.ResidualRisks {
			risks = append(risks, rr.Risk+" "+rr.Acceptance)
		}
		rec.fields = append(rec.fields,
			text("delegated_intro", s.DelegatedIntro), text("not_operational_note", s.NotOperationalNote),
			text("threats_scope", s.ThreatsScope), list("threats", threats), list("requirements", reqs),
			text("measures_intro", s.MeasuresIntro), list("measures", measures), list("residual_risks", risks),
			text("verdict", s.Verdict))
		out = append(out, rec)
	}
	return out
}

func vendorName(v *model.RVendor) string {
	if v == nil {
		return ""
	}
	return v.LegalName
}

func (b builder) measureRecords(r *model.Resolved) []record {
	var out []record
	for _, m := range r.Measures {
		out = append(out, record{id: m.ID, title: firstLine(m.Text), fields: []value{
			text("text", m.Text), list("tom", tomTitles(r, m.TOM)), list("sites", siteNames(r, m.Sites)),
		}})
	}
	return out
}

func tomTitles(r *model.Resolved, ids []string) []string {
	title := map[string]string{}
	for _, s := range r.TOM {
		title[s.ID] = s.Title
		for _, c := range s.Categories {
			title[c.ID] = c.Title
		}
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = orID(title[id], id)
	}
	return out
}

func siteNames(r *model.Resolved, ids []string) []string {
	name := map[string]string{}
	for _, s := range r.Sites {
		name[s.ID] = s.Name
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = orID(name[id], id)
	}
	return out
}

func orID(s, id string) string {
	if s == "" {
		return id
	}
	return s
}

// firstLine names a measure by the start of its text.
func firstLine(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "*", ""))
	if i := strings.IndexAny(s, "\n"); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "…"
	}
	return s
}

func (b builder) siteRecords(r *model.Resolved) []record {
	var out []record
	for _, s := range r.Sites {
		addr := ""
		if s.Address != nil {
			addr = b.address(*s.Address)
		}
		var comps []string
		for _, c := range s.Components {
			comps = append(comps, c.Name)
		}
		out = append(out, record{id: s.ID, title: s.Name, fields: []value{
			text("name", s.Name).keyField(), text("kind", b.name("kind", s.Kind)).keyField(), text("vendor", s.Vendor).keyField(),
			text("address", addr).keyField(), list("components", comps).keyField(),
		}})
	}
	return out
}

// connectionRecords are the overview plan's connections, one record per
// pair of parts (in either direction), titled with the parts' names.
func (b builder) connectionRecords(r *model.Resolved) []record {
	if r.Plan == nil {
		return nil
	}
	names := map[string]string{model.PlanInternet: "Internet"}
	for _, s := range r.Sites {
		names[s.ID] = s.Name
		for _, c := range s.Components {
			names[c.ID] = c.Name
		}
	}
	for _, s := range r.Subsystems {
		names[s.ID] = s.Title
	}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	var out []record
	for _, c := range r.Plan.Connections {
		a, z := c.From, c.To
		if a > z {
			a, z = z, a
		}
		out = append(out, record{id: a + "|" + z, title: name(c.From) + " – " + name(c.To), fields: []value{
			text("kind", b.name("conn_kind", c.Kind)).keyField(),
			list("protection", b.names("protection", c.Protection)).keyField(),
			text("label", c.Label),
		}})
	}
	return out
}

func entryRecords(es []model.REntry) []record {
	var out []record
	for _, e := range es {
		out = append(out, record{id: e.ID, title: e.Title, fields: []value{text("title", e.Title)}})
	}
	return out
}

func tomRecords(r *model.Resolved) []record {
	var out []record
	for _, s := range r.TOM {
		out = append(out, record{id: s.ID, title: s.Title, fields: []value{
			text("title", s.Title), text("intro", s.Intro), text("site_heading", s.SiteHeading),
		}})
		for _, c := range s.Categories {
			out = append(out, record{id: c.ID, title: c.Title, fields: []value{
				text("title", c.Title), text("section", s.Title), text("site_heading", c.SiteHeading),
			}})
		}
	}
	return out
}

func pageRecords(r *model.Resolved) []record {
	var out []record
	for _, name := range sortedKeys(r.Pages) {
		p := r.Pages[name]
		out = append(out, record{id: name, title: p.Title, fields: []value{text("title", p.Title), text("body", p.Body)}})
	}
	return out
}

func documentRecords(r *model.Resolved) []record {
	var out []record
	for _, d := range r.Documents {
		out = append(out, record{id: d.ID, title: d.Title, fields: []value{
			text("title", d.Title), text("subtitle", d.Subtitle), text("classification", d.Classification),
		}})
	}
	return out
}

func (b builder) orgRecords(r *model.Resolved) []record {
	o := r.Organisation
	rec := record{id: "organisation", title: o.Name, fields: []value{
		text("name", o.Name), text("address", b.address(o.Address)), text("phone", o.Phone), text("email", o.Email),
		text("website", o.Website), text("register", strings.TrimSpace(o.Court+" "+o.Register)), list("management", o.Management),
	}}
	for _, p := range []struct {
		name string
		p    *model.RPerson
	}{{"security_officer", r.People.SecurityOfficer}, {"dpo", r.People.DPO}, {"eu_contact", r.People.EUContact}} {
		s := ""
		if p.p != nil {
			s = strings.Join(nonEmpty(p.p.Name, p.p.Phone, p.p.Email), ", ")
		}
		rec.fields = append(rec.fields, text(p.name, s))
	}
	return []record{rec}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
