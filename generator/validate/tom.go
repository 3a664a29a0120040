package validate

import (
	"fmt"
	"regexp"
	"strings"

	"trustdocs/generator/model"
)

// checkTOM checks what Anlage 1's structure promises: a status that is not
// "applies" says why, an order names what the node holds, a two-column
// node knows the kind of each of its measures, and a cross-reference
// (#tom-ID) names a TOM node.
func (v *checker) checkTOM() {
	s := v.site
	columns := false
	for _, d := range s.Documents {
		if d.Type.ID == model.DocTOMs && d.TOM.Layout.ID == model.LayoutColumns {
			columns = true
		}
	}
	byNode := map[string][]*model.Measure{}
	for _, m := range s.Measures {
		for _, r := range m.TOM {
			byNode[r.ID] = append(byNode[r.ID], m)
		}
	}
	sites := map[string]bool{}
	for _, l := range s.Locations {
		sites[l.ID.ID] = true
	}
	check := func(n *model.TOMNode, inherited bool) bool {
		owner := fmt.Sprintf("TOM category %q", n.ID.ID)
		switch n.Status.ID {
		case model.TOMNotApplicable, model.TOMController:
			if !n.Reason.Set {
				v.errs.Errorf(n.Status.Pos, "%s is %s without a reason: add reason: {…}, printed in its place", owner, n.Status.ID)
			}
		default:
			if n.Reason.Set {
				v.errs.Errorf(n.Reason.Pos, "%s has a reason, but only a not-applicable or controller status takes one: add status: or remove the reason", owner)
			}
		}
		seen := map[string]bool{}
		for _, o := range n.Order {
			if seen[o.ID] {
				v.errs.Errorf(o.Pos, "order of %s lists %q twice: remove one", owner, o.ID)
				continue
			}
			seen[o.ID] = true
			switch {
			case o.ID == "note":
				if !n.Note.Set {
					v.errs.Errorf(o.Pos, "order of %s places its note, but it has none: add note: {…} or remove the entry", owner)
				}
			case strings.HasPrefix(o.ID, "site:"):
				id := strings.TrimPrefix(o.ID, "site:")
				if !sites[id] {
					v.errs.Errorf(o.Pos, "order of %s names the unknown site %q", owner, id)
				} else if !hasSite(byNode[n.ID.ID], id) {
					v.errs.Errorf(o.Pos, "order of %s names site %q, but none of its measures is specific to it", owner, id)
				}
			default:
				m := find(byNode[n.ID.ID], o.ID)
				switch {
				case m == nil && v.measures[o.ID]:
					v.errs.Errorf(o.Pos, "order of %s names measure %q, which is not in it: add %s to the measure's tom: list", owner, o.ID, n.ID.ID)
				case m == nil:
					v.ref(model.Ref(o), "measure", v.measures)
				case len(m.Sites) > 0:
					v.errs.Errorf(o.Pos, "order of %s names measure %q, which is specific to a site: name its block instead, site:%s", owner, o.ID, m.Sites[0].ID)
				}
			}
		}
		cols := inherited
		if n.Layout.ID != "" {
			cols = n.Layout.ID == model.LayoutColumns
		}
		if cols {
			for _, m := range byNode[n.ID.ID] {
				if m.Kind.ID == "" {
					v.errs.Errorf(m.ID.Pos, "measure %q stands in %s, which is laid out in two columns, but has no kind: add kind: technical or kind: organisational", m.ID.ID, owner)
				}
			}
		}
		return cols
	}
	var walkCats func(cats []*model.TOMCategory, cols bool)
	walkCats = func(cats []*model.TOMCategory, cols bool) {
		for _, c := range cats {
			walkCats(c.Categories, check(&c.TOMNode, cols))
		}
	}
	for _, sec := range s.Catalogue.TOM {
		walkCats(sec.Categories, check(&sec.TOMNode, columns))
	}
	v.checkTOMRefs()
	only := map[string]*model.Measure{}
	for _, m := range s.Measures {
		if m.TOMsOnly {
			only[m.ID.ID] = m
			if len(m.TOM) == 0 {
				v.errs.Errorf(m.ID.Pos, "measure %q is toms_only but has no TOM category: list one under tom:", m.ID.ID)
			}
		}
	}
	for _, sub := range s.Subsystems {
		for _, r := range sub.Measures {
			if only[r.ID] != nil {
				v.errs.Errorf(r.Pos, "subsystem %q lists measure %q, which is toms_only (printed in Anlage 1 alone): remove toms_only from the measure or the measure from the subsystem", sub.ID.ID, r.ID)
			}
		}
	}
}

func find(ms []*model.Measure, id string) *model.Measure {
	for _, m := range ms {
		if m.ID.ID == id {
			return m
		}
	}
	return nil
}

func hasSite(ms []*model.Measure, id string) bool {
	for _, m := range ms {
		for _, s := range m.Sites {
			if s.ID == id {
				return true
			}
		}
	}
	return false
}

// TOMRef is a cross-reference to a TOM node in Markdown: [](#tom-ID),
// printed as the node's number.
var TOMRef = regexp.MustCompile(`\[\]\(#tom-([a-z0-9]+(?:-[a-z0-9]+)*)\)`)

// checkTOMRefs wants every [](#tom-ID) in a text to name a TOM node.
func (v *checker) checkTOMRefs() {
	for _, f := range model.Texts(v.site) {
		t := f.Text
		if !t.Set || !f.Markdown {
			continue
		}
		for lang, val := range t.Values {
			for _, m := range TOMRef.FindAllStringSubmatch(val, -1) {
				if v.tom[m[1]] {
					continue
				}
				pos := t.Pos
				if p, ok := t.LangPos[lang]; ok {
					pos = p
				}
				v.errs.Errorf(pos, "%s (%s) refers to the unknown TOM category %q in %s: use the id of a section or category of catalogue.yaml", f.What, lang, m[1], m[0])
			}
		}
	}
}
