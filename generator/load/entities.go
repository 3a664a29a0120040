package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// Allowed values of the enumerated fields.
var (
	DocumentTypes   = []string{model.DocSecurityConcept, model.DocTOMs, model.DocSubprocessors, model.DocProcessing}
	Classifications = []string{"public", "internal", "confidential", "strictly-confidential"}
	VendorRoles     = []string{model.RoleSubprocessor, model.RoleController, model.RoleProcessorOwnData}
	Transfers       = []string{model.TransferNone, model.TransferAdequacy, model.TransferSCC, model.TransferDPF}
	CertKinds       = []string{model.CertCertificate, model.CertReport}
	// SCCModules are the modules of the Standard Contractual Clauses
	// (Decision 2021/914): 1 controller → controller, 2 controller →
	// processor, 3 processor → processor, 4 processor → controller.
	SCCModules    = []string{"1", "2", "3", "4"}
	LocationKinds = []string{model.LocationDataCentre, model.LocationOffice, model.LocationCloudRegion}
	GoalStatuses  = []string{model.GoalRelevant, model.GoalNotRelevant, model.GoalDelegated, model.GoalNotOperational}
	// PageSlots are the named places of each document type that take pages;
	// the slots that take a list are marked in ListSlots.
	PageSlots = map[string][]string{
		model.DocSecurityConcept: {"intro", "plans", "sections", "overview", "assessment"},
		model.DocTOMs:            {"preamble"},
		model.DocSubprocessors:   {"intro", "terms"},
		model.DocProcessing:      {"subject", "purpose", "data", "sensitive"},
	}
	ListSlots = map[string]bool{"sections": true}

	Furniture     = []string{model.FurnitureAuto, model.FurnitureOn, model.FurnitureOff}
	TOMStatuses   = []string{model.TOMApplies, model.TOMNotApplicable, model.TOMController}
	Layouts       = []string{model.LayoutList, model.LayoutColumns}
	States        = []string{model.StatesNone, model.StatesBoxes, model.StatesChecks, model.StatesWords}
	MeasureKinds  = []string{model.KindTechnical, model.KindOrganisational}
	MeasureStates = []string{model.StateImplemented, model.StatePlanned, model.StateNotImplemented}
	// Controls are the canonical controls of Art. 32 (docs/content-model.md).
	Controls = []string{"physical-access", "system-access", "data-access", "separation", "pseudonymisation",
		"encryption", "transfer", "input", "availability", "resilience", "recoverability", "review",
		"contractor", "erasure"}
	// NumberingPresets name common numberings of Anlage 1, per level.
	NumberingPresets = map[string][]string{
		"paragraph": {"({n})", "{a})", "{aa})"},
		"decimal":   {"{1}.", "{1}.{2}", "{1}.{2}.{3}"},
		"tom":       {"TOM {n}", "{a})", "{aa})"},
		"none":      {"", "", ""},
	}
	// Placeholders of a numbering pattern: this level's counter as a
	// number, letter, capital, doubled letter or Roman numeral, or the
	// counter of level 1, 2 or 3.
	Placeholders = []string{"{n}", "{a}", "{A}", "{aa}", "{i}", "{1}", "{2}", "{3}"}
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
	o.strs("audiences", false) // read first, by readAudiences
	site.BaseURL = o.url("base_url")
	site.ReviewInterval = o.interval("review_interval")
	if v := o.field("organisation", true); v != nil {
		site.Organisation = readOrganisation(r, v)
	}
	if v := o.field("people", false); v != nil {
		if p := r.mapping(v, "people"); p != nil {
			site.People.SecurityOfficer = readPerson(r, p.field("security_officer", false), "security_officer")
			site.People.DPO = readPerson(r, p.field("dpo", false), "dpo")
			site.People.EUContact = readPerson(r, p.field("eu_contact", false), "eu_contact")
			if rv := p.field("roles", false); rv != nil {
				if ro := r.mapping(rv, "roles"); ro != nil {
					site.People.Roles = map[string]model.Text{}
					for _, k := range model.RoleKeys {
						if t := ro.text(k, false); t.Set {
							site.People.Roles[k] = t
						}
					}
					ro.done()
				}
			}
			p.done()
		}
	}
	if v := o.field("contract", false); v != nil {
		site.Contract = readContract(r, v)
	}
	// objections: is the shape the release format shares (Art. 28(2) GDPR).
	if v := o.field("objections", false); v != nil {
		site.Objections = readObjections(r, v)
	}
	if v := o.field("contacts", false); v != nil {
		site.Contacts = readContacts(r, v)
	}
	if v := o.field("legal", false); v != nil {
		site.Legal = readLegal(r, v)
	}
	if v := o.field("security_txt", false); v != nil {
		site.SecurityTxt = readSecurityTxt(r, v)
	}
	if v := o.field("attachments", false); v != nil {
		site.Attachments = readAttachments(r, v)
	}
	site.ReleaseKey = o.str("release_key", false)
	if v := o.field("documents", true); v != nil {
		for _, it := range r.seq(v, "documents") {
			if d := readDocument(r, it); d != nil {
				site.Documents = append(site.Documents, d)
			}
		}
	}
	o.done()
}

func readContract(r *reader, n *yaml.Node) model.Contract {
	c := model.Contract{Pos: r.pos(n), Set: true}
	o := r.mapping(n, "contract")
	if o == nil {
		return c
	}
	c.Title = o.text("title", true)
	c.Date = o.date("date", true)
	c.Version = o.str("version", false)
	o.done()
	return c
}

func readDeclaration(r *reader, n *yaml.Node) model.Declaration {
	d := model.Declaration{Pos: r.pos(n), Set: true}
	o := r.mapping(n, "declaration")
	if o == nil {
		return d
	}
	d.By = o.strs("by", false)
	d.Date = o.date("date", false)
	d.Place = o.str("place", false)
	o.done()
	return d
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
	org.Email = o.email("email")
	org.Website = o.url("website")
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

// readObjections reads where customers object (Art. 28(2) GDPR).
func readObjections(r *reader, n *yaml.Node) model.Objections {
	ob := model.Objections{Pos: r.pos(n), Set: true}
	o := r.mapping(n, "objections")
	if o == nil {
		return ob
	}
	ob.Email = o.email("email")
	if ob.Email == "" && o.keys["email"] == nil {
		r.errorf(n, "objections is missing the required field \"email\": the address customers send an objection to")
	}
	ob.Address = readAddress(r, o.field("address", false), "address to object to")
	if v := o.field("notice_days", false); v != nil {
		days, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || days < 1 || days > 365 {
			r.errorf(v, "notice_days is %q: write the notice period in days, a whole number from 1 to 365, e.g. notice_days: 30", v.Value)
		}
		ob.NoticeDays = days
	}
	o.done()
	return ob
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
	p.Email = o.email("email")
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
	d.Version = o.str("version", false)
	d.Date = o.date("date", true)
	d.Classification = o.enum("classification", false, Classifications...)
	d.Reviewed = o.date("reviewed", false)
	d.ReviewInterval = o.interval("review_interval")
	d.Cover = o.enum("cover", false, Furniture...)
	d.TOC = o.enum("toc", false, Furniture...)
	if v := o.field("tom", false); v != nil {
		if d.Type.ID != model.DocTOMs {
			r.errorf(o.kpos["tom"], "only a toms document has a tom: block (this one is a %s document)", d.Type.ID)
		} else {
			d.TOM = readTOMOptions(r, v)
		}
	}
	if v := o.field("declaration", false); v != nil {
		d.Declaration = readDeclaration(r, v)
		if d.Type.ID != "" && d.Type.ID != model.DocSecurityConcept {
			r.errorf(v, "only a security concept has a declaration (TKG § 166(3)): remove it from this %s document", d.Type.ID)
		}
	}
	if v := o.field("slug", false); v != nil {
		readSlug(r, v, d)
	}
	if v := o.field("pages", false); v != nil {
		slots := PageSlots[d.Type.ID]
		active.mark(v, "open") // slot names depend on the type
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
			sec := &model.TOMSection{}
			if !readTOMNode(r, it, "TOM section", &sec.TOMNode, func(o *obj) {
				sec.Categories = readTOMCategories(r, o, 1)
			}) {
				continue
			}
			c.TOM = append(c.TOM, sec)
		}
	}
	o.done()
	return c
}

// readTOMCategories reads the categories: of a section (depth 1) or of a
// category (depth 2, the sub-categories, which have none).
func readTOMCategories(r *reader, o *obj, depth int) []*model.TOMCategory {
	cv := o.field("categories", false)
	if cv == nil {
		return nil
	}
	if depth > 2 {
		r.errorf(o.kpos["categories"], "a TOM sub-category has no categories: Anlage 1 has three levels (section, category, sub-category)")
		return nil
	}
	what := [...]string{"", "TOM category", "TOM sub-category"}[depth]
	var out []*model.TOMCategory
	for _, ci := range r.seq(cv, "categories") {
		cat := &model.TOMCategory{}
		if readTOMNode(r, ci, what, &cat.TOMNode, func(co *obj) {
			cat.Categories = readTOMCategories(r, co, depth+1)
		}) {
			out = append(out, cat)
		}
	}
	return out
}

// readTOMNode reads the fields every level of Anlage 1 has; more reads the
// level's own (its categories).
func readTOMNode(r *reader, n *yaml.Node, what string, t *model.TOMNode, more func(*obj)) bool {
	o := r.mapping(n, what)
	if o == nil {
		return false
	}
	t.Pos = r.pos(n)
	t.ID = o.ident("id", true)
	t.Title = o.text("title", true)
	t.Intro = o.text("intro", false)
	t.Note = o.text("note", false)
	t.SiteHeading = o.text("site_heading", false)
	t.Status = o.enum("status", false, TOMStatuses...)
	t.Reason = o.text("reason", false)
	t.Layout = o.enum("layout", false, Layouts...)
	t.Control = o.enum("control", false, Controls...)
	if v := o.field("order", false); v != nil {
		for _, it := range r.seq(v, "order") {
			s := r.scalar(it, "an entry of order")
			if s == "" {
				continue
			}
			id := strings.TrimPrefix(s, "site:")
			if !ValidID(id) {
				r.errorf(it, "%q in order is neither a measure id, note nor site:ID", s)
				continue
			}
			t.Order = append(t.Order, model.Ref{ID: s, Pos: r.pos(it)})
		}
	}
	more(o)
	o.done()
	return true
}

// readTOMOptions reads the tom: block of a toms document.
func readTOMOptions(r *reader, n *yaml.Node) model.TOMOptions {
	opts := model.TOMOptions{Pos: r.pos(n)}
	o := r.mapping(n, "tom block of the document")
	if o == nil {
		return opts
	}
	if v := o.field("heading", false); v != nil {
		if v.Kind == yaml.ScalarNode && v.Value == "none" {
			active.constrain(v, "", []string{"none"}) // for the schema: a text or "none"
			opts.NoHeading = true
		} else {
			opts.Heading = r.textNode(v, `field "heading" of the tom block`)
		}
	}
	if v := o.field("numbering", false); v != nil {
		if v.Kind == yaml.ScalarNode {
			s := r.scalar(v, "numbering")
			if p, ok := NumberingPresets[s]; ok {
				opts.Numbering = p
			} else {
				r.errorf(v, "%q is not a numbering: use one of %s, or a list of patterns per level, e.g. [\"({n})\", \"{a})\"]", s, strings.Join(sortedKeys(NumberingPresets), ", "))
			}
		} else {
			items := r.seq(v, "numbering")
			if len(items) > 3 {
				r.errorf(v, "numbering has %d levels: Anlage 1 has three (section, category, sub-category)", len(items))
			}
			for _, it := range items {
				if it.Kind != yaml.ScalarNode {
					r.errorf(it, "a numbering pattern must be text, e.g. \"{n}.\"")
					continue
				}
				if bad := badPattern(it.Value); bad != "" {
					r.errorf(it, "numbering pattern %q has the unknown placeholder %s: use {n}, {a}, {A}, {aa}, {i}, {1}, {2} or {3}", it.Value, bad)
				}
				opts.Numbering = append(opts.Numbering, it.Value)
			}
		}
	}
	opts.Layout = o.enum("layout", false, Layouts...)
	opts.States = o.enum("states", false, States...)
	o.done()
	return opts
}

// badPattern returns the first unknown {placeholder} of a numbering pattern.
func badPattern(p string) string {
	for _, m := range placeholder.FindAllString(p, -1) {
		if !contains(Placeholders, m) {
			return m
		}
	}
	return ""
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

func sortedKeys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return sortedCopy(out)
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
	v.Website = o.url("website")
	v.Statement = o.text("statement", false)
	if cv := o.field("certifications", false); cv != nil {
		for _, it := range r.seq(cv, "certifications") {
			co := r.mapping(it, "certification")
			if co == nil {
				continue
			}
			v.Certifications = append(v.Certifications, model.Certification{
				Name:       co.str("name", true),
				Kind:       co.enum("kind", false, CertKinds...),
				Scope:      co.text("scope", false),
				Edition:    co.str("edition", false),
				ValidUntil: co.date("valid_until", false),
				Link:       co.str("link", false),
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
	v.DataSubjects = o.text("data_subjects", false)
	if sv := o.field("support_access", false); sv != nil {
		for _, it := range r.seq(sv, "support_access") {
			if c := r.countryNode(it, "a country of support access"); c.ID != "" {
				v.SupportAccess = append(v.SupportAccess, c)
			}
		}
	}
	v.DPAPos = o.keyPos("dpa")
	v.DPA = o.boolean("dpa")
	// A subprocessor may only be engaged under a contract that passes on
	// the processor's obligations (Art. 28(4) GDPR): Anlage 2 lists none
	// without one. (A dpa that is not true or false was reported above.)
	if dv := o.keys["dpa"]; v.Role.ID == model.RoleSubprocessor && !v.DPA && (dv == nil || dv.Tag == "!!bool") {
		r.errs.Errorf(v.DPAPos, "vendor %q is a subprocessor but has no data processing agreement: conclude one (Art. 28(4) GDPR) and write dpa: true, or give it another role (controller, processor-own-data)", v.ID.ID)
	}
	v.DPADate = o.date("dpa_date", false)
	v.DPAReference = o.str("dpa_reference", false)
	v.Transfers = readTransfers(r, o.field("transfer", false))
	v.TransferNote = o.text("transfer_note", false)
	v.TIA = o.boolean("tia")
	v.SubprocessorList = o.str("subprocessor_list", false)
	o.done()
	return v
}

// readTransfers reads a vendor's transfer bases: one name (transfer: scc,
// the form of older content), or a list of names or of mappings
// ({basis: scc, module: "3", decision: 2021/914}).
func readTransfers(r *reader, n *yaml.Node) []model.Transfer {
	if n == nil {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = r.seq(n, "field \"transfer\" of vendor")
	}
	var out []model.Transfer
	for _, it := range items {
		t := model.Transfer{Pos: r.pos(it)}
		if it.Kind == yaml.MappingNode {
			o := r.mapping(it, "transfer basis")
			t.Basis = o.enum("basis", true, Transfers...)
			t.Decision = o.str("decision", false)
			if mv := o.field("module", false); mv != nil {
				t.Module = r.scalar(mv, "field \"module\" of transfer basis")
				switch {
				case t.Module != "" && !contains(SCCModules, t.Module):
					r.errorf(mv, "SCC module %q does not exist: the clauses of Decision 2021/914 have modules 1 to 4 (3 = processor to processor)", t.Module)
				case t.Basis.ID != "" && t.Basis.ID != model.TransferSCC:
					r.errorf(mv, "only the Standard Contractual Clauses have modules: remove module, or write basis: scc")
				}
			}
			o.done()
		} else {
			t.Basis = transferName(r, it)
		}
		if t.Basis.ID != "" {
			out = append(out, t)
		}
	}
	return out
}

func transferName(r *reader, v *yaml.Node) model.Ident {
	s := r.scalar(v, "a transfer basis")
	if s != "" && !contains(Transfers, s) {
		msg := fmt.Sprintf("%q is not a valid transfer basis: use one of %s", s, strings.Join(Transfers, ", "))
		if sg := suggest(s, Transfers); sg != "" {
			msg = fmt.Sprintf("%q is not a valid transfer basis: did you mean %q? (one of %s)", s, sg, strings.Join(Transfers, ", "))
		}
		r.errorf(v, "%s", msg)
		return model.Ident{Pos: r.pos(v)}
	}
	return model.Ident{ID: s, Pos: r.pos(v)}
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
	m.Kind = o.enum("kind", false, MeasureKinds...)
	m.State = o.enum("state", false, MeasureStates...)
	m.TOMsOnly = o.boolean("toms_only")
	m.Title = o.text("title", false)
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
		active.mark(gv, "open") // keys are the catalogue's goals
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
