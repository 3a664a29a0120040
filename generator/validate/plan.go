package validate

import (
	"fmt"

	"trustdocs/generator/model"
)

// checkPlan checks the overview plan: component IDs unique across the plan's
// parts, plan.yaml naming existing office sites and subsystems, and every
// connection joining two different, existing parts once.
func (v *checker) checkPlan() {
	s := v.site
	// parts are every ID a connection may name, with what it is.
	parts := map[string]string{model.PlanInternet: "the Internet"}
	for _, l := range s.Locations {
		parts[l.ID.ID] = "a site"
	}
	var comps []model.Ident
	for _, l := range s.Locations {
		for _, c := range l.Components {
			comps = append(comps, c.ID)
			if what, clash := parts[c.ID.ID]; clash && c.ID.ID != "" {
				v.errs.Errorf(c.ID.Pos, "component id %q is already the id of %s: connections could not tell them apart; rename the component", c.ID.ID, what)
			}
		}
	}
	for id := range v.index("component", comps) {
		if parts[id] == "" {
			parts[id] = "a component"
		}
	}
	p := s.Plan
	if p == nil {
		return
	}
	offices := map[string]bool{}
	for _, l := range s.Locations {
		if l.Kind.ID == model.LocationOffice {
			offices[l.ID.ID] = true
		}
	}
	for _, r := range p.Staff {
		if v.locations[r.ID] && !offices[r.ID] {
			v.errs.Errorf(r.Pos, "site %q is no office: staff work at office sites; give the site kind: office, or name an office site", r.ID)
			offices[r.ID] = true // reported; refList need not say it again
		}
	}
	v.refList(p.Staff, "office site", offices, "staff of plan.yaml")
	v.refList(p.Services, "subsystem", v.subsystems, "services of plan.yaml")
	for _, r := range p.Services {
		if what, clash := parts[r.ID]; clash && v.subsystems[r.ID] {
			v.errs.Errorf(r.Pos, "service %q has the id of %s: the plan could not tell them apart; rename one of them", r.ID, what)
			continue
		}
		if v.subsystems[r.ID] {
			parts[r.ID] = "a service"
		}
	}
	known := map[string]bool{}
	for id := range parts {
		known[id] = true
	}
	seen := map[[2]string]model.Connection{}
	for _, c := range p.Connections {
		for _, end := range []model.Ref{c.From, c.To} {
			if !known[end.ID] && v.subsystems[end.ID] {
				v.errs.Errorf(end.Pos, "subsystem %q is not drawn in the plan: list it under services to connect it", end.ID)
				known[end.ID] = true // once is enough
				continue
			}
			v.ref(end, "plan part", known)
		}
		if c.From.ID == "" || c.To.ID == "" {
			continue
		}
		if c.From.ID == c.To.ID {
			v.errs.Errorf(c.To.Pos, "connection from %q to itself: name two different parts", c.From.ID)
			continue
		}
		key := [2]string{c.From.ID, c.To.ID}
		if key[0] > key[1] {
			key[0], key[1] = key[1], key[0]
		}
		if first, dup := seen[key]; dup {
			v.errs.Errorf(c.Pos, "connection between %q and %q is given twice (first at %s): keep one", key[0], key[1], first.Pos)
			continue
		}
		seen[key] = c
		viaNet := c.From.ID == model.PlanInternet || c.To.ID == model.PlanInternet
		kind := c.Kind.ID
		if kind == "" {
			kind = model.ConnInternet
		}
		switch {
		case viaNet && kind != model.ConnInternet:
			v.errs.Errorf(c.Kind.Pos, "a connection to the Internet has kind internet, not %q: drop kind, or connect the two parts directly", kind)
		case !viaNet && kind == model.ConnInternet:
			v.errs.Errorf(c.Pos, "connection from %q to %q: a connection over the Internet is written to: internet (once for each part); for a direct line give kind: %s, %s or %s",
				c.From.ID, c.To.ID, model.ConnVPN, model.ConnLeasedLine, model.ConnLAN)
		}
		protections := map[string]bool{}
		for _, pr := range c.Protection {
			if protections[pr.ID] {
				v.errs.Errorf(pr.Pos, "protection %q is listed twice: remove one", pr.ID)
			}
			protections[pr.ID] = true
		}
		if protections["none"] && len(protections) > 1 {
			v.errs.Errorf(c.Pos, "%s", fmt.Sprintf("connection from %q to %q lists none together with a protection: keep one", c.From.ID, c.To.ID))
		}
	}
}
