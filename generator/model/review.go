package model

import (
	"fmt"
	"time"

	"trustdocs/generator/diag"
)

// Interval units.
const (
	Days   = "day"
	Weeks  = "week"
	Months = "month"
	Years  = "year"
)

// DefaultReviewInterval applies when neither the site nor the document or
// subsystem gives one: a yearly review. A function, so no caller can change
// it for everybody.
func DefaultReviewInterval() Interval { return Interval{N: 12, Unit: Months} }

// Interval is a review interval such as "12 months" or "1 year".
type Interval struct {
	N    int
	Unit string // Days, Weeks, Months or Years; "" if unset
	Pos  diag.Pos
}

// IsZero reports whether no interval was written.
func (i Interval) IsZero() bool { return i.Unit == "" }

// After returns the date one interval after t.
func (i Interval) After(t time.Time) time.Time {
	switch i.Unit {
	case Days:
		return t.AddDate(0, 0, i.N)
	case Weeks:
		return t.AddDate(0, 0, 7*i.N)
	case Months:
		return t.AddDate(0, i.N, 0)
	case Years:
		return t.AddDate(i.N, 0, 0)
	}
	return t
}

func (i Interval) String() string {
	if i.N == 1 {
		return fmt.Sprintf("1 %s", i.Unit)
	}
	return fmt.Sprintf("%d %ss", i.N, i.Unit)
}

// ReviewIntervalOf is the interval that applies to a document or subsystem
// with own interval own.
func (s *Site) ReviewIntervalOf(own Interval) Interval {
	switch {
	case !own.IsZero():
		return own
	case !s.ReviewInterval.IsZero():
		return s.ReviewInterval
	}
	return DefaultReviewInterval()
}

// LintConfig is a site's lint.yaml: lints it turns off and the references to
// superseded law it adds to the theme's list.
type LintConfig struct {
	Disable       []Ident
	SupersededLaw []LawRule
	Terminology   []TermRule // added to, or replacing by ID, the theme's glossary rules
	Pos           diag.Pos   // the file; zero if the site has none
}

// TermRule marks an English term as wrong in a context and names the one
// to use (the glossary, docs/glossary.md).
type TermRule struct {
	ID        string // stable name; a site's rule with a theme rule's ID replaces it
	Wrong     string // regular expression (RE2) matching the wrong term
	Source    string // optional regular expression: only where the source-language text matches it
	Preferred string // the term to write instead
	Reason    string // why, with its source (GDPR article, SCC decision, TKG section)
	Context   string // where the rule applies, in words
	Lang      string // the language checked; "" means en
	Off       bool   // a site's rule that only turns the theme's rule of this ID off
	Pos       diag.Pos
}

// LawRule names a superseded provision and the one that replaced it.
type LawRule struct {
	Pattern       string // regular expression (RE2) matching a citation of the old law
	NotFollowedBy string // optional regular expression: no match if the text after the citation matches it
	Old           string // the old provision, as people cite it: "§ 109 TKG"
	New           string // what to cite instead: "§§ 165 ff. TKG 2021"
	Pos           diag.Pos
}
