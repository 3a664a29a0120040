// Package scaffold starts a new subsystem, vendor, measure or site: a YAML
// skeleton with every field, a comment explaining each, the choices the
// content offers (catalogue IDs, vendors, sites) and the texts left empty
// for the author, so that `trustdocs check` lists exactly what is still to
// write.
//
// It takes a loaded model.Site, a kind and an ID, and gives the file to
// write (Make) and writes it without overwriting anything (Write).
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

// Kinds of entity a skeleton can be made for.
const (
	Subsystem = "subsystem"
	Vendor    = "vendor"
	Measure   = "measure"
	Site      = "site"
)

// Kinds lists them.
var Kinds = []string{Subsystem, Vendor, Measure, Site}

var folders = map[string]string{Subsystem: load.SubsystemsDir, Vendor: load.VendorsDir, Measure: load.MeasuresDir, Site: load.SitesDir}

// Skeleton is a new file.
type Skeleton struct {
	Path string
	Data []byte
}

// Make makes the skeleton of a kind with id in site. An invalid id, one
// the kind has already, or a file that exists is an error.
func Make(site *model.Site, kind, id string) (*Skeleton, error) {
	folder, ok := folders[kind]
	if !ok {
		return nil, fmt.Errorf("cannot make a %q: make a %s", kind, strings.Join(Kinds, ", a "))
	}
	if !load.ValidID(id) {
		return nil, fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens, e.g. %q", id, "my-"+kind)
	}
	if pos, ok := existing(site, kind, id); ok {
		return nil, fmt.Errorf("%s: %s %q exists already: choose another id", pos, kind, id)
	}
	if len(site.Languages) == 0 {
		return nil, fmt.Errorf("%s names no languages: the content must load first", site.SitePos.File)
	}
	dir := filepath.Join(site.Dir, folder)
	path := filepath.Join(dir, fileName(dir, id))
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("%s exists already: choose another id, or move the file", path)
	}
	w := &writer{langs: site.LangIDs()}
	switch kind {
	case Subsystem:
		w.subsystem(site, id)
	case Vendor:
		w.vendor(id)
	case Measure:
		w.measure(site, id)
	case Site:
		w.location(site, id)
	}
	return &Skeleton{Path: path, Data: []byte(w.b.String())}, nil
}

// Write writes the skeleton; it never replaces a file.
func Write(s *Skeleton) error {
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(s.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists already: nothing was written", s.Path)
		}
		return err
	}
	_, werr := f.Write(s.Data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(s.Path)
	}
	return werr
}

// existing finds an entity of kind with id.
func existing(site *model.Site, kind, id string) (diag.Pos, bool) {
	var ids []model.Ident
	switch kind {
	case Subsystem:
		for _, x := range site.Subsystems {
			ids = append(ids, x.ID)
		}
	case Vendor:
		for _, x := range site.Vendors {
			ids = append(ids, x.ID)
		}
	case Measure:
		for _, x := range site.Measures {
			ids = append(ids, x.ID)
		}
	case Site:
		for _, x := range site.Locations {
			ids = append(ids, x.ID)
		}
	}
	for _, x := range ids {
		if x.ID == id {
			return x.Pos, true
		}
	}
	return diag.Pos{}, false
}

var numbered = regexp.MustCompile(`^([0-9]+)-`)

// fileName is ID.yaml, or NN-ID.yaml after the highest number if the
// folder numbers its files (their order is the order of the documents).
func fileName(dir, id string) string {
	entries, _ := os.ReadDir(dir)
	width, max, any := 0, 0, false
	for _, e := range entries {
		m := numbered.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		any = true
		width = len(m[1])
		if n > max {
			max = n
		}
	}
	if !any {
		return id + ".yaml"
	}
	return fmt.Sprintf("%0*d-%s.yaml", width, max+1, id)
}

// writer builds a skeleton line by line, comments aligned.
type writer struct {
	b     strings.Builder
	langs []string
}

const commentCol = 35

// line writes indent, text and an aligned comment.
func (w *writer) line(indent int, text, comment string) {
	s := strings.Repeat(" ", indent) + text
	if comment != "" {
		if len(s) < commentCol {
			s += strings.Repeat(" ", commentCol-len(s))
		} else {
			s += "  "
		}
		s += "# " + comment
	}
	w.b.WriteString(strings.TrimRight(s, " ") + "\n")
}

func (w *writer) comment(text string) { w.b.WriteString("# " + text + "\n") }

// text writes a text field with an empty entry per language; off writes
// it commented out (an optional field).
func (w *writer) text(indent int, key, comment string, off bool) {
	pre := ""
	if off {
		pre = "# "
	}
	w.line(indent, pre+key+":", comment)
	for _, l := range w.langs {
		if off {
			w.line(indent, "#   "+l+":", "")
		} else {
			w.line(indent+2, l+":", "")
		}
	}
}

func idsOf[T any](items []T, id func(T) string) string {
	var out []string
	for _, it := range items {
		if s := id(it); s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return "none yet"
	}
	return strings.Join(out, ", ")
}

func (w *writer) subsystem(site *model.Site, id string) {
	src := site.SourceLang()
	w.comment(fmt.Sprintf("Subsystem %q: one chapter of the Sicherheitskonzept (docs/content-model.md).", id))
	w.comment("Write the empty texts, one per language; 'trustdocs check' lists those still missing.")
	w.comment("To use an optional field, remove the \"# \" before it.")
	w.line(0, "id: "+id, "")
	w.text(0, "title", `the chapter's title, e.g. "Rechenzentrum DARZ"`, false)
	vendors := idsOf(site.Vendors, func(v *model.Vendor) string { return v.ID.ID })
	w.line(0, "provider:", "optional: the vendor that operates it: "+vendors)
	w.line(0, "contractor:", "optional: the vendor through whose contract it runs")
	w.text(0, "summary", "(Markdown) its paragraph in the overview, chapter 2.1", false)
	w.text(0, "description", "(Markdown) the opening of the chapter: what it is, what it does", false)
	w.text(0, "data", `optional (Markdown): the data processed, e.g. "Es werden IP-Adressen verarbeitet."`, true)
	w.line(0, "goals:", "every protection goal: relevant, not-relevant (with a reason), delegated or not-operational")
	for _, g := range site.Catalogue.Goals {
		w.line(2, g.ID.ID+": relevant", g.Title.Get(src))
	}
	w.line(2, "# a goal that does not apply, with the reason:", "")
	first := "personal-data"
	if len(site.Catalogue.Goals) > 0 {
		first = site.Catalogue.Goals[0].ID.ID
	}
	w.line(2, "# "+first+":", "")
	w.line(2, "#   status: not-relevant", "")
	w.line(2, "#   reason:", "")
	for _, l := range w.langs {
		w.line(2, "#     "+l+":", "")
	}
	w.text(0, "delegated_intro", "(Markdown) required if a goal is delegated: why it is the provider's duty", true)
	w.text(0, "not_operational_note", "(Markdown) required if a goal is not-operational: why the system is no operational part of the service", true)
	w.text(0, "threats_scope", `optional: the sentence that opens the threats, default "Folgende Gefährdungen sind relevant:"`, true)
	w.line(0, "threats: []", "catalogue threats: "+idsOf(site.Catalogue.Threats, entryID))
	w.line(0, "requirements: []", "catalogue requirements: "+idsOf(site.Catalogue.Requirements, entryID))
	w.text(0, "measures_intro", "optional (Markdown): opens the measures", true)
	w.line(0, "measures: []", "ids of measures/ ('trustdocs new measure ID' starts one), e.g. [access-rights-documented]")
	w.line(0, "residual_risks:", "the risks that remain, each accepted with a reason")
	w.line(2, "- risk:", "")
	for _, l := range w.langs {
		w.line(6, l+":", "")
	}
	w.line(4, "acceptance:", "(Markdown) why the risk is acceptable")
	for _, l := range w.langs {
		w.line(6, l+":", "")
	}
	w.text(0, "verdict", `optional: default "Die Sicherheitsanforderungen sind erfüllt, die Schutzziele erreicht."`, true)
	w.line(0, "reviewed:", `the day of the last review, YYYY-MM-DD, printed as "Geprüft am"`)
	w.line(0, "# review_interval: 12 months", "optional: overrides the site's review_interval")
}

func entryID(e *model.Entry) string { return e.ID.ID }

func (w *writer) vendor(id string) {
	w.comment(fmt.Sprintf("Vendor %q: an outside company, the provider of a subsystem, a subprocessor or an", id))
	w.comment("adviser (docs/content-model.md). Fill in the empty fields; 'trustdocs check' lists")
	w.comment("those still missing. To use an optional field, remove the \"# \" before it.")
	w.line(0, "id: "+id, "")
	w.line(0, "name:", `short name, as used in running text, e.g. "DARZ"`)
	w.line(0, "legal_name:", `the legal entity, e.g. "DARZ GmbH"`)
	w.line(0, "address:", "")
	w.line(2, "street:", "optional")
	w.line(2, "postcode:", `optional; in quotes, e.g. "64293"`)
	w.line(2, "city:", "")
	w.line(2, "country:", "ISO 3166 alpha-2 code: DE, CH, US, …")
	w.line(0, "website:", "optional, e.g. https://www.example.com")
	w.text(0, "statement", "optional: the sentence on its legal standing, printed in its chapter", true)
	w.line(0, "certifications: []", "optional, e.g. [{name: ISO 27001, valid_until: 2027-06-30}]")
	w.line(0, "role:", "subprocessor (processes customer data for us), controller (tax adviser, lawyer) or processor-own-data (our own data only, e.g. a CRM)")
	w.text(0, "service", `what it does for us, e.g. "Hosting virtueller Maschinen"`, false)
	w.text(0, "data", "optional: the categories of data it processes", true)
	w.line(0, "locations: []", "countries where it processes data, e.g. [DE]")
	w.line(0, "dpa: false", "true once a data processing agreement (AV-Vertrag) is signed")
	w.line(0, "transfer:", "none (EU/EEA), adequacy, scc or dpf (EU-US Data Privacy Framework)")
	w.text(0, "transfer_note", `optional, e.g. "SCC Modul 3 (2021/914)"`, true)
}

func (w *writer) measure(site *model.Site, id string) {
	var toms []string
	for _, s := range site.Catalogue.TOM {
		toms = append(toms, s.ID.ID)
		for _, c := range s.Categories {
			toms = append(toms, c.ID.ID)
		}
	}
	w.comment(fmt.Sprintf("Measure %q: written once, listed by every subsystem it serves (measures: in", id))
	w.comment("subsystems/) and in Anlage 1 under each of its TOM categories (docs/content-model.md).")
	w.comment("Write the empty texts; 'trustdocs check' lists what is still missing.")
	w.line(0, "id: "+id, "")
	w.line(0, "tom: []", "at least one TOM category of catalogue.yaml: "+joinOr(toms))
	w.line(0, "sites: []", "optional: the sites it applies to only: "+idsOf(site.Locations, func(l *model.Location) string { return l.ID.ID }))
	w.text(0, "text", "(Markdown) the measure, described concretely, not generically", false)
}

func (w *writer) location(site *model.Site, id string) {
	w.comment(fmt.Sprintf("Site %q: a place that measures can be specific to: an own data centre, an office,", id))
	w.comment("a cloud region (docs/content-model.md). Fill in the empty fields; 'trustdocs check'")
	w.comment("lists those still missing. To use an optional field, remove the \"# \" before it.")
	w.line(0, "id: "+id, "")
	w.text(0, "name", `e.g. "Rechenzentrum Frankfurt"`, false)
	w.line(0, "kind:", "data-centre, office or cloud-region")
	w.line(0, "vendor:", "optional: the vendor that operates it: "+idsOf(site.Vendors, func(v *model.Vendor) string { return v.ID.ID }))
	w.line(0, "# address:", "optional")
	w.line(0, "#   street:", "")
	w.line(0, `#   postcode: ""`, "")
	w.line(0, "#   city:", "")
	w.line(0, "#   country: DE", "")
	w.line(0, "# components:", "optional: what runs there, drawn in the overview plan (plan.yaml connects them)")
	w.line(0, "#   - id: "+id+"-firewall", "")
	w.line(0, "#     name: {"+exampleText(w.langs, "Firewall")+"}", "")
}

// exampleText is a text in every language: "de: x, en: x".
func exampleText(langs []string, s string) string {
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l + ": " + s
	}
	return strings.Join(parts, ", ")
}

func joinOr(list []string) string {
	if len(list) == 0 {
		return "none yet"
	}
	return strings.Join(list, ", ")
}
