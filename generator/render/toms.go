package render

import (
	"fmt"
	"regexp"
	"strings"

	"trustdocs/generator/model"
)

// The structure of Anlage 1 as a template prints it: a tree of sections,
// categories and sub-categories, each with its number as the document's
// numbering writes it, its texts and its items in the order to print.

// TOMView is a whole TOM document below its preamble.
type TOMView struct {
	Heading string // the heading above the sections; "" for none
	Nodes   []TOMNodeView
}

// TOMNodeView is one section, category or sub-category.
type TOMNodeView struct {
	Hashes   string // "##": the Markdown heading level
	Number   string // "(1)", "1.2", "TOM 3", or ""
	Title    string
	ID       string
	Intro    string
	Status   string // the status label ("Nicht anwendbar"), "" when it applies
	Reason   string
	Items    []TOMItem
	Children []TOMNodeView
}

// TOMItem is one thing printed under a node: a measure, a site's block, a
// note, or a two-column table.
type TOMItem struct {
	Text    string    // a measure (with its state mark) or a note
	Note    bool      // Text is the node's note
	Heading string    // a site block's heading
	Items   []TOMItem // a site block's measures (or its table)
	Table   string    // a two-column table, as Markdown
	Site    bool      // a site block
	IsTable bool
}

// tomView builds the tree for the TOM document doc.
func (f *funcs) tomView(doc model.RDocument) (TOMView, error) {
	opts := model.RTOMOptions{}
	if doc.TOM != nil {
		opts = *doc.TOM
	}
	v := TOMView{Heading: opts.Heading}
	var err error
	if opts.NoHeading {
		v.Heading = ""
	} else if v.Heading == "" {
		if v.Heading, err = f.t("TOMParagraph"); err != nil {
			return v, err
		}
	}
	base := 1
	if v.Heading == "" {
		base = 0
	}
	b := tomBuilder{f: f, opts: opts, base: base}
	if b.labels, err = b.words(); err != nil {
		return v, err
	}
	layout := opts.Layout
	for i, sec := range f.site.TOM {
		b.counters = [3]int{i + 1}
		v.Nodes = append(v.Nodes, b.node(sec.RTOMNode, sec.Categories, 0, layout))
	}
	return v, b.err
}

type tomBuilder struct {
	f        *funcs
	opts     model.RTOMOptions
	base     int
	counters [3]int
	labels   map[string]string
	refLabel map[string]string // cross-reference labels by node ID
	err      error
}

func (b *tomBuilder) words() (map[string]string, error) {
	out := map[string]string{}
	for _, k := range []string{"TOMTechnical", "TOMOrganisational", "TOMNotApplicable", "TOMController", "TOMNote",
		"StateImplemented", "StatePlanned", "StateNotImplemented"} {
		s, err := b.f.t(k)
		if err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

func (b *tomBuilder) node(n model.RTOMNode, cats []model.RTOMCategory, depth int, layout string) TOMNodeView {
	if n.Layout != "" {
		layout = n.Layout
	}
	nv := TOMNodeView{
		Hashes: strings.Repeat("#", b.base+depth+1),
		Number: b.number(depth), Title: n.Title, ID: n.ID,
		Intro: b.refs(n.Intro), Reason: b.refs(n.Reason),
	}
	switch n.Status {
	case model.TOMNotApplicable:
		nv.Status = b.labels["TOMNotApplicable"]
	case model.TOMController:
		nv.Status = b.labels["TOMController"]
	}
	nv.Items = b.items(n, layout)
	for j, c := range cats {
		b.counters[depth+1] = j + 1
		for k := depth + 2; k < 3; k++ {
			b.counters[k] = 0
		}
		nv.Children = append(nv.Children, b.node(c.RTOMNode, c.Categories, depth+1, layout))
	}
	return nv
}

// pattern is the numbering pattern of a level (0-based).
func (b *tomBuilder) pattern(depth int) string {
	p := b.opts.Numbering
	if len(p) == 0 {
		p = []string{"({n})", "{a})", "{aa})"}
	}
	if depth < len(p) {
		return p[depth]
	}
	return ""
}

var placeholder = regexp.MustCompile(`\{(n|a|A|aa|i|1|2|3)\}`)

// number writes the current counter of level depth in its pattern.
func (b *tomBuilder) number(depth int) string {
	n := b.counters[depth]
	return placeholder.ReplaceAllStringFunc(b.pattern(depth), func(m string) string {
		switch m {
		case "{n}":
			return fmt.Sprint(n)
		case "{a}":
			return letters(n, 'a')
		case "{A}":
			return letters(n, 'A')
		case "{aa}":
			l := letters(n, 'a')
			return l + l
		case "{i}":
			return roman(n)
		}
		k := int(m[1] - '1')
		return fmt.Sprint(b.counters[k])
	})
}

// letters numbers 1 → a, 26 → z, 27 → aa.
func letters(n int, first rune) string {
	s := ""
	for n > 0 {
		n--
		s = string(first+rune(n%26)) + s
		n /= 26
	}
	return s
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var s strings.Builder
	for i, v := range vals {
		for n >= v {
			s.WriteString(syms[i])
			n -= v
		}
	}
	return s.String()
}

// items lists what a node prints, in its order: the entries of order:
// first, then the rest in the default order (general measures, the site
// blocks in the order of sites/, the note).
func (b *tomBuilder) items(n model.RTOMNode, layout string) []TOMItem {
	var general []model.RMeasure
	bySite := map[string][]model.RMeasure{}
	for _, m := range b.f.site.Measures {
		if !containsStr(m.TOM, n.ID) {
			continue
		}
		if len(m.Sites) == 0 {
			general = append(general, m)
		}
		for _, s := range m.Sites {
			bySite[s] = append(bySite[s], m)
		}
	}
	// Default order, as keys: measure IDs, "site:ID", "note".
	var keys []string
	for _, m := range general {
		keys = append(keys, m.ID)
	}
	for _, s := range b.f.site.Sites {
		if len(bySite[s.ID]) > 0 {
			keys = append(keys, "site:"+s.ID)
		}
	}
	if n.Note != "" {
		keys = append(keys, "note")
	}
	if len(n.Order) > 0 {
		ordered := append([]string(nil), n.Order...)
		for _, k := range keys {
			if !containsStr(ordered, k) {
				ordered = append(ordered, k)
			}
		}
		keys = ordered
	}
	byID := map[string]model.RMeasure{}
	for _, m := range general {
		byID[m.ID] = m
	}
	var out []TOMItem
	var pending []model.RMeasure // consecutive general measures of a table
	flush := func() {
		if len(pending) > 0 {
			out = append(out, b.table(pending))
			pending = nil
		}
	}
	for _, k := range keys {
		switch {
		case k == "note":
			flush()
			out = append(out, TOMItem{Text: b.note(n.Note), Note: true})
		case strings.HasPrefix(k, "site:"):
			flush()
			id := strings.TrimPrefix(k, "site:")
			for _, s := range b.f.site.Sites {
				if s.ID != id || len(bySite[id]) == 0 {
					continue
				}
				heading := s.Name
				if n.SiteHeading != "" {
					heading = strings.ReplaceAll(n.SiteHeading, "{site}", s.Name)
				}
				blk := TOMItem{Site: true, Heading: heading}
				if layout == model.LayoutColumns {
					blk.Items = []TOMItem{b.table(bySite[id])}
				} else {
					for _, m := range bySite[id] {
						blk.Items = append(blk.Items, TOMItem{Text: b.mark(m)})
					}
				}
				out = append(out, blk)
			}
		default:
			m, ok := byID[k]
			if !ok {
				continue
			}
			if layout == model.LayoutColumns {
				pending = append(pending, m)
			} else {
				out = append(out, TOMItem{Text: b.mark(m)})
			}
		}
	}
	flush()
	return out
}

// note prefixes the note with its label, "Hinweis:".
func (b *tomBuilder) note(s string) string {
	return "**" + b.labels["TOMNote"] + ":** " + b.refs(s)
}

// mark writes a measure's text with its state as the document shows it.
func (b *tomBuilder) mark(m model.RMeasure) string {
	text := RunIn(m.Title, b.refs(m.Text))
	if m.State == "" {
		return text
	}
	word := b.labels[map[string]string{
		model.StateImplemented: "StateImplemented", model.StatePlanned: "StatePlanned",
		model.StateNotImplemented: "StateNotImplemented",
	}[m.State]]
	switch b.opts.States {
	case model.StatesBoxes:
		if m.State == model.StateImplemented {
			return "☒ " + text
		}
		if m.State == model.StatePlanned {
			return "☐ " + text + " *(" + word + ")*"
		}
		return "☐ " + text
	case model.StatesChecks:
		switch m.State {
		case model.StateImplemented:
			return "✓ " + text
		case model.StatePlanned:
			return "○ " + text + " *(" + word + ")*"
		}
		return "✗ " + text
	case model.StatesWords:
		return text + " *(" + word + ")*"
	}
	return text
}

// RunIn heads a measure's text with its title in bold, run into the
// first paragraph ("**Alarmanlage:** Das Gebäude …"), as Anlage 1 prints
// its notes and statuses; a text that begins with a block of its own (a
// list, a table, a heading, a quote, code) gets the title as a paragraph
// above it.
func RunIn(title, text string) string {
	title = strings.TrimSpace(title)
	if title == "" {
		return text
	}
	head := "**" + escape(title)
	if !strings.ContainsAny(title[len(title)-1:], ".:?!") {
		head += ":"
	}
	head += "**"
	if blockStart.MatchString(text) {
		return head + "\n\n" + text
	}
	return head + " " + text
}

var blockStart = regexp.MustCompile(`^\s*(?:[-*+]\s|[0-9]+[.)]\s|#|\||>|` + "```" + `|~~~|<)`)

// table prints measures as two columns, technical | organisational, each
// column in the measures' order; the rows pair the n-th of each.
func (b *tomBuilder) table(ms []model.RMeasure) TOMItem {
	var tech, org []string
	for _, m := range ms {
		if m.Kind == model.KindOrganisational {
			org = append(org, cell(b.mark(m)))
		} else {
			tech = append(tech, cell(b.mark(m)))
		}
	}
	var s strings.Builder
	fmt.Fprintf(&s, "| %s | %s |\n| --- | --- |\n", cell(b.labels["TOMTechnical"]), cell(b.labels["TOMOrganisational"]))
	for i := 0; i < max(len(tech), len(org)); i++ {
		var l, r string
		if i < len(tech) {
			l = tech[i]
		}
		if i < len(org) {
			r = org[i]
		}
		fmt.Fprintf(&s, "| %s | %s |\n", l, r)
	}
	return TOMItem{IsTable: true, Table: s.String()}
}

var tomRef = regexp.MustCompile(`\[\]\(#tom-([a-z0-9]+(?:-[a-z0-9]+)*)\)`)

// refs writes each cross-reference [](#tom-ID) with the number of the node
// it names ("siehe [TOM 3](#tom-access)"); a node without a number is
// named by its title.
func (b *tomBuilder) refs(s string) string {
	if !strings.Contains(s, "](#tom-") {
		return s
	}
	if b.refLabel == nil {
		b.refLabel = b.refLabels()
	}
	labels := b.refLabel
	return tomRef.ReplaceAllStringFunc(s, func(m string) string {
		id := tomRef.FindStringSubmatch(m)[1]
		l, ok := labels[id]
		if !ok {
			return m
		}
		return "[" + escape(l) + "](#tom-" + id + ")"
	})
}

// refLabels numbers every node as a reference prints it: its own number
// when the pattern is hierarchical ("1.2"), else its parents' numbers and
// its own ("(1) a)").
func (b *tomBuilder) refLabels() map[string]string {
	out := map[string]string{}
	nb := tomBuilder{opts: b.opts}
	var walk func(cats []model.RTOMCategory, depth int, parents []string)
	label := func(n model.RTOMNode, depth int, parents []string) []string {
		own := nb.number(depth)
		chain := append(append([]string(nil), parents...), own)
		l := own
		if p := nb.pattern(depth); !strings.Contains(p, "{1}") && !strings.Contains(p, "{2}") && !strings.Contains(p, "{3}") {
			l = strings.TrimSpace(strings.Join(chain, " "))
		}
		if own == "" {
			l = n.Title
		}
		out[n.ID] = l
		return chain
	}
	walk = func(cats []model.RTOMCategory, depth int, parents []string) {
		for j, c := range cats {
			nb.counters[depth] = j + 1
			for k := depth + 1; k < 3; k++ {
				nb.counters[k] = 0
			}
			walk(c.Categories, depth+1, label(c.RTOMNode, depth, parents))
		}
	}
	for i, sec := range b.f.site.TOM {
		nb.counters = [3]int{i + 1}
		walk(sec.Categories, 1, label(sec.RTOMNode, 0, nil))
	}
	return out
}
