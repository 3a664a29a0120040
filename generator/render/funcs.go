package render

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"trustdocs/generator/model"
	"trustdocs/generator/theme"
)

// funcs are the template functions of one document in one language.
type funcs struct {
	loc  *theme.Localizer
	site *model.Resolved
	lang string
}

func (f *funcs) Map() template.FuncMap {
	return template.FuncMap{
		"T":              f.t,
		"page":           f.page,
		"pages":          f.pages,
		"shift":          shiftHeadings,
		"date":           f.date,
		"country":        f.country,
		"address":        f.address,
		"host":           host,
		"join":           strings.Join,
		"esc":            escape,
		"cell":           cell,
		"certs":          f.certs,
		"goals":          goalsWith,
		"tomBlocks":      f.tomBlocks,
		"tomView":        f.tomView,
		"subprocessors":  f.subprocessors,
		"transferBases":  f.transferBases,
		"certList":       f.certList,
		"placeCell":      f.placeCell,
		"dataCell":       f.dataCell,
		"fullAddress":    f.fullAddress,
		"orDash":         orDash,
		"link":           link,
		"sccModules":     sccModules,
		"dataCategories": f.dataCategories,
		"dataSubjects":   f.dataSubjects,
		"anyTIA":         anyTIA,
		"anyWithoutData": anyWithoutData,
		"role":           f.role,
		"contacts":       f.contacts,
		"euContact":      f.euContact,
		"declaration":    f.declaration,
		"personLine":     f.personLine,
		"contract":       func() *model.RContract { return f.site.Contract },
		"objections":     func() *model.RObjections { return f.site.Objections },
		"className":      f.className,
		"countries":      f.countries,
		"overviewPlan":   f.overviewPlan,
		"goalMatrix":     f.goalMatrix,
		"add":            func(a, b int) int { return a + b },
		"letter":         func(i int) string { return string(rune('a' + i%26)) },
	}
}

// t is the template's T: T "Key" ["Name" value …] (theme.Localizer.TPairs).
func (f *funcs) t(id string, kv ...any) (string, error) { return f.loc.TPairs(id, kv...) }

func (f *funcs) page(name string) (model.RPage, error) {
	p, ok := f.site.Pages[name]
	if !ok {
		return p, fmt.Errorf("page %q does not exist in %s", name, f.lang)
	}
	return p, nil
}

func (f *funcs) pages(names []string) ([]model.RPage, error) {
	var out []model.RPage
	for _, n := range names {
		p, err := f.page(n)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

var atxHeading = regexp.MustCompile(`^(#{1,6})(\s|$)`)

// shiftHeadings moves every ATX heading of md n levels down (outside code
// fences), so a page's "##" nests under the heading the template gives it.
func shiftHeadings(n int, md string) string {
	if n <= 0 {
		return md
	}
	lines := strings.Split(md, "\n")
	fence := ""
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			if fence == "" {
				fence = trimmed[:3]
			} else if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if fence == "" && atxHeading.MatchString(l) {
			level := len(atxHeading.FindStringSubmatch(l)[1]) + n
			if level > 6 {
				level = 6
			}
			lines[i] = strings.Repeat("#", level) + strings.TrimLeft(l, "#")
		}
	}
	return strings.Join(lines, "\n")
}

var months = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// date formats an ISO date the way the language writes it: 01.12.2026 in
// German, 1 December 2026 in English.
func (f *funcs) date(iso string) (string, error) {
	return FormatDate(iso, f.lang)
}

// FormatDate writes an ISO date the way lang writes it (01.12.2026, 1 December 2026).
func FormatDate(iso, lang string) (string, error) {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return "", fmt.Errorf("date %q: %v", iso, err)
	}
	if names, ok := months[lang]; ok {
		return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year()), nil
	}
	return t.Format("02.01.2006"), nil
}

// country names an ISO 3166 code in the document's language.
func (f *funcs) country(code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(f.lang)).Name(region); name != "" {
		return name
	}
	return code
}

// countries names each code.
func (f *funcs) countries(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = f.country(c)
	}
	return out
}

// cityFirst are the countries that write the postcode after the city
// ("San Jose, CA 95113", "London SW1A 1AA").
var cityFirst = map[string]bool{"US": true, "CA": true, "AU": true, "GB": true, "IE": true}

// address writes "Street, Postcode City", adding the country when it is not
// the organisation's own.
func (f *funcs) address(a model.RAddress) string {
	var parts []string
	if a.Street != "" {
		parts = append(parts, a.Street)
	}
	if cityFirst[a.Country] {
		parts = append(parts, strings.TrimSpace(a.City+" "+a.Postcode))
	} else {
		parts = append(parts, strings.TrimSpace(a.Postcode+" "+a.City))
	}
	if a.Country != "" && a.Country != f.site.Organisation.Address.Country {
		parts = append(parts, f.country(a.Country))
	}
	return strings.Join(parts, ", ")
}

// host shows a website as people write it: www.example.com.
func host(url string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	return strings.TrimSuffix(s, "/")
}

// escape makes a plain string (a title, a name, an address) safe in
// Markdown text: it stays one line of literal characters wherever the
// template puts it (a heading, a list item, bold type, a table cell).
func escape(s string) string {
	s = strings.Join(strings.Fields(s), " ") // a line break would end the heading or item
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>#|~{}", r),
			r == '&' && i+1 < len(s) && (s[i+1] == '#' || isAlnum(s[i+1])), // an entity
			r == '!' && i+1 < len(s) && s[i+1] == '[',                      // an image
			i == 0 && strings.ContainsRune("-+=", r):                       // a list item or setext line
			b.WriteByte('\\')
		case (r == '.' || r == ')') && i > 0 && strings.Trim(s[:i], "0123456789") == "":
			b.WriteByte('\\') // "1." or "1)" would start a numbered list
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// cell makes text safe inside a Markdown table cell: one line, pipes escaped.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", "\\|")
}

// certs lists a vendor's certifications: "ISO 27001 und GoBD".
func (f *funcs) certs(v model.RVendor) (string, error) {
	var names []string
	for _, c := range v.Certifications {
		if c.Kind != model.CertReport { // an attestation is no certification
			names = append(names, c.Name)
		}
	}
	if len(names) <= 1 {
		return strings.Join(names, ""), nil
	}
	and, err := f.loc.T("And", nil)
	if err != nil {
		return "", err
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1], nil
}

// goalsWith returns the goals with one of the statuses, in the order of the
// statuses given (so "relevant" goals come before "not-operational" ones).
func goalsWith(goals []model.RGoal, statuses ...string) []model.RGoal {
	var out []model.RGoal
	for _, st := range statuses {
		for _, g := range goals {
			if g.Status == st {
				out = append(out, g)
			}
		}
	}
	return out
}

// TOMBlock is what Anlage 1 prints under one section or category: the
// general measures, then one block per site.
type TOMBlock struct {
	General []model.RMeasure
	Sites   []SiteBlock
}

// SiteBlock is the site-specific measures of a category.
type SiteBlock struct {
	Site     model.RLocation
	Heading  string
	Measures []model.RMeasure
}

// tomBlocks groups the measures tagged with category id.
func (f *funcs) tomBlocks(id, siteHeading string) TOMBlock {
	var b TOMBlock
	bySite := map[string][]model.RMeasure{}
	for _, m := range f.site.Measures {
		if !slices.Contains(m.TOM, id) {
			continue
		}
		if len(m.Sites) == 0 {
			b.General = append(b.General, m)
		}
		for _, s := range m.Sites {
			bySite[s] = append(bySite[s], m)
		}
	}
	for _, s := range f.site.Sites {
		if ms := bySite[s.ID]; len(ms) > 0 {
			heading := s.Name
			if siteHeading != "" {
				heading = strings.ReplaceAll(siteHeading, "{site}", s.Name)
			}
			b.Sites = append(b.Sites, SiteBlock{Site: s, Heading: heading, Measures: ms})
		}
	}
	return b
}

// subprocessors are the vendors that process data on the customer's behalf.
func (f *funcs) subprocessors() []model.RVendor {
	var out []model.RVendor
	for _, v := range f.site.Vendors {
		if v.Role == model.RoleSubprocessor {
			out = append(out, v)
		}
	}
	return out
}

func (f *funcs) className(class string) (string, error) {
	key := map[string]string{
		"public": "ClassPublic", "internal": "ClassInternal",
		"confidential": "ClassConfidential", "strictly-confidential": "ClassStrictlyConfidential",
	}[class]
	if key == "" {
		return class, nil
	}
	return f.loc.T(key, nil)
}

// ui gathers the furniture words of a document.
func (f *funcs) ui(doc model.RDocument) (UI, error) {
	var u UI
	var err error
	get := func(id string, kv ...any) string {
		if err != nil {
			return ""
		}
		var s string
		s, err = f.t(id, kv...)
		return s
	}
	if u.Date, err = f.date(doc.Date); err != nil {
		return u, err
	}
	class, cerr := f.className(doc.Classification)
	if cerr != nil {
		return u, cerr
	}
	u.Contents = get("Contents")
	u.PageOf = get("PageOf", "Page", "%d", "Pages", "%d")
	if doc.Version != "" {
		u.Version = get("Version", "Version", doc.Version)
	}
	u.AsOf = get("AsOf", "Date", u.Date)
	if class != "" {
		u.Classification = get("Classification", "Class", class)
	}
	if doc.Type == model.DocTOMs {
		// A theme without these words has no two-column tables.
		u.ColumnHeads[0], _ = f.t("TOMTechnical")
		u.ColumnHeads[1], _ = f.t("TOMOrganisational")
	}
	return u, err
}
