package model

import "sync"

// Localize resolves a validated site into one language. It must only be
// called on a site without validation errors: unknown references are skipped.
// While Memoize holds for s, each language is resolved once and the result
// shared: callers must not modify it.
func Localize(s *Site, lang string) *Resolved {
	if m, ok := memos.Load(s); ok {
		return m.(*memo).get(s, lang)
	}
	return localize(s, lang)
}

// Memoize makes Localize resolve each language of s only once, until done
// is called; s must not change in between. A build holds it from after
// validation to the end: templates, PDFs, model.json and every HTML page
// resolve the same site.
func Memoize(s *Site) (done func()) {
	if _, held := memos.LoadOrStore(s, &memo{langs: map[string]*memoLang{}}); held {
		return func() {} // the outer Memoize lets go
	}
	return func() { memos.Delete(s) }
}

// memos holds a *memo per *Site under Memoize. A map rather than a field of
// Site, whose definition is not for this cache to change.
var memos sync.Map

type memo struct {
	mu    sync.Mutex
	langs map[string]*memoLang
}

type memoLang struct {
	once sync.Once
	r    *Resolved
}

func (m *memo) get(s *Site, lang string) *Resolved {
	m.mu.Lock()
	l := m.langs[lang]
	if l == nil {
		l = &memoLang{}
		m.langs[lang] = l
	}
	m.mu.Unlock()
	l.once.Do(func() { l.r = localize(s, lang) })
	return l.r
}

func localize(s *Site, lang string) *Resolved {
	r := &Resolved{Lang: lang, Languages: s.LangIDs(), BaseURL: s.BaseURL, Pages: map[string]RPage{}}
	org := s.Organisation
	r.Organisation = ROrganisation{
		Name: org.Name, ShortName: org.ShortName, Address: address(org.Address),
		Phone: org.Phone, Email: org.Email, Website: org.Website,
		Court: org.Register.Court, Register: org.Register.Number, Management: org.Management,
	}
	r.People = RPeople{
		SecurityOfficer: person(s.People.SecurityOfficer),
		DPO:             person(s.People.DPO),
		EUContact:       person(s.People.EUContact),
	}
	for _, k := range RoleKeys {
		if t, ok := s.People.Roles[k]; ok && t.Get(lang) != "" {
			if r.People.Roles == nil {
				r.People.Roles = map[string]string{}
			}
			r.People.Roles[k] = t.Get(lang)
		}
	}
	if c := s.Contract; c.Set {
		r.Contract = &RContract{Title: c.Title.Get(lang), Date: c.Date.Value, Version: c.Version}
	}
	if o := s.Objections; o.Set {
		r.Objections = &RObjections{Email: o.Email, Address: address(o.Address), NoticeDays: o.NoticeDays}
		if o.Address.City == "" {
			r.Objections.Address = r.Organisation.Address
		}
	}
	for _, d := range s.Documents {
		rd := RDocument{
			ID: d.ID.ID, Type: d.Type.ID, Title: d.Title.Get(lang), Subtitle: d.Subtitle.Get(lang),
			Version: d.Version, Date: d.Date.Value, Classification: d.Classification.ID,
			Reviewed: d.Reviewed.Value, Cover: orAuto(d.Cover.ID), TOC: orAuto(d.TOC.ID), Effective: d.Effective,
		}
		if o := d.TOM; d.Type.ID == DocTOMs && o.Pos.File != "" {
			rd.TOM = &RTOMOptions{Heading: o.Heading.Get(lang), NoHeading: o.NoHeading, Numbering: o.Numbering, Layout: o.Layout.ID, States: o.States.ID}
		}
		// A security concept always closes with the declaration of TKG
		// § 166(3); declaration: says who, when and where, else the
		// management on the document's date at the organisation's seat.
		if dc := d.Declaration; dc.Set || d.Type.ID == DocSecurityConcept {
			rd.Declaration = &RDeclaration{By: dc.By, Date: dc.Date.Value, Place: dc.Place}
			if rd.Declaration.Date == "" {
				rd.Declaration.Date = d.Date.Value
			}
			if len(rd.Declaration.By) == 0 {
				rd.Declaration.By = org.Management
			}
			if rd.Declaration.Place == "" {
				rd.Declaration.Place = org.Address.City
			}
		}
		if rd.Effective == "" {
			rd.Effective = rd.Date
		}
		for _, slot := range d.Pages {
			if rd.Pages == nil {
				rd.Pages = map[string][]string{}
			}
			rd.Pages[slot.Slot.ID] = refIDs(slot.Pages)
		}
		r.Documents = append(r.Documents, rd)
	}
	goals := entries(s.Catalogue.Goals, lang)
	r.Goals = goals
	r.Threats = entries(s.Catalogue.Threats, lang)
	r.Requirements = entries(s.Catalogue.Requirements, lang)
	for _, sec := range s.Catalogue.TOM {
		r.TOM = append(r.TOM, RTOMSection{RTOMNode: tomNode(&sec.TOMNode, lang), Categories: tomCategories(sec.Categories, lang)})
	}
	r.index = map[string]RVendor{}
	for _, v := range s.Vendors {
		rv := RVendor{
			ID: v.ID.ID, Name: v.Name, LegalName: v.LegalName, Address: address(v.Address), Website: v.Website,
			Statement: v.Statement.Get(lang), Role: v.Role.ID, Service: v.Service.Get(lang), Data: v.Data.Get(lang),
			DPA: v.DPA, TransferNote: v.TransferNote.Get(lang),
			TIA: v.TIA, DataSubjects: v.DataSubjects.Get(lang), DPADate: v.DPADate.Value,
			DPAReference: v.DPAReference, SubprocessorList: v.SubprocessorList, SupportAccess: identIDs(v.SupportAccess),
		}
		for _, t := range v.Transfers {
			rv.Transfers = append(rv.Transfers, RTransfer{Basis: t.Basis.ID, Decision: t.Decision, Module: t.Module})
		}
		for _, c := range v.Certifications {
			rv.Certifications = append(rv.Certifications, RCertification{
				Name: c.Name, Kind: c.Kind.ID, Scope: c.Scope.Get(lang), Edition: c.Edition, ValidUntil: c.ValidUntil.Value, Link: c.Link,
			})
		}
		for _, l := range v.Locations {
			rv.Locations = append(rv.Locations, l.ID)
		}
		r.Vendors = append(r.Vendors, rv)
		r.index[rv.ID] = rv
	}
	for _, l := range s.Locations {
		rl := RLocation{ID: l.ID.ID, Name: l.Name.Get(lang), Kind: l.Kind.ID, Vendor: l.Vendor.ID}
		if l.Address.City != "" {
			a := address(l.Address)
			rl.Address = &a
		}
		rl.Components = localizeComponents(l.Components, lang)
		r.Sites = append(r.Sites, rl)
	}
	measures := map[string]RMeasure{}
	for _, m := range s.Measures {
		rm := RMeasure{ID: m.ID.ID, TOM: refIDs(m.TOM), Sites: refIDs(m.Sites), Kind: m.Kind.ID, State: m.State.ID, Title: m.Title.Get(lang), Text: m.Text.Get(lang)}
		r.Measures = append(r.Measures, rm)
		measures[rm.ID] = rm
	}
	for _, sub := range s.Subsystems {
		r.Subsystems = append(r.Subsystems, r.subsystem(s, sub, lang, measures))
	}
	for _, p := range s.Pages {
		if p.Lang == lang {
			r.Pages[p.Name] = RPage{Name: p.Name, Title: p.Title, Body: p.Body}
		}
	}
	r.Plan = localizePlan(s.Plan, lang)
	return r
}

func (r *Resolved) subsystem(s *Site, sub *Subsystem, lang string, measures map[string]RMeasure) RSubsystem {
	rs := RSubsystem{
		ID: sub.ID.ID, Title: sub.Title.Get(lang), Summary: sub.Summary.Get(lang),
		Description: sub.Description.Get(lang), Data: sub.Data.Get(lang),
		DelegatedIntro: sub.DelegatedIntro.Get(lang), NotOperationalNote: sub.NotOperationalNote.Get(lang),
		ThreatsScope: sub.ThreatsScope.Get(lang), MeasuresIntro: sub.MeasuresIntro.Get(lang), Verdict: sub.Verdict.Get(lang),
		Reviewed: sub.Reviewed.Value,
	}
	if v, ok := r.index[sub.Provider.ID]; ok {
		rs.Provider = &v
	}
	if v, ok := r.index[sub.Contractor.ID]; ok {
		rs.Contractor = &v
	}
	// Goals in catalogue order, so every chapter lists them alike.
	status := map[string]GoalStatus{}
	for _, g := range sub.Goals {
		status[g.Goal.ID] = g
	}
	for _, g := range s.Catalogue.Goals {
		if st, ok := status[g.ID.ID]; ok {
			rs.Goals = append(rs.Goals, RGoal{ID: g.ID.ID, Title: g.Title.Get(lang), Status: st.Status.ID, Reason: st.Reason.Get(lang)})
		}
	}
	rs.Threats = pick(r.Threats, sub.Threats)
	rs.Requirements = pick(r.Requirements, sub.Requirements)
	for _, m := range sub.Measures {
		if rm, ok := measures[m.ID]; ok {
			rs.Measures = append(rs.Measures, rm)
		}
	}
	for _, rr := range sub.ResidualRisks {
		rs.ResidualRisks = append(rs.ResidualRisks, RRisk{Risk: rr.Risk.Get(lang), Acceptance: rr.Acceptance.Get(lang)})
	}
	return rs
}

// pick returns the entries named by refs, in the order of refs.
func pick(all []REntry, refs []Ref) []REntry {
	byID := map[string]REntry{}
	for _, e := range all {
		byID[e.ID] = e
	}
	var out []REntry
	for _, ref := range refs {
		if e, ok := byID[ref.ID]; ok {
			out = append(out, e)
		}
	}
	return out
}

func entries(es []*Entry, lang string) []REntry {
	out := make([]REntry, 0, len(es))
	for _, e := range es {
		out = append(out, REntry{ID: e.ID.ID, Title: e.Title.Get(lang)})
	}
	return out
}

func refIDs(refs []Ref) []string {
	if len(refs) == 0 {
		return nil
	}
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

func identIDs(ids []Ident) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.ID
	}
	return out
}

func address(a Address) RAddress {
	return RAddress{Street: a.Street, Postcode: a.Postcode, City: a.City, Country: a.Country.ID}
}

func person(p Person) *RPerson {
	if !p.Set {
		return nil
	}
	return &RPerson{Name: p.Name, Phone: p.Phone, Email: p.Email}
}

func tomNode(n *TOMNode, lang string) RTOMNode {
	return RTOMNode{
		ID: n.ID.ID, Title: n.Title.Get(lang), Intro: n.Intro.Get(lang), Note: n.Note.Get(lang),
		SiteHeading: n.SiteHeading.Get(lang), Status: n.Status.ID, Reason: n.Reason.Get(lang),
		Layout: n.Layout.ID, Order: refIDs(n.Order), Control: n.Control.ID,
	}
}

func tomCategories(cats []*TOMCategory, lang string) []RTOMCategory {
	var out []RTOMCategory
	for _, c := range cats {
		out = append(out, RTOMCategory{RTOMNode: tomNode(&c.TOMNode, lang), Categories: tomCategories(c.Categories, lang)})
	}
	return out
}

// orAuto is a cover or toc setting, auto when none is written (a release
// snapshot records it, so that its PDFs are set the same way again).
func orAuto(s string) string {
	if s == "" {
		return FurnitureAuto
	}
	return s
}
