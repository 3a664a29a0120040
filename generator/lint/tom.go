package lint

import (
	"strings"
	"unicode"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// The Art. 32 lints of Anlage 1.

// controlNames are the English names of the canonical controls, for messages.
var controlNames = map[string]string{
	"physical-access": "physical access control", "system-access": "system access control",
	"data-access": "data access control", "separation": "separation control",
	"pseudonymisation": "pseudonymisation", "encryption": "encryption", "transfer": "transfer control",
	"input": "input control", "availability": "availability control", "resilience": "resilience",
	"recoverability": "recoverability", "review": "review, assessment and evaluation",
	"contractor": "contractor control", "erasure": "erasure and restriction of processing",
}

// tomControls: each canonical control of Art. 32 has a node (by control:,
// else by id), and that node has a measure (in it or below it) or a status.
func (l *linter) tomControls() {
	s := l.site
	if !hasTOMs(s) {
		return
	}
	used := map[string]bool{}
	for _, m := range s.Measures {
		for _, r := range m.TOM {
			used[r.ID] = true
		}
	}
	var filled func(cats []*model.TOMCategory) bool
	filled = func(cats []*model.TOMCategory) bool {
		for _, c := range cats {
			if used[c.ID.ID] || c.Status.ID != "" || filled(c.Categories) {
				return true
			}
		}
		return false
	}
	nodes := map[string][]*model.TOMNode{}
	full := map[*model.TOMNode]bool{}
	var walk func(cats []*model.TOMCategory)
	visit := func(n *model.TOMNode, below []*model.TOMCategory) {
		c := n.Control.ID
		if c == "" {
			c = n.ID.ID
		}
		if _, ok := controlNames[c]; ok {
			nodes[c] = append(nodes[c], n)
			full[n] = used[n.ID.ID] || n.Status.ID != "" || filled(below)
		}
	}
	walk = func(cats []*model.TOMCategory) {
		for _, c := range cats {
			visit(&c.TOMNode, c.Categories)
			walk(c.Categories)
		}
	}
	for _, sec := range s.Catalogue.TOM {
		visit(&sec.TOMNode, sec.Categories)
		walk(sec.Categories)
	}
	// A catalogue that names fewer than half of the controls is not written
	// against the classic list (it groups by something else, e.g. ISO/IEC
	// 27001 Annex A): the controls it lacks are not reported.
	complete := len(nodes)*2 >= len(load.Controls)
	for _, c := range load.Controls {
		ns := nodes[c]
		if len(ns) == 0 {
			if !complete {
				continue
			}
			l.warn(TOMControl, s.Catalogue.Pos, "Anlage 1 has no node for %s (Art. 32 GDPR): add a category with control: %s and its measures, or with status: not-applicable or controller and a reason", controlNames[c], c)
			continue
		}
		for _, n := range ns {
			if !full[n] {
				l.warn(TOMControl, n.Pos, "TOM category %q (%s) has neither a measure nor a status: add measures to it (tom: [%s]), or status: not-applicable or controller with a reason", n.ID.ID, controlNames[c], n.ID.ID)
			}
		}
	}
}

func hasTOMs(s *model.Site) bool {
	for _, d := range s.Documents {
		if d.Type.ID == model.DocTOMs {
			return true
		}
	}
	return false
}

// Nearly the same text: the texts of two measures (in the source language,
// lower case, Markdown and punctuation dropped) as sequences of words; their
// similarity is 1 − (word-level edit distance ÷ length of the longer). At
// least similarThreshold, and the shorter has at least similarMinWords
// words (short texts differ in a word and mean something else), or they are
// equal.
const (
	similarThreshold = 0.8
	similarMinWords  = 5
)

// tomDuplicates: two measures that say (nearly) the same, and the same
// text twice in one category, where Anlage 1 prints it twice.
func (l *linter) tomDuplicates() {
	s := l.site
	src := s.SourceLang()
	type entry struct {
		m     *model.Measure
		words []string
		set   map[string]bool
	}
	var es []entry
	for _, m := range s.Measures {
		w := words(m.Text.Get(src))
		if len(w) == 0 || len(m.TOM) == 0 {
			continue // only what Anlage 1 prints
		}
		set := map[string]bool{}
		for _, x := range w {
			set[x] = true
		}
		es = append(es, entry{m, w, set})
	}
	// Each measure is reported once, against the first earlier one like it.
	for j := range es {
		for i := 0; i < j; i++ {
			a, b := es[i], es[j]
			sim := similarity(a.words, b.words, a.set, b.set)
			if sim < 0 {
				continue
			}
			if shared := sharedTOM(a.m, b.m); sim == 1 && shared != "" {
				l.warn(TOMRepeated, b.m.ID.Pos, "measure %q has the same text as measure %q, and both stand in TOM category %q, which prints it twice: keep one", b.m.ID.ID, a.m.ID.ID, shared)
			} else {
				l.warn(TOMSimilar, b.m.ID.Pos, "measure %q says nearly the same as measure %q (%d %% of the words alike): write it once and list every category it serves in its tom:", b.m.ID.ID, a.m.ID.ID, int(sim*100))
			}
			break
		}
	}
}

// sharedTOM returns a category both measures stand in, for the same sites.
func sharedTOM(a, b *model.Measure) string {
	if refKey(a.Sites) != refKey(b.Sites) {
		return ""
	}
	for _, x := range a.TOM {
		for _, y := range b.TOM {
			if x.ID == y.ID {
				return x.ID
			}
		}
	}
	return ""
}

func refKey(rs []model.Ref) string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

// words splits a text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// similarity of two word sequences (see similarThreshold), or -1 when it is
// below the threshold. Cheap bounds first: the edit distance is at least the
// difference in length, and the words of one not in the other.
func similarity(a, b []string, as, bs map[string]bool) float64 {
	if len(a) > len(b) {
		a, b, as, bs = b, a, bs, as
	}
	long := float64(len(b))
	equal := len(a) == len(b) && strings.Join(a, " ") == strings.Join(b, " ")
	if equal {
		return 1
	}
	if len(a) < similarMinWords || float64(len(b)-len(a)) > (1-similarThreshold)*long {
		return -1
	}
	missing := 0
	for w := range bs {
		if !as[w] {
			missing++
		}
	}
	if float64(missing) > (1-similarThreshold)*long {
		return -1
	}
	sim := 1 - float64(editDistance(a, b))/long
	if sim < similarThreshold {
		return -1
	}
	return sim
}

// editDistance is the Levenshtein distance counted in words.
func editDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
