package load

import (
	"gopkg.in/yaml.v3"

	"trustdocs/generator/audience"
	"trustdocs/generator/model"
)

// readAudiences reads site.yaml's audiences: (the editions, in order of
// trust) before anything else, since the filter of every file needs them.
// The field is read again, as known, by readSite.
func readAudiences(r *reader, root *yaml.Node) []model.Ident {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	var v *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "audiences" {
			v = root.Content[i+1]
		}
	}
	if v == nil || isNull(v) {
		return nil
	}
	var out []model.Ident
	for _, it := range r.seq(v, "audiences") {
		s := r.scalar(it, "an audience")
		switch {
		case s == "":
			continue
		case !audience.ValidName(s):
			r.errorf(it, "%q is not an audience name: use a lower-case word of at least three letters, e.g. public, customer, internal", s)
			continue
		case s == audience.Key:
			r.errorf(it, "%q cannot name an audience: choose another word", s)
			continue
		}
		dup := false
		for _, a := range out {
			if a.ID == s {
				r.errorf(it, "audience %q is listed twice: each audience once, widest first", s)
				dup = true
			}
		}
		if !dup {
			out = append(out, model.Ident{ID: s, Pos: r.pos(it)})
		}
	}
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		r.errorf(v, "audiences is empty: list the editions widest first, e.g. [public, customer, internal], or leave the field out")
	}
	return out
}
