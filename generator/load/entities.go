package load

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// Allowed values of the enumerated fields.
var (
	DocumentTypes   = []string{model.DocSecurityConcept, model.DocTOMs, model.DocSubprocessors}
	Classifications = []string{"public", "internal", "confidential", "strictly-confidential"}
	VendorRoles     = []string{model.RoleSubprocessor, model.RoleController, model.RoleProcessorOwnData}
	Transfers       = []string{model.TransferNone, model.TransferAdequacy, model.TransferSCC, model.TransferDPF}
	LocationKinds   = []string{model.LocationDataCentre, model.LocationOffice, model.LocationCloudRegion}
	GoalStatuses    = []string{model.GoalRelevant, model.GoalNotRelevant, model.GoalDelegated, model.GoalNotOperational}
	// PageSlots are the named places of each document type that take pages;
	// the slots that take a list are marked in ListSlots.
	PageSlots = map[string][]string{
		model.DocSecurityConcept: {"intro", "plans", "sections", "overview", "assessment"},
		model.DocTOMs:            {"preamble"},
		model.DocSubprocessors:   {"intro"},
	}
	ListSlots = map[string]bool{"sections": true}
)

func readSite(r *reader, n *yaml.Node, site *model.Site) {
	o := r.mapping(n, "site.yaml")
	if o == nil {
		return
	}
	if v := o.field("languages", true); v != nil {
		for _, it := range r.seq(v, "languages") {
			s := r.scalar(it, "a language")
			if s == "" {
				continue
			}
			if !validLang(s) {
				r.errorf(it, "%q is not a language code: use a two-letter ISO 639-1 code in lower case, e.g. de, en", s)
				continue
			}
			for _, l := range site.Languages {
				if l.ID == s {
					r.errorf(it, "language %q is listed twice", s)
				}
			}
			site.Languages = append(site.Languages, model.Ident{ID: s, Pos: r.pos(it)})
		}
		if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
			r.errorf(v, "languages is empty: list at least the source language, e.g. [de, en]")
		}
	}
	r.langs = site.LangIDs()
	site.BaseURL = o.str("base_url", false)
	site.ReviewInterval = o.interval("review_interval")
	if v := o.field("organisation", true); v != nil {
		site.Organisation = readOrganisation(r, v)
	}
	if v := o.field("people", false); v != nil {
		if p := r.mapping(v, "people"); p != nil {
			site.People.SecurityOfficer = readPerson(r, p.field("security_officer", false), "security_officer")
			site.People.DPO = readPerson(r, p.field("dpo", false), "dpo")
			site.People.EUContact = readPerson(r, p.field("eu_contact", false), "eu_contact")
			p.done()
		}
	}
	if v := o.field("documents", true); v != nil {
		for _, it := range r.seq(v, "documents") {
			if d := readDocument(r, it); d != nil {
				site.Documents = append(site.Documents, d)
			}
		}
	}
	o.done()
}

func validLang(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

func readOrganisation(r *reader, n *yaml.Node) model.Organisation {
	org := model.Organisation{Pos: r.pos(n)}
	o := r.mapping(n, "organisation")
	if o == nil {
		return org
	}
	org.Name = o.str("name", true)
	org.ShortName = o.str("short_name", false)
	org.Address = readAddress(r, o.field("address", true), "address of the organisation")
	org.Phone = o.str("phone", false)
	org.Email = o.str("email", false)
	org.Website = o.str("website", false)
	if v := o.field("register", false); v != nil {
		if reg := r.mapping(v, "register"); reg != nil {
			org.Register.Court = reg.str("court", true)
			org.Register.Number = reg.str("number", true)
			reg.done()
		}
	}
	org.Management = o.strs("management", false)
	o.done()
	return org
}

func readPerson(r *reader, n *yaml.Node, what string) model.Person {
	if n == nil {
		return model.Person{}
	}
	p := model.Person{Pos: r.pos(n), Set: true}
	o := r.mapping(n, what)
	if o == nil {
		return p
	}
	p.Name = o.str("name", true)
	p.Phone = o.str("phone", false)
	p.Email = o.str("email", false)
	o.done()
	return p
}

func readAddress(r *reader, n *yaml.Node, what string) model.Address {
	if n == nil {
		return model.Address{}
	}
	a := model.Address{Pos: r.pos(n)}
	o := r.mapping(n, what)
	if o == nil {
		return a
	}
	a.Street = o.str("street", false)
	a.Postcode = o.str("postcode", false)
	a.City = o.str("city", true)
	if v := o.field("country", true); v != nil {
		a.Country = r.countryNode(v, "country")
	}
	o.done()
	return a
}

func readDocument(r *reader, n *yaml.Node) *model.Document {
	o := r.mapping(n, "document")
	if o == nil {
		return nil
	}
	d := &model.Document{Pos: r.pos(n)}
	d.ID = o.ident("id", true)
	d.Type = o.enum("type", true, DocumentTypes...)
	d.Title = o.text("title", true)
	d.Subtitle = o.text("subtitle", false)
	d.Version = o.str("version", true)
	d.Date = o.date("date", true)
	d.Classification = o.enum("classification", true, Classifications...)
	d.Reviewed = o.date("reviewed", false)
	d.ReviewInterval = o.interval("review_interval")
	if v := o.field("pages", false); v != nil {
		slots := PageSlots[d.Type.ID]
		if p := r.mapping(v, fmt.Sprintf("pages of document %q", d.ID.ID)); p != nil {
			for _, slot := range p.order {
				val := p.keys[slot]
				p.known = append(p.known, slot)
				if slots != nil && !contains(slots, slot) {
					msg := fmt.Sprintf("a %s document has no page slot %q", d.Type.ID, slot)
					if s := suggest(slot, slots); s != "" {
						msg += fmt.Sprintf(": did you mean %q?", s)
					} else {
						msg += "; its slots are: " + strings.Join(slots, ", ")
					}
					r.errorf(p.kpos[slot], "%s", msg)
					continue
				}
				ps := model.PageSlot{Slot: model.Ident{ID: slot, Pos: r.pos(p.kpos[slot])}}
				if ListSlots[slot] {
					for _, it := range r.seq(val, fmt.Sprintf("page slot %q", slot)) {
						if id := r.identNode(it, "page name"); id.ID != "" {
							ps.Pages = append(ps.Pages, model.Ref(id))
						}
					}
				} else if id := r.identNode(val, "page name"); id.ID != "" {
					ps.Pages = append(ps.Pages, model.Ref(id))
				}
				d.Pages = append(d.Pages, ps)
			}
		}
	}
	o.done()
	return d
}

func readCatalogue(r *reader, n *yaml.Node) model.Catalogue {
	c := model.Catalogue{Pos: r.pos(n)}
	o := r.mapping(n, "catalogue.yaml")
	if o == nil {
		return c
	}
	c.Goals = readEntries(r, o.field("goals", true), "protection goal")
	c.Threats = readEntries(r, o.field("threats", true), "threat")
	c.Requirements = readEntries(r, o.field("requirements", true), "requirement")
	if v := o.field("tom", true); v != nil {
		for _, it := range r.seq(v, "tom") {
			s := r.mapping(it, "TOM section")
			if s == nil {
				continue
			}
			sec := &model.TOMSection{Pos: r.pos(it)}
			sec.ID = s.ident("id", true)
			sec.Title = s.text("title", true)
			sec.Intro = s.text("intro", false)
			sec.SiteHeading = s.text("site_heading", false)
			if cv := s.field("categories", false); cv != nil {
				for _, ci := range r.seq(cv, "categories") {
					co := r.mapping(ci, "TOM category")
					if co == nil {
						continue
					}
					cat := &model.TOMCategory{Pos: r.pos(ci)}
					cat.ID = co.ident("id", true)
					cat.Title = co.text("title", true)
					cat.SiteHeading = co.text("site_heading", false)
					co.done()
					sec.Categories = append(sec.Categories, cat)
				}
			}
			s.done()
			c.TOM = append(c.TOM, sec)
		}
	}
	o.done()
	return c
}

func readEntries(r *reader, n *yaml.Node, what string) []*model.Entry {
	if n == nil {
		return nil
	}
	var out []*model.Entry
	for _, it := range r.seq(n, what+"s") {
		o := r.mapping(it, what)
		if o == nil {
			continue
		}
		e := &model.Entry{Pos: r.pos(it)}
		e.ID = o.ident("id", true)
		e.Title = o.text("title", true)
		o.done()
		out = append(out, e)
	}
	return out
}

func readVendor(r *reader, n *yaml.Node) *model.Vendor {
	o := r.mapping(n, "vendor")
	if o == nil {
		return nil
	}
	v := &model.Vendor{Pos: r.pos(n)}
	v.ID = o.ident("id", true)
	v.Name = o.str("name", true)
	v.LegalName = o.str("legal_name", true)
	v.Address = readAddress(r, o.field("address", true), "address of the vendor")
	v.Website = o.str("website", false)
	v.Statement = o.text("statement", false)
	if cv := o.field("certifications", false); cv != nil {
		for _, it := range r.seq(cv, "certifications") {
			co := r.mapping(it, "certification")
			if co == nil {
				continue
			}
			v.Certifications = append(v.Certifications, model.Certification{
				Name:       co.str("name", true),
				ValidUntil: co.date("valid_until", false),
				Pos:        r.pos(it),
			})
			co.done()
		}
	}
	v.Role = o.enum("role", true, VendorRoles...)
	v.Service = o.text("service", true)
	v.Data = o.text("data", false)
	if lv := o.field("locations", false); lv != nil {
		for _, it := range r.seq(lv, "locations") {
			if c := r.countryNode(it, "a location"); c.ID != "" {
				v.Locations = append(v.Locations, c)
			}
		}
	}
	v.DPA = o.boolean("dpa")
	v.Transfer = o.enum("transfer", false, Transfers...)
	v.TransferNote = o.text("transfer_note", false)
	o.done()
	return v
}

func readLocation(r *reader, n *yaml.Node) *model.Location {
	o := r.mapping(n, "site")
	if o == nil {
		return nil
	}
	l := &model.Location{Pos: r.pos(n)}
	l.ID = o.ident("id", true)
	l.Name = o.text("name", true)
	l.Kind = o.enum("kind", true, LocationKinds...)
	l.Vendor = o.ref("vendor", false)
	l.Address = readAddress(r, o.field("address", false), "address of the site")
	if v := o.field("components", false); v != nil {
		for _, it := range r.seq(v, "components of the site") {
			c := r.mapping(it, "component")
			if c == nil {
				continue
			}
			comp := model.Component{Pos: r.pos(it)}
			comp.ID = c.ident("id", true)
			comp.Name = c.text("name", true)
			c.done()
			l.Components = append(l.Components, comp)
		}
	}
	o.done()
	return l
}

// Connection kinds and protections of plan.yaml.
var (
	ConnectionKinds = []string{model.ConnInternet, model.ConnVPN, model.ConnLeasedLine, model.ConnLAN}
	Protections     = []string{"tls", "vpn", "ipsec", "ssh", "none"}
)

// readPlan reads plan.yaml: the staff's sites, the cloud services and the
// connections of the overview plan.
func readPlan(r *reader, n *yaml.Node) *model.Plan {
	o := r.mapping(n, "plan.yaml")
	if o == nil {
		return nil
	}
	p := &model.Plan{Pos: r.pos(n)}
	p.Staff = o.refs("staff", false)
	p.Services = o.refs("services", false)
	if v := o.field("connections", false); v != nil {
		for _, it := range r.seq(v, "connections of plan.yaml") {
			c := r.mapping(it, "connection")
			if c == nil {
				continue
			}
			conn := model.Connection{Pos: r.pos(it)}
			conn.From = c.ref("from", true)
			conn.To = c.ref("to", true)
			conn.Kind = c.enum("kind", false, ConnectionKinds...)
			if pv := c.field("protection", false); pv != nil {
				items := []*yaml.Node{pv}
				if pv.Kind == yaml.SequenceNode {
					items = r.seq(pv, "field \"protection\" of connection")
				}
				for _, x := range items {
					s := r.scalar(x, "a protection")
					if s == "" {
						continue
					}
					if !contains(Protections, s) {
						msg := fmt.Sprintf("%q is not a valid protection: use one of %s", s, strings.Join(Protections, ", "))
						if sg := suggest(s, Protections); sg != "" {
							msg = fmt.Sprintf("%q is not a valid protection: did you mean %q? (one of %s)", s, sg, strings.Join(Protections, ", "))
						}
						r.errorf(x, "%s", msg)
						continue
					}
					conn.Protection = append(conn.Protection, model.Ident{ID: s, Pos: r.pos(x)})
				}
			}
			conn.Label = c.text("label", false)
			c.done()
			p.Connections = append(p.Connections, conn)
		}
	}
	o.done()
	return p
}

func readMeasure(r *reader, n *yaml.Node) *model.Measure {
	o := r.mapping(n, "measure")
	if o == nil {
		return nil
	}
	m := &model.Measure{Pos: r.pos(n)}
	m.ID = o.ident("id", true)
	m.TOM = o.refs("tom", true)
	m.Sites = o.refs("sites", false)
	m.Text = o.text("text", true)
	o.done()
	return m
}

func readSubsystem(r *reader, n *yaml.Node) *model.Subsystem {
	o := r.mapping(n, "subsystem")
	if o == nil {
		return nil
	}
	s := &model.Subsystem{Pos: r.pos(n)}
	s.ID = o.ident("id", true)
	s.Title = o.text("title", true)
	s.Provider = o.ref("provider", false)
	s.Contractor = o.ref("contractor", false)
	s.Summary = o.text("summary", true)
	s.Description = o.text("description", true)
	s.Data = o.text("data", false)
	s.GoalsPos = o.keyPos("goals")
	if gv := o.field("goals", true); gv != nil {
		if g := r.mapping(gv, "goals"); g != nil {
			for _, goal := range g.order {
				g.known = append(g.known, goal)
				s.Goals = append(s.Goals, readGoalStatus(r, g.kpos[goal], g.keys[goal]))
			}
		}
	}
	s.DelegatedIntro = o.text("delegated_intro", false)
	s.NotOperationalNote = o.text("not_operational_note", false)
	s.ThreatsScope = o.text("threats_scope", false)
	s.Threats = o.refs("threats", true)
	s.Requirements = o.refs("requirements", true)
	s.MeasuresIntro = o.text("measures_intro", false)
	s.Measures = o.refs("measures", true)
	if rv := o.field("residual_risks", false); rv != nil {
		for _, it := range r.seq(rv, "residual_risks") {
			ro := r.mapping(it, "residual risk")
			if ro == nil {
				continue
			}
			s.ResidualRisks = append(s.ResidualRisks, model.ResidualRisk{
				Risk:       ro.text("risk", true),
				Acceptance: ro.text("acceptance", true),
				Pos:        r.pos(it),
			})
			ro.done()
		}
	}
	s.Verdict = o.text("verdict", false)
	s.Reviewed = o.date("reviewed", false)
	s.ReviewInterval = o.interval("review_interval")
	o.done()
	return s
}

// readGoalStatus reads "goal: status" or "goal: {status: …, reason: …}".
func readGoalStatus(r *reader, key, val *yaml.Node) model.GoalStatus {
	gs := model.GoalStatus{Goal: model.Ref(r.identNode(key, "protection goal"))}
	if val.Kind == yaml.ScalarNode {
		gs.Status = statusIdent(r, val)
		gs.Reason = model.Text{Pos: r.pos(val)}
		return gs
	}
	o := r.mapping(val, fmt.Sprintf("status of goal %q", key.Value))
	if o == nil {
		return gs
	}
	if sv := o.field("status", true); sv != nil {
		gs.Status = statusIdent(r, sv)
	}
	gs.Reason = o.text("reason", false)
	o.done()
	return gs
}

func statusIdent(r *reader, v *yaml.Node) model.Ident {
	s := r.scalar(v, "goal status")
	if s != "" && !contains(GoalStatuses, s) {
		msg := fmt.Sprintf("%q is not a goal status: use %s", s, diag.Or(diag.Quoted(GoalStatuses)))
		if sg := suggest(s, GoalStatuses); sg != "" {
			msg = fmt.Sprintf("%q is not a goal status: did you mean %q?", s, sg)
		}
		r.errorf(v, "%s", msg)
	}
	return model.Ident{ID: s, Pos: r.pos(v)}
}

// readLintConfig reads lint.yaml: lints the site turns off and the
// references to superseded law it adds to the theme's list.
func readLintConfig(r *reader, n *yaml.Node) model.LintConfig {
	c := model.LintConfig{Pos: r.pos(n)}
	o := r.mapping(n, "lint.yaml")
	if o == nil {
		return c
	}
	if v := o.field("disable", false); v != nil {
		for _, it := range r.seq(v, "disable") {
			if id := r.identNode(it, "lint name"); id.ID != "" {
				c.Disable = append(c.Disable, id)
			}
		}
	}
	if v := o.field("superseded_law", false); v != nil {
		for _, it := range r.seq(v, "superseded_law") {
			lo := r.mapping(it, "superseded-law rule")
			if lo == nil {
				continue
			}
			rule := model.LawRule{Pos: r.pos(it)}
			rule.Pattern = lawPattern(r, lo, "pattern", true)
			rule.NotFollowedBy = lawPattern(r, lo, "not_followed_by", false)
			rule.Old = lo.str("old", true)
			rule.New = lo.str("new", true)
			lo.done()
			if rule.Pattern != "" {
				c.SupersededLaw = append(c.SupersededLaw, rule)
			}
		}
	}
	if v := o.field("terminology", false); v != nil {
		for _, it := range r.seq(v, "terminology") {
			if lo := r.mapping(it, "terminology rule"); lo != nil {
				c.Terminology = append(c.Terminology, readTermRule(r, lo, it))
			}
		}
	}
	o.done()
	return c
}

// readTermRule reads a terminology rule of lint.yaml: a whole rule, or
// {id: …, off: true} to turn the theme's rule of that ID off.
func readTermRule(r *reader, o *obj, n *yaml.Node) model.TermRule {
	t := model.TermRule{Pos: r.pos(n), ID: o.str("id", true), Off: o.boolean("off")}
	t.Wrong = lawPattern(r, o, "wrong", !t.Off)
	t.Source = lawPattern(r, o, "source", false)
	t.Preferred = o.str("preferred", !t.Off)
	t.Reason = o.str("reason", false)
	t.Context = o.str("context", false)
	t.Lang = o.str("lang", false)
	o.done()
	return t
}

// lawPattern reads a regular expression (RE2 syntax) and checks it compiles.
func lawPattern(r *reader, o *obj, key string, required bool) string {
	v := o.field(key, required)
	if v == nil {
		return ""
	}
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s == "" {
		return ""
	}
	if _, err := regexp.Compile(s); err != nil {
		r.errorf(v, "field %q is not a valid regular expression: %s", key, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return ""
	}
	return s
}
