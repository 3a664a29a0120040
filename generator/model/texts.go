package model

import (
	"fmt"
	"strings"
)

// TextField is one human-readable text of a site, as the validator, the
// translator exchange and the lints see it.
type TextField struct {
	Text *Text
	// Unit is the field's stable ID in translation files:
	// kind.ID.field, e.g. "measure.access-rights-documented.text" or
	// "subsystem.darz.residual_risks.1.risk". It survives reordering and
	// moving an entity to another file; it changes when an ID is renamed.
	Unit     string
	What     string // names it in a message: `the text of measure "x"`
	Markdown bool   // the field may hold Markdown
}

// PageUnit is the translation unit ID of a page: "page.NAME".
func PageUnit(name string) string { return "page." + name }

// Texts lists every text field of the site (set or not), in a fixed order:
// documents, catalogue, vendors, sites, measures, subsystems, plan.
func Texts(s *Site) []TextField {
	var out []TextField
	add := func(t *Text, unit, what string, md bool) {
		out = append(out, TextField{Text: t, Unit: unit, What: what, Markdown: md})
	}
	for _, k := range RoleKeys {
		if t, ok := s.People.Roles[k]; ok {
			add(&t, "site.people.roles."+k, fmt.Sprintf("the name of the role %q", k), false)
		}
	}
	if s.Contract.Set {
		add(&s.Contract.Title, "site.contract.title", "the title of the contract", false)
	}
	for _, c := range s.Contacts {
		add(&c.Label, "site.contacts."+c.Role.ID+".label", fmt.Sprintf("the label of the contact %q", c.Role.ID), false)
	}
	for _, a := range s.Attachments {
		add(&a.Title, "site.attachments."+strings.TrimPrefix(a.File, "attachments/")+".title", fmt.Sprintf("the title of the attachment %s", a.File), false)
	}
	for _, d := range s.Documents {
		owner := fmt.Sprintf("document %q", d.ID.ID)
		u := "document." + d.ID.ID + "."
		add(&d.Title, u+"title", "the title of "+owner, false)
		add(&d.Subtitle, u+"subtitle", "the subtitle of "+owner, false)
		add(&d.TOM.Heading, u+"tom.heading", "the TOM heading of "+owner, false)
	}
	entries := func(kind, unit string, es []*Entry) {
		for _, e := range es {
			add(&e.Title, unit+"."+e.ID.ID+".title", fmt.Sprintf("the title of %s %q", kind, e.ID.ID), false)
		}
	}
	entries("protection goal", "goal", s.Catalogue.Goals)
	entries("threat", "threat", s.Catalogue.Threats)
	entries("requirement", "requirement", s.Catalogue.Requirements)
	for _, at := range s.Catalogue.TOMNodes() {
		n := at.Node
		kind := [...]string{"TOM section", "TOM category", "TOM sub-category"}[min(at.Depth, 2)]
		owner := fmt.Sprintf("%s %q", kind, n.ID.ID)
		u := "tom." + n.ID.ID + "."
		add(&n.Title, u+"title", "the title of "+owner, false)
		add(&n.Intro, u+"intro", "the intro of "+owner, true)
		add(&n.Note, u+"note", "the note of "+owner, true)
		add(&n.SiteHeading, u+"site_heading", "the site_heading of "+owner, false)
		add(&n.Reason, u+"reason", "the reason of "+owner, true)
	}
	for _, v := range s.Vendors {
		owner := fmt.Sprintf("vendor %q", v.ID.ID)
		u := "vendor." + v.ID.ID + "."
		add(&v.Statement, u+"statement", "the statement of "+owner, false)
		add(&v.Service, u+"service", "the service of "+owner, false)
		add(&v.Data, u+"data", "the data of "+owner, false)
		add(&v.TransferNote, u+"transfer_note", "the transfer_note of "+owner, false)
		add(&v.DataSubjects, u+"data_subjects", "the data_subjects of "+owner, false)
		for i := range v.Certifications {
			c := &v.Certifications[i]
			add(&c.Scope, fmt.Sprintf("%scertifications.%d.scope", u, i+1), fmt.Sprintf("the scope of certification %q of %s", c.Name, owner), false)
		}
	}
	for _, l := range s.Locations {
		add(&l.Name, "site."+l.ID.ID+".name", fmt.Sprintf("the name of site %q", l.ID.ID), false)
		for i := range l.Components {
			c := &l.Components[i]
			add(&c.Name, "site."+l.ID.ID+".components."+c.ID.ID+".name",
				fmt.Sprintf("the name of component %q of site %q", c.ID.ID, l.ID.ID), false)
		}
	}
	for _, m := range s.Measures {
		add(&m.Title, "measure."+m.ID.ID+".title", fmt.Sprintf("the title of measure %q", m.ID.ID), false)
		add(&m.Text, "measure."+m.ID.ID+".text", fmt.Sprintf("the text of measure %q", m.ID.ID), true)
	}
	for _, sub := range s.Subsystems {
		owner := fmt.Sprintf("subsystem %q", sub.ID.ID)
		u := "subsystem." + sub.ID.ID + "."
		add(&sub.Title, u+"title", "the title of "+owner, false)
		add(&sub.Summary, u+"summary", "the summary of "+owner, true)
		add(&sub.Description, u+"description", "the description of "+owner, true)
		add(&sub.Data, u+"data", "the data of "+owner, true)
		for i := range sub.Goals {
			g := &sub.Goals[i]
			add(&g.Reason, u+"goals."+g.Goal.ID+".reason", fmt.Sprintf("the reason for goal %q of %s", g.Goal.ID, owner), false)
		}
		add(&sub.DelegatedIntro, u+"delegated_intro", "the delegated_intro of "+owner, true)
		add(&sub.NotOperationalNote, u+"not_operational_note", "the not_operational_note of "+owner, true)
		add(&sub.ThreatsScope, u+"threats_scope", "the threats_scope of "+owner, false)
		add(&sub.MeasuresIntro, u+"measures_intro", "the measures_intro of "+owner, true)
		for i := range sub.ResidualRisks {
			r := &sub.ResidualRisks[i]
			n := fmt.Sprint(i + 1)
			add(&r.Risk, u+"residual_risks."+n+".risk", fmt.Sprintf("residual risk %d of %s", i+1, owner), false)
			add(&r.Acceptance, u+"residual_risks."+n+".acceptance", fmt.Sprintf("the acceptance of residual risk %d of %s", i+1, owner), true)
		}
		add(&sub.Verdict, u+"verdict", "the verdict of "+owner, false)
	}
	if s.Plan != nil {
		for i := range s.Plan.Connections {
			c := &s.Plan.Connections[i]
			n := fmt.Sprint(i + 1)
			add(&c.Label, "plan.connections."+n+".label", fmt.Sprintf("the label of connection %d in plan.yaml", i+1), false)
		}
	}
	return out
}
