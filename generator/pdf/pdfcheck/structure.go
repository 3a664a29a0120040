package pdfcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// Node is a structure element.
type Node struct {
	Type   string
	Alt    string
	Scope  string // TH: the /Scope of its Table attributes
	Kids   []*Node
	MCIDs  []MCRef  // its marked content, in order
	Annots []string // OBJR: annotation references
	ref    string
	parent *Node
}

// MCRef is marked content: a page (0-based) and an MCID.
type MCRef struct{ Page, MCID int }

// standardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var standardTypes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standardTypes[s] = true
	}
}

// structTree is the tree with its indexes.
type structTree struct {
	root   *Node
	byMC   map[MCRef]*Node
	byRef  map[string]*Node
	parent map[int]any // the ParentTree: key → value
}

// Structure reads the structure tree; nil when there is none.
func (f *File) Structure() *Node {
	var ps problems
	t := f.readTree(&ps)
	if t == nil {
		return nil
	}
	return t.root
}

func (f *File) pageIndex() map[string]int {
	m := make(map[string]int, len(f.pages))
	for i, p := range f.pages {
		m[p] = i
	}
	return m
}

func (f *File) readTree(ps *problems) *structTree {
	cat := f.catalog()
	root := f.dict(cat["/StructTreeRoot"])
	if root == nil {
		ps.add("PDF/UA-1 7.1", "no structure tree")
		return nil
	}
	if root["/RoleMap"] != nil {
		ps.add("PDF/UA-1 7.1", "a RoleMap (trustdocs writes standard types only)")
	}
	pages := f.pageIndex()
	t := &structTree{root: &Node{Type: "StructTreeRoot"}, byMC: map[MCRef]*Node{}, byRef: map[string]*Node{}, parent: map[int]any{}}
	var walk func(v any, parent *Node, pg int, depth int)
	walk = func(v any, parent *Node, pg int, depth int) {
		if depth > 200 {
			ps.add("ISO 32000-1 14.7.2", "the structure tree is deeper than 200")
			return
		}
		switch x := v.(type) {
		case float64:
			if pg < 0 {
				ps.add("ISO 32000-1 14.7.4", "MCID %v of a %s without /Pg", x, parent.Type)
				return
			}
			r := MCRef{pg, int(x)}
			if o := t.byMC[r]; o != nil {
				ps.add("ISO 32000-1 14.7.4", "page %d MCID %d belongs to two elements", pg+1, r.MCID)
			}
			t.byMC[r] = parent
			parent.MCIDs = append(parent.MCIDs, r)
			return
		case []any:
			for _, k := range x {
				walk(k, parent, pg, depth)
			}
			return
		case string:
			if _, seen := t.byRef[x]; seen {
				ps.add("ISO 32000-1 14.7.2", "element %s appears twice in the tree", x)
				return
			}
		}
		d := f.dict(v)
		if d == nil {
			return
		}
		if p, ok := d["/Pg"].(string); ok {
			if i, ok := pages[p]; ok {
				pg = i
			}
		}
		switch name(d["/Type"]) {
		case "MCR":
			mc, _ := number(d["/MCID"])
			walk(mc, parent, pg, depth)
			return
		case "OBJR":
			if s, ok := d["/Obj"].(string); ok {
				parent.Annots = append(parent.Annots, s)
			}
			return
		}
		n := &Node{Type: name(d["/S"]), Alt: text(d["/Alt"]), parent: parent}
		if s, ok := v.(string); ok {
			n.ref = s
			t.byRef[s] = n
		}
		if !standardTypes[n.Type] {
			ps.add("PDF/UA-1 7.1", "structure type %q is not a standard one", n.Type)
		}
		for _, a := range append([]any{d["/A"]}, f.array(d["/A"])...) {
			if ad := f.dict(a); ad != nil && name(ad["/O"]) == "Table" {
				n.Scope = name(ad["/Scope"])
			}
		}
		parent.Kids = append(parent.Kids, n)
		walk(d["/K"], n, pg, depth+1)
	}
	walk(root["/K"], t.root, -1, 0)
	var nums func(v any, depth int)
	nums = func(v any, depth int) {
		d := f.dict(v)
		if d == nil || depth > 20 {
			return
		}
		a := f.array(d["/Nums"])
		for i := 0; i+1 < len(a); i += 2 {
			k, _ := number(a[i])
			t.parent[int(k)] = a[i+1]
		}
		for _, k := range f.array(d["/Kids"]) {
			nums(k, depth+1)
		}
	}
	nums(root["/ParentTree"], 0)
	return t
}

// checkStructure: the structure tree, the ParentTree, headings, tables,
// lists, figures and links (PDF/UA-1 7.1, 7.3, 7.4, 7.5, 7.6, 7.18).
func (f *File) checkStructure(ps *problems) *structTree {
	t := f.readTree(ps)
	if t == nil {
		return nil
	}
	// Every page's MCIDs in the ParentTree point back at their element.
	for i, p := range f.pages {
		pg := f.dict(p)
		key, ok := number(pg["/StructParents"])
		if !ok {
			continue
		}
		arr := f.array(t.parent[int(key)])
		for m, e := range arr {
			ref, _ := e.(string)
			if n := t.byMC[MCRef{i, m}]; n == nil || n.ref != ref {
				ps.add("PDF/UA-1 7.1", "page %d MCID %d: the ParentTree names %v, the tree does not agree", i+1, m, e)
			}
		}
		for r := range t.byMC {
			if r.Page == i && r.MCID >= len(arr) {
				ps.add("PDF/UA-1 7.1", "page %d MCID %d is missing from the ParentTree", i+1, r.MCID)
			}
		}
		// Annotations: a struct parent that has an OBJR to them, a Link.
		for _, a := range f.array(pg["/Annots"]) {
			ad := f.dict(a)
			sp, ok := number(ad["/StructParent"])
			ref, _ := t.parent[int(sp)].(string)
			n := t.byRef[ref]
			has := false
			if n != nil {
				for _, o := range n.Annots {
					has = has || o == a
				}
			}
			if !ok || n == nil || !has || n.Type != "Link" {
				ps.add("PDF/UA-1 7.18.1", "page %d: annotation %v is not in a Link element of the structure tree", i+1, a)
			}
		}
	}
	for r := range t.byMC {
		if _, ok := number(f.dict(f.pages[r.Page])["/StructParents"]); !ok {
			ps.add("PDF/UA-1 7.1", "page %d has marked content but no /StructParents", r.Page+1)
		}
	}
	// Headings in order, never skipping a level.
	prev := 0
	for i, h := range Headings(t.root) {
		if i == 0 && h.Level != 1 {
			ps.add("PDF/UA-1 7.4.2", "the first heading is H%d", h.Level)
		}
		if h.Level > prev+1 {
			ps.add("PDF/UA-1 7.4.2", "heading %q is H%d after H%d", h.Text, h.Level, prev)
		}
		prev = h.Level
	}
	var check func(n *Node)
	check = func(n *Node) {
		parent := ""
		if n.parent != nil {
			parent = n.parent.Type
		}
		in := func(types ...string) {
			for _, t := range types {
				if parent == t {
					return
				}
			}
			ps.add("PDF/UA-1 7.1", "%s inside %s, want it inside %s", n.Type, parent, strings.Join(types, " or "))
		}
		switch n.Type {
		case "TR":
			in("Table", "THead", "TBody", "TFoot")
		case "TH", "TD":
			in("TR")
			if n.Type == "TH" && n.Scope == "" {
				ps.add("PDF/UA-1 7.5", "a TH without /Scope")
			}
		case "LI":
			in("L")
		case "Lbl", "LBody":
			in("LI")
		case "TOCI":
			in("TOC")
		case "Figure":
			if strings.TrimSpace(n.Alt) == "" {
				ps.add("PDF/UA-1 7.3", "a Figure without /Alt")
			}
		}
		for _, k := range n.Kids {
			check(k)
		}
	}
	check(t.root)
	return t
}

// Heading is a heading element of the tree.
type Heading struct {
	Level int
	Text  string // filled by the caller if needed; the tree has no text
}

// Headings lists the H1–H6 elements in tree order.
func Headings(root *Node) []Heading {
	var out []Heading
	var walk func(n *Node)
	walk = func(n *Node) {
		if len(n.Type) == 2 && n.Type[0] == 'H' {
			if l, err := strconv.Atoi(n.Type[1:]); err == nil {
				out = append(out, Heading{Level: l, Text: fmt.Sprint(len(out) + 1)})
			}
		}
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(root)
	return out
}

// Count counts the elements of each type.
func Count(root *Node) map[string]int {
	m := map[string]int{}
	var walk func(n *Node)
	walk = func(n *Node) {
		m[n.Type]++
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(root)
	return m
}
