package model

// The overview plan in one language (see Plan).

func localizeComponents(cs []Component, lang string) []RComponent {
	var out []RComponent
	for _, c := range cs {
		out = append(out, RComponent{ID: c.ID.ID, Name: c.Name.Get(lang)})
	}
	return out
}

func localizePlan(p *Plan, lang string) *RPlan {
	if p == nil {
		return nil
	}
	rp := &RPlan{Staff: refIDs(p.Staff), Services: refIDs(p.Services)}
	for _, c := range p.Connections {
		kind := c.Kind.ID
		if kind == "" {
			kind = ConnInternet
		}
		rc := RConnection{From: c.From.ID, To: c.To.ID, Kind: kind, Label: c.Label.Get(lang)}
		for _, pr := range c.Protection {
			rc.Protection = append(rc.Protection, pr.ID)
		}
		rp.Connections = append(rp.Connections, rc)
	}
	return rp
}
