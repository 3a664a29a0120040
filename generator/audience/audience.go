// Package audience makes one edition of a content tree: it removes, from the
// YAML node trees and the Markdown of the pages, everything marked for an
// audience narrower than the edition's, before the loader decodes them.
//
// Because it works on the node tree, every field of every file gets
// audiences the same way, blocks added later included. The forms:
//
//   - a mapping (a document, measure, vendor, list item, …) with the key
//     `audience: customer` is kept only in editions that may see customer;
//   - a field whose value is a mapping keyed only by audience names gives a
//     variant per audience (`text: {public: {de: …}, customer: {de: …}}`);
//     an edition takes the most trusted variant it may see, and leaves the
//     field out when there is none;
//   - in Markdown (pages, and any text of several lines), the lines between
//     `::: customer` and `:::` are kept only in editions that may see
//     customer. Removed lines become blank lines, so positions stay right.
//
// What is removed is returned as model.Withheld texts: the leak check
// searches the wider editions' output for them.
package audience

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// Key is the field that marks a mapping's audience.
const Key = "audience"

// Default is the order of trust when site.yaml names no audiences.
var Default = model.DefaultAudiences

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// ValidName says whether s may name an audience: an ID of at least three
// characters, so that it is never taken for a language code (de, en).
func ValidName(s string) bool { return len(s) >= 3 && namePattern.MatchString(s) }

// Filter removes what one edition may not see. The zero edition ("")
// keeps everything: markers are taken out and variants resolve to the most
// trusted one, as in the widest edition.
type Filter struct {
	Names   []string // the audiences in order of trust, widest first
	rank    int      // index of the edition in Names
	Errs    *diag.List
	Suggest func(string, []string) string // "did you mean"; may be nil

	// Withheld collects the texts removed.
	Withheld []model.Withheld
	// IDs are the ids of removed entities, by kind ("measure", "page", …):
	// references to them are dropped (see Prune).
	IDs map[string]map[string]bool
	// Marks counts the markings read: with none, every edition is the same.
	Marks int
}

// Widest names, as an edition, the first audience of the site (public),
// whatever site.yaml calls it: what releases are cut from.
const Widest = "*widest"

// New gives the filter for edition ("" = everything) of the audiences names.
// An unknown edition is an error the caller reports; New then keeps all.
func New(names []string, edition string, errs *diag.List) (*Filter, error) {
	f := &Filter{Names: names, rank: len(names) - 1, Errs: errs, IDs: map[string]map[string]bool{}}
	if edition == "" {
		return f, nil
	}
	if edition == Widest {
		f.rank = 0
		return f, nil
	}
	for i, n := range names {
		if n == edition {
			f.rank = i
			return f, nil
		}
	}
	return f, fmt.Errorf("edition %q is not an audience of this site (site.yaml lists %s)", edition, diag.Or(diag.Quoted(names)))
}

// Edition is the audience the filter builds for.
func (f *Filter) Edition() string {
	if f.rank < 0 {
		return ""
	}
	return f.Names[f.rank]
}

// Narrowing says whether the filter removes anything at all (it is not
// the widest edition).
func (f *Filter) Narrowing() bool { return f.rank < len(f.Names)-1 }

func (f *Filter) rankOf(name string) int {
	for i, n := range f.Names {
		if n == name {
			return i
		}
	}
	return -1
}

func (f *Filter) unknown(pos diag.Pos, name string) {
	msg := fmt.Sprintf("unknown audience %q (site.yaml lists %s)", name, diag.Or(diag.Quoted(f.Names)))
	if f.Suggest != nil {
		if s := f.Suggest(name, f.Names); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		}
	}
	f.Errs.Errorf(pos, "%s", msg)
}

// file is one YAML file being filtered.
type file struct {
	f     *Filter
	name  string
	kind  string // entity kind, for IDs
	lines []string
}

// Node filters the tree of one YAML file in place. kind names what the
// file's entities are ("measure", "site", …). It returns false when the
// root itself is withheld (a file or front matter marked for a narrower
// audience).
func (f *Filter) Node(path string, data []byte, kind string, root *yaml.Node) bool {
	fl := &file{f: f, name: path, kind: kind, lines: strings.Split(string(data), "\n")}
	return fl.walk(root, "")
}

func (fl *file) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: fl.name, Line: n.Line, Col: n.Column}
}

// walk filters n; false means n is withheld from the edition (its texts
// are recorded) and the caller removes it.
func (fl *file) walk(n *yaml.Node, field string) bool {
	switch n.Kind {
	case yaml.MappingNode:
		if r, ok := fl.audienceOf(n); ok && r > fl.f.rank {
			fl.withhold(n, fl.f.Names[r], field)
			return false
		}
		out := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := join(field, k.Value)
			if v.Kind == yaml.MappingNode {
				chosen, ok := fl.variant(v, sub)
				if !ok {
					continue // no variant for this edition: the field is absent
				}
				v = chosen
			}
			if !fl.walk(v, sub) {
				continue
			}
			out = append(out, k, v)
		}
		n.Content = out
	case yaml.SequenceNode:
		out := n.Content[:0]
		for i, it := range n.Content {
			sub := fmt.Sprintf("%s[%d]", field, i+1)
			if id := idOf(it); id != "" {
				sub = fmt.Sprintf("%s[%s]", field, id)
			}
			if it.Kind == yaml.MappingNode {
				chosen, ok := fl.variant(it, sub)
				if !ok {
					continue
				}
				it = chosen
			}
			if fl.walk(it, sub) {
				out = append(out, it)
			}
		}
		n.Content = out
	case yaml.ScalarNode:
		if n.Tag == "!!str" || n.Tag == "" {
			if strings.Contains(n.Value, ":::") {
				first := n.Line
				if n.Style == yaml.LiteralStyle || n.Style == yaml.FoldedStyle {
					first++
				}
				n.Value = fl.f.markdown(fl.name, first, fl.lines, n.Value, field)
			}
		}
	}
	return true
}

// idOf is the id of an entity's mapping, to name it in a field path
// ("[zoom-backend-tls].text.de" rather than "[6].text.de").
func idOf(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

// audienceOf reads and removes the audience key of a mapping.
func (fl *file) audienceOf(n *yaml.Node) (int, bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value != Key {
			continue
		}
		n.Content = append(n.Content[:i:i], n.Content[i+2:]...)
		fl.f.Marks++
		if v.Kind != yaml.ScalarNode || v.Value == "" {
			fl.f.Errs.Errorf(fl.pos(v), "audience must be one name, one of %s", diag.Or(diag.Quoted(fl.f.Names)))
			return 0, false
		}
		r := fl.f.rankOf(v.Value)
		if r < 0 {
			fl.f.unknown(fl.pos(v), v.Value)
			return 0, false
		}
		return r, true
	}
	return 0, false
}

// variant resolves a mapping keyed by audience names to the variant of the
// edition; any other mapping is returned as it is. ok is false when no
// variant is for the edition.
func (fl *file) variant(v *yaml.Node, field string) (*yaml.Node, bool) {
	names, others := 0, 0
	var firstOther *yaml.Node
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		if fl.f.rankOf(k.Value) >= 0 {
			names++
		} else {
			others++
			if firstOther == nil {
				firstOther = k
			}
		}
	}
	switch {
	case names == 0:
		return v, true
	case others > 0:
		if fl.f.Suggest != nil && fl.f.Suggest(firstOther.Value, fl.f.Names) != "" {
			fl.f.unknown(fl.pos(firstOther), firstOther.Value)
		} else {
			fl.f.Errs.Errorf(fl.pos(firstOther), "%s mixes variants by audience (%s) with the field %q: give either one variant per audience or the value itself", field, diag.Or(diag.Quoted(fl.f.Names)), firstOther.Value)
		}
		// The variants go, so that the reader does not report them again
		// as unknown fields.
		out := v.Content[:0]
		for i := 0; i+1 < len(v.Content); i += 2 {
			if fl.f.rankOf(v.Content[i].Value) < 0 {
				out = append(out, v.Content[i], v.Content[i+1])
			}
		}
		v.Content = out
		return v, true
	}
	fl.f.Marks++
	best, bestRank := (*yaml.Node)(nil), -1
	from := len(fl.f.Withheld)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		r := fl.f.rankOf(k.Value)
		if r > fl.f.rank {
			fl.withhold(val, k.Value, field)
			continue
		}
		if r > bestRank {
			best, bestRank = val, r
		}
	}
	if best != nil {
		// A sentence the edition's own variant says too is not a leak.
		own := strings.Join(scalars(best), "\n")
		for i := from; i < len(fl.f.Withheld); i++ {
			fl.f.Withheld[i].Instead = own
		}
	}
	return best, best != nil
}

// scalars lists the values under n.
func scalars(n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, scalars(c)...)
	}
	return out
}

// withhold records every text under n as withheld for audience.
func (fl *file) withhold(n *yaml.Node, aud, field string) {
	if n.Kind == yaml.MappingNode && fl.kind != "" {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				fl.f.WithholdID(fl.kind, n.Content[i+1].Value)
			}
		}
	}
	var rec func(n *yaml.Node, field string)
	rec = func(n *yaml.Node, field string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				rec(n.Content[i+1], join(field, n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for i, it := range n.Content {
				rec(it, fmt.Sprintf("%s[%d]", field, i+1))
			}
		case yaml.ScalarNode:
			fl.f.Withheld = append(fl.f.Withheld, model.Withheld{Audience: aud, Pos: fl.pos(n), Field: field, Text: n.Value})
		}
	}
	rec(n, field)
}

// Page filters a page's body whose first line is line of path, and
// records the whole page as withheld when its front matter was.
func (f *Filter) Page(path string, line int, body string, withheld bool, aud string) string {
	if withheld {
		f.Withheld = append(f.Withheld, model.Withheld{Audience: aud, Pos: diag.Pos{File: path, Line: line, Col: 1}, Field: "page", Text: body})
		return ""
	}
	return f.markdown(path, line, nil, body, "")
}

// Last is the audience of the text withheld last ("" if none): what a
// withheld front matter was marked for.
func (f *Filter) Last() string {
	if len(f.Withheld) == 0 {
		return ""
	}
	return f.Withheld[len(f.Withheld)-1].Audience
}

// WithholdID records that the entity id of kind is not in the edition.
func (f *Filter) WithholdID(kind, id string) {
	if f.IDs[kind] == nil {
		f.IDs[kind] = map[string]bool{}
	}
	f.IDs[kind][id] = true
}

var fence = regexp.MustCompile(`^(\s*):::(.*)$`)

// markdown removes the blocks of a Markdown text fenced for a narrower
// audience. first is the file line of the text's first line; lines, if
// set, are the file's lines, to find the marker's column.
func (f *Filter) markdown(path string, first int, lines []string, text, field string) string {
	src := strings.Split(text, "\n")
	orig := append([]string(nil), src...)
	var (
		open     = -1 // line index of the open marker
		openRank int
		kept     = true
		block    []string
		blockAt  int
	)
	col := func(i int, in string) int {
		c := strings.Index(in, ":::") + 1
		if lines != nil && first+i-1 < len(lines) && first+i-1 >= 0 {
			if k := strings.Index(lines[first+i-1], ":::"); k >= 0 {
				c = len([]rune(lines[first+i-1][:k])) + 1
			}
		}
		return c
	}
	at := func(i int, in string) diag.Pos { return diag.Pos{File: path, Line: first + i, Col: col(i, in)} }
	for i, l := range src {
		m := fence.FindStringSubmatch(l)
		if m == nil {
			if !kept {
				block = append(block, l)
				src[i] = ""
			}
			continue
		}
		name := strings.TrimSpace(m[2])
		src[i] = ""
		if name == "" {
			if open < 0 {
				f.Errs.Errorf(at(i, l), "closing \":::\" without an opening line such as \"::: %s\" above it: remove it, or open the block", f.Names[min(1, len(f.Names)-1)])
				continue
			}
			if !kept {
				f.Withheld = append(f.Withheld, model.Withheld{Audience: f.Names[openRank], Pos: diag.Pos{File: path, Line: first + blockAt, Col: 1}, Field: field, Text: strings.Join(block, "\n")})
			}
			open, kept, block = -1, true, nil
			continue
		}
		if open >= 0 {
			f.Errs.Errorf(at(i, l), "\"::: %s\" inside the block opened at line %d: close that block with a line \":::\" first (blocks do not nest)", name, first+open)
			continue
		}
		r := f.rankOf(name)
		if r < 0 {
			p := at(i, l)
			p.Col += 4
			f.unknown(p, name)
			r = 0
		}
		f.Marks++
		open, openRank, kept, blockAt = i, r, r <= f.rank, i+1
	}
	if open >= 0 {
		f.Errs.Errorf(at(open, orig[open]), "\"::: %s\" is not closed: end the block with a line \":::\"", f.Names[openRank])
		if !kept {
			f.Withheld = append(f.Withheld, model.Withheld{Audience: f.Names[openRank], Pos: diag.Pos{File: path, Line: first + blockAt, Col: 1}, Field: field, Text: strings.Join(block, "\n")})
		}
	}
	return strings.Join(src, "\n")
}

// Prune drops the references to entities this edition left out: a
// subsystem's measures, the catalogue's order, a measure's sites, the
// plan's boxes and a document's pages. A reference to something that never
// existed stays, for the validator to report.
func (f *Filter) Prune(site *model.Site) {
	drop := func(kind string, refs []model.Ref) []model.Ref {
		ids := f.IDs[kind]
		if len(ids) == 0 {
			return refs
		}
		out := refs[:0]
		for _, r := range refs {
			if !ids[r.ID] {
				out = append(out, r)
			}
		}
		return out
	}
	for _, s := range site.Subsystems {
		s.Measures = drop("measure", s.Measures)
	}
	for _, m := range site.Measures {
		m.Sites = drop("site", m.Sites)
	}
	if site.Plan != nil {
		site.Plan.Staff = drop("site", site.Plan.Staff)
		site.Plan.Services = drop("subsystem", site.Plan.Services)
	}
	for _, d := range site.Documents {
		for i := range d.Pages {
			d.Pages[i].Pages = drop("page", d.Pages[i].Pages)
		}
	}
	var cats func([]*model.TOMCategory)
	cats = func(cs []*model.TOMCategory) {
		for _, c := range cs {
			c.Order = drop("measure", c.Order)
			cats(c.Categories)
		}
	}
	for _, s := range site.Catalogue.TOM {
		s.Order = drop("measure", s.Order)
		cats(s.Categories)
	}
}
