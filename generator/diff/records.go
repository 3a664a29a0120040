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
	name   Namer
	titles map[[2]string]string // measure names by ID and text: each text is parsed once
}

// measureName is MeasureName, remembered: a measure is named in several
// records of both states.
func (b builder) measureName(m model.RMeasure) string {
	k := [2]string{m.Title, m.Text}
	if s, ok := b.titles[k]; ok {
		return s
	}
	s := MeasureName(m)
	if b.titles != nil {
		b.titles[k] = s
	}
	return s
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
		var threats, reqs, measureIDs, measures, risks []string
		for _, t := range s.Threats {
			threats = append(threats, t.Title)
		}
		for _, q := range s.Requirements {
			reqs = append(reqs, q.Title)
		}
		for _, m := range s.Measures {
			measureIDs = append(measureIDs, m.ID)
			measures = append(measures, b.measureName(m))
		}
		for _, rr := range s.ResidualRisks {
			risks = append(risks, rr.Risk+" "+rr.Acceptance)
		}
		rec.fields = append(rec.fields,
			text("delegated_intro", s.DelegatedIntro), text("not_operational_note", s.NotOperationalNote),
			text("threats_scope", s.ThreatsScope), list("threats", threats), list("requirements", reqs),
			text("measures_intro", s.MeasuresIntro), named("measures", measureIDs, measures), list("residual_risks", risks),
			text("verdict", s.Verdict))
		out = append(out, rec)
	}
	return out
}

// vendorByID names the vendor with this ID by its legal name.
func vendorByID(r *model.Resolved, id string) string {
	for i := range r.Vendors {
		if r.Vendors[i].ID == id {
			return vendorName(&r.Vendors[i])
		}
	}
	return id
}

func vendorName(v *model.RVendor) string {
	if v == nil {
		return ""
	}
	return v.LegalName
}

func (b builder) measureRecords(r *model.Resolved) []record {
	title := map[string]string{}
	for _, n := range tomNodes(r) {
		title[n.ID] = n.Title
	}
	var out []record
	for _, m := range r.Measures {
		out = append(out, record{id: m.ID, title: b.measureName(m), fields: []value{
			text("title", m.Title), text("text", m.Text),
			named("tom", m.TOM, tomTitles(title, m.TOM)), named("sites", m.Sites, siteNames(r, m.Sites)),
			text("kind", b.named("measure_kind", m.Kind)), text("state", b.named("state", m.State)),
		}})
	}
	return out
}

// named is a coded value in words, "" for none.
func (b builder) named(field, v string) string {
	if v == "" {
		return ""
	}
	return b.name(field, v)
}

// tomTitles names the TOM nodes ids by their titles (title: by ID, of
// all nodes).
func tomTitles(title map[string]string, ids []string) []string {
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
			text("name", s.Name).keyField(), text("kind", b.name("kind", s.Kind)).keyField(), text("vendor", vendorByID(r, s.Vendor)).keyField(),
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

// tomNode is a node of Anlage 1 with the titles of the nodes above it.
type tomNode struct {
	model.RTOMNode
	section, category string // "" for a section; category only for a sub-category
}

// tomNodes lists every section, category and sub-category in document
// order.
func tomNodes(r *model.Resolved) []tomNode {
	var out []tomNode
	var walk func(cats []model.RTOMCategory, section, parent string, depth int)
	walk = func(cats []model.RTOMCategory, section, parent string, depth int) {
		for _, c := range cats {
			n := tomNode{RTOMNode: c.RTOMNode, section: section}
			if depth > 1 {
				n.category = parent
			}
			out = append(out, n)
			walk(c.Categories, section, c.Title, depth+1)
		}
	}
	for _, s := range r.TOM {
		out = append(out, tomNode{RTOMNode: s.RTOMNode})
		walk(s.Categories, s.Title, s.Title, 1)
	}
	return out
}

// tomRecords are the sections, categories and sub-categories of Anlage 1
// with what each prints besides its measures: intro, status and reason,
// note, the order of its items, layout.
func (b builder) tomRecords(r *model.Resolved) []record {
	measures := map[string]string{}
	for _, m := range r.Measures {
		measures[m.ID] = b.measureName(m)
	}
	sites := map[string]string{}
	for _, s := range r.Sites {
		sites[s.ID] = s.Name
	}
	var out []record
	for _, n := range tomNodes(r) {
		status := n.Status
		if status == "" {
			status = model.TOMApplies
		}
		var order []string
		for _, k := range n.Order {
			switch {
			case k == "note":
				order = append(order, b.name("order", k))
			case strings.HasPrefix(k, "site:"):
				order = append(order, orID(sites[strings.TrimPrefix(k, "site:")], k))
			default:
				order = append(order, orID(measures[k], k))
			}
		}
		st := text("status", b.name("tom_status", status)).keyField()
		st.quiet = status == model.TOMApplies
		out = append(out, record{id: n.ID, title: n.Title, fields: []value{
			text("title", n.Title).keyField(), text("section", n.section), text("category", n.category),
			text("intro", n.Intro).keyField(), st, text("reason", n.Reason).keyField(),
			text("note", n.Note).keyField(), named("order", n.Order, order), text("layout", b.named("layout", n.Layout)),
			text("site_heading", n.SiteHeading),
		}})
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
