package validate

import (
	"fmt"

	"trustdocs/generator/model"
)

// eachText calls fn for every human-readable text of the site, with words
// that name it in a message ("title of subsystem \"darz\"").
func eachText(s *model.Site, fn func(t model.Text, what string)) {
	for _, d := range s.Documents {
		owner := fmt.Sprintf("document %q", d.ID.ID)
		fn(d.Title, "the title of "+owner)
		fn(d.Subtitle, "the subtitle of "+owner)
	}
	entries := func(kind string, es []*model.Entry) {
		for _, e := range es {
			fn(e.Title, fmt.Sprintf("the title of %s %q", kind, e.ID.ID))
		}
	}
	entries("protection goal", s.Catalogue.Goals)
	entries("threat", s.Catalogue.Threats)
	entries("requirement", s.Catalogue.Requirements)
	for _, sec := range s.Catalogue.TOM {
		owner := fmt.Sprintf("TOM section %q", sec.ID.ID)
		fn(sec.Title, "the title of "+owner)
		fn(sec.Intro, "the intro of "+owner)
		fn(sec.SiteHeading, "the site_heading of "+owner)
		for _, c := range sec.Categories {
			owner := fmt.Sprintf("TOM category %q", c.ID.ID)
			fn(c.Title, "the title of "+owner)
			fn(c.SiteHeading, "the site_heading of "+owner)
		}
	}
	for _, v := range s.Vendors {
		owner := fmt.Sprintf("vendor %q", v.ID.ID)
		fn(v.Statement, "the statement of "+owner)
		fn(v.Service, "the service of "+owner)
		fn(v.Data, "the data of "+owner)
		fn(v.TransferNote, "the transfer_note of "+owner)
	}
	for _, l := range s.Locations {
		fn(l.Name, fmt.Sprintf("the name of site %q", l.ID.ID))
	}
	for _, m := range s.Measures {
		fn(m.Text, fmt.Sprintf("the text of measure %q", m.ID.ID))
	}
	for _, sub := range s.Subsystems {
		owner := fmt.Sprintf("subsystem %q", sub.ID.ID)
		fn(sub.Title, "the title of "+owner)
		fn(sub.Summary, "the summary of "+owner)
		fn(sub.Description, "the description of "+owner)
		fn(sub.Data, "the data of "+owner)
		for _, g := range sub.Goals {
			fn(g.Reason, fmt.Sprintf("the reason for goal %q of %s", g.Goal.ID, owner))
		}
		fn(sub.DelegatedIntro, "the delegated_intro of "+owner)
		fn(sub.NotOperationalNote, "the not_operational_note of "+owner)
		fn(sub.ThreatsScope, "the threats_scope of "+owner)
		fn(sub.MeasuresIntro, "the measures_intro of "+owner)
		for i, r := range sub.ResidualRisks {
			fn(r.Risk, fmt.Sprintf("residual risk %d of %s", i+1, owner))
			fn(r.Acceptance, fmt.Sprintf("the acceptance of residual risk %d of %s", i+1, owner))
		}
		fn(sub.Verdict, "the verdict of "+owner)
	}
}
