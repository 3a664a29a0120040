// Package diff compares two states of a site's resolved content (usually two
// releases) entity by entity and field by field: which subprocessor was
// added, which measure was rewritten, which goal is no longer relevant.
//
// It takes two model.Resolved of the same language and gives a Report whose
// changes are ordered for a customer: subprocessors first, then the
// security subsystems, measures, sites, other vendors, catalogues, pages and
// the organisation. Text changes are marked editorial when they are too
// small to change the meaning (a typo), substantive otherwise.
package diff

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"trustdocs/generator/model"
)

// Kinds of change.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Entity kinds, in report order.
const (
	EntSubprocessor = "subprocessor"
	EntSubsystem    = "subsystem"
	EntMeasure      = "measure"
	EntSite         = "site"
	EntConnection   = "connection" // of the overview plan
	EntVendor       = "vendor"
	EntGoal         = "goal"
	EntThreat       = "threat"
	EntRequirement  = "requirement"
	EntTOM          = "tom"
	EntPage         = "page"
	EntDocument     = "document"
	EntOrganisation = "organisation"
)

var entityOrder = []string{EntSubprocessor, EntSubsystem, EntMeasure, EntSite, EntConnection, EntVendor, EntGoal, EntThreat, EntRequirement, EntTOM, EntPage, EntDocument, EntOrganisation}

// Report is the difference between two states.
type Report struct {
	Lang    string   `json:"lang"`
	Changes []Change `json:"changes"`
}

// Change is one entity added, removed or changed.
type Change struct {
	Kind        string  `json:"kind"`
	Entity      string  `json:"entity"`
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Fields      []Field `json:"fields,omitempty"` // for changed: what changed; for added/removed: what it holds
	Substantive bool    `json:"substantive"`
}

// Field is one field's before and after. Lists also say which items came
// and went.
type Field struct {
	Name      string   `json:"field"`
	Old       string   `json:"old,omitempty"`
	New       string   `json:"new,omitempty"`
	Added     []string `json:"added,omitempty"`
	Removed   []string `json:"removed,omitempty"`
	Editorial bool     `json:"editorial,omitempty"`
}

// ByEntity returns the changes of one entity kind.
func (r *Report) ByEntity(entity string) []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Entity == entity {
			out = append(out, c)
		}
	}
	return out
}

// Substantive reports whether any change is more than editorial.
func (r *Report) Substantive() bool {
	for _, c := range r.Changes {
		if c.Substantive {
			return true
		}
	}
	return false
}

// Namer gives the words for coded values in the report's language: a
// country for "AT", "nicht relevant" for the goal status "not-relevant".
// field is the field name ("locations", "status", "transfer", …).
type Namer func(field, value string) string

// Compare gives the changes from old to new. name (may be nil) turns coded
// values into words.
func Compare(old, new *model.Resolved, name Namer) *Report {
	if name == nil {
		name = func(_, v string) string { return v }
	}
	r := &Report{Lang: new.Lang}
	add := func(entity string, olds, news []record) {
		r.Changes = append(r.Changes, compareRecords(entity, olds, news)...)
	}
	b := builder{name: name, titles: map[[2]string]string{}}
	oldSub, oldVend := splitVendors(old.Vendors)
	newSub, newVend := splitVendors(new.Vendors)
	add(EntSubprocessor, b.vendorRecords(old, oldSub), b.vendorRecords(new, newSub))
	add(EntSubsystem, b.subsystemRecords(old), b.subsystemRecords(new))
	add(EntMeasure, b.measureRecords(old), b.measureRecords(new))
	add(EntSite, b.siteRecords(old), b.siteRecords(new))
	add(EntConnection, b.connectionRecords(old), b.connectionRecords(new))
	add(EntVendor, b.vendorRecords(old, oldVend), b.vendorRecords(new, newVend))
	add(EntGoal, entryRecords(old.Goals), entryRecords(new.Goals))
	add(EntThreat, entryRecords(old.Threats), entryRecords(new.Threats))
	add(EntRequirement, entryRecords(old.Requirements), entryRecords(new.Requirements))
	add(EntTOM, b.tomRecords(old), b.tomRecords(new))
	add(EntPage, pageRecords(old), pageRecords(new))
	add(EntDocument, documentRecords(old), documentRecords(new))
	add(EntOrganisation, b.orgRecords(old), b.orgRecords(new))
	rank := map[string]int{}
	for i, e := range entityOrder {
		rank[e] = i
	}
	sort.SliceStable(r.Changes, func(i, j int) bool { return rank[r.Changes[i].Entity] < rank[r.Changes[j].Entity] })
	return r
}

// record is an entity flattened to named fields, in a fixed order.
type record struct {
	id, title string
	fields    []value
}

// value is a field: text, or a list of items. key fields are the ones that
// describe an added or removed entity; all fields count for a change.
type value struct {
	name   string
	text   string
	items  []string
	isList bool
	keys   []string // what identifies items (IDs), when they are shown by name
	key    bool
	quiet  bool // the default (a TOM node that applies): not listed for an added or removed entity
}

func text(name, s string) value          { return value{name: name, text: s} }
func list(name string, s []string) value { return value{name: name, items: s, isList: true} }

// named is a list of entities shown by name but compared by ID, so that a
// reworded measure is not a measure removed and added in every list that
// names it.
func named(name string, ids, names []string) value {
	return value{name: name, items: names, keys: ids, isList: true}
}
func (v value) keyField() value { v.key = true; return v }
func (v value) String() string {
	if v.isList {
		return strings.Join(v.items, "; ")
	}
	return v.text
}

// identity is what a change is judged by: the items' keys where they have
// them, else what is shown.
func (v value) identity() string {
	if v.keys != nil {
		return strings.Join(v.keys, "\x00")
	}
	return v.String()
}

func compareRecords(entity string, olds, news []record) []Change {
	oldBy := map[string]record{}
	for _, r := range olds {
		oldBy[r.id] = r
	}
	newBy := map[string]record{}
	for _, r := range news {
		newBy[r.id] = r
	}
	var out []Change
	for _, n := range news {
		o, ok := oldBy[n.id]
		if !ok {
			out = append(out, Change{Kind: Added, Entity: entity, ID: n.id, Title: n.title, Fields: contents(n, false), Substantive: true})
			continue
		}
		if fields := changedFields(o, n); len(fields) > 0 {
			c := Change{Kind: Changed, Entity: entity, ID: n.id, Title: n.title, Fields: fields}
			for _, f := range fields {
				if !f.Editorial {
					c.Substantive = true
				}
			}
			out = append(out, c)
		}
	}
	for _, o := range olds {
		if _, ok := newBy[o.id]; !ok {
			out = append(out, Change{Kind: Removed, Entity: entity, ID: o.id, Title: o.title, Fields: contents(o, true), Substantive: true})
		}
	}
	return out
}

// contents lists the non-empty key fields of an added or removed entity
// (all fields, if none is marked as key): a removed entity's values are
// old ones, so every format shows them as deletions.
func contents(r record, removed bool) []Field {
	anyKey := false
	for _, v := range r.fields {
		anyKey = anyKey || v.key
	}
	var out []Field
	for _, v := range r.fields {
		if s := v.String(); s != "" && !v.quiet && (v.key || !anyKey) {
			if removed {
				out = append(out, Field{Name: v.name, Old: s})
			} else {
				out = append(out, Field{Name: v.name, New: s})
			}
		}
	}
	return out
}

func changedFields(o, n record) []Field {
	oldBy := map[string]value{}
	for _, v := range o.fields {
		oldBy[v.name] = v
	}
	seen := map[string]bool{}
	var out []Field
	for _, nv := range n.fields {
		seen[nv.name] = true
		ov := oldBy[nv.name]
		if ov.identity() == nv.identity() {
			continue
		}
		f := Field{Name: nv.name, Old: ov.String(), New: nv.String()}
		if nv.keys != nil || ov.keys != nil {
			f.Added, f.Removed = keyedDiff(ov, nv)
		} else if nv.isList || ov.isList {
			f.Added, f.Removed = setDiff(ov.items, nv.items)
		} else {
			f.Editorial = ov.text != "" && nv.text != "" && Editorial(ov.text, nv.text)
		}
		out = append(out, f)
	}
	for _, ov := range o.fields {
		if !seen[ov.name] && ov.String() != "" {
			out = append(out, Field{Name: ov.name, Old: ov.String()})
		}
	}
	return out
}

// keyedDiff names the items that came (by their new names) and went (by
// their old names), judged by key.
func keyedDiff(o, n value) (added, removed []string) {
	addedKeys, removedKeys := setDiff(o.keys, n.keys)
	pick := func(v value, keys []string) []string {
		var out []string
		for _, k := range keys {
			for i, vk := range v.keys {
				if vk == k && i < len(v.items) {
					out = append(out, v.items[i])
					break
				}
			}
		}
		return out
	}
	return pick(n, addedKeys), pick(o, removedKeys)
}

func setDiff(old, new []string) (added, removed []string) {
	in := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, s := range new {
		if !in(old, s) {
			added = append(added, s)
		}
	}
	for _, s := range old {
		if !in(new, s) {
			removed = append(removed, s)
		}
	}
	return added, removed
}

// Editorial reports whether the change from a to b is typo-sized: at most
// three characters inserted or deleted in all, none of them a digit (a
// retention period of 6 → 3 months is not a typo), no word of negation
// touched, and the same number of words.
func Editorial(a, b string) bool {
	if len(strings.Fields(a)) != len(strings.Fields(b)) {
		return false
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemanticLossless(dmp.DiffMain(a, b, false))
	changed := 0
	for _, d := range diffs {
		if d.Type == diffmatchpatch.DiffEqual {
			continue
		}
		for _, r := range d.Text {
			if unicode.IsDigit(r) {
				return false
			}
		}
		changed += len([]rune(d.Text))
	}
	if changed > 3 {
		return false
	}
	return negations(a) == negations(b)
}

var negationWords = []string{"nicht", "kein", "keine", "keinen", "keiner", "keines", "nie", "not", "no", "never", "none", "without", "ohne"}

func negations(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, neg := range negationWords {
			if w == neg {
				n++
			}
		}
	}
	return n
}
