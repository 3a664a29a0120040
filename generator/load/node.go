package load

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
)

// reader decodes one YAML file's nodes into model values, recording every
// problem in errs instead of stopping at the first.
type reader struct {
	file  string
	data  []byte   // the file's bytes, for positions inside values
	lines []int    // offsets of the lines of data, made on first use
	langs []string // the site's languages; nil while site.yaml itself is read
	errs  *diag.List
}

func (r *reader) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.At(r.file)
	}
	return diag.Pos{File: r.file, Line: n.Line, Col: n.Column}
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs.Errorf(r.pos(n), format, args...)
}

// kindName says what a node is, in words a YAML author knows.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing (null)"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an empty document"
}

// obj is a YAML mapping being read field by field. Every accessor records the
// key as known; done reports the keys nobody asked for.
type obj struct {
	r       *reader
	node    *yaml.Node
	what    string // e.g. "vendor", for messages
	keys    map[string]*yaml.Node
	kpos    map[string]*yaml.Node
	order   []string
	known   []string
	missing []string // required fields not given, reported by done
}

// mapping starts reading n as a mapping; it returns nil (after reporting) if n
// is not one.
func (r *reader) mapping(n *yaml.Node, what string) *obj {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		r.errorf(n, "YAML aliases (*name) are not supported: write the %s out in full", what)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s must be a mapping (key: value), found %s", what, kindName(n))
		return nil
	}
	active.mark(n, "object")
	o := &obj{r: r, node: n, what: what, keys: map[string]*yaml.Node{}, kpos: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "keys of %s must be plain names, found %s", what, kindName(k))
			continue
		}
		if k.Value == "<<" {
			r.errorf(k, "YAML merge keys (<<) are not supported: write the fields of the %s out in full", what)
			continue
		}
		if prev, dup := o.kpos[k.Value]; dup {
			r.errorf(k, "field %q is given twice in %s (first at line %d): keep one", k.Value, what, prev.Line)
			continue
		}
		o.keys[k.Value] = v
		o.kpos[k.Value] = k
		o.order = append(o.order, k.Value)
	}
	return o
}

// field returns the value node of key (nil if absent) and marks key known.
func (o *obj) field(key string, required bool) *yaml.Node {
	o.known = append(o.known, key)
	v, ok := o.keys[key]
	active.field(o.node, key, required, v)
	if !ok {
		if required {
			o.missing = append(o.missing, key)
		}
		return nil
	}
	if isNull(v) {
		if required {
			o.r.errorf(v, "field %q of %s is empty: give it a value", key, o.what)
		}
		return nil
	}
	if v.Kind == yaml.AliasNode {
		o.r.errorf(v, "YAML aliases (*name) are not supported: write field %q out in full", key)
		return nil
	}
	return v
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && (n.Value == "" || n.Value == "~" || n.Value == "null")
}

// done reports unknown fields, with a suggestion where one is close, and
// missing required fields — unless an unknown field is a likely misspelling
// of it, which says the same thing better.
func (o *obj) done() {
	if o == nil {
		return
	}
	misspelt := map[string]bool{}
	for _, k := range o.order {
		if !slices.Contains(o.known, k) {
			misspelt[suggest(k, o.known)] = true
		}
	}
	for _, key := range o.missing {
		if !misspelt[key] {
			o.r.errorf(o.node, "%s is missing the required field %q", o.what, key)
		}
	}
	for _, k := range o.order {
		if slices.Contains(o.known, k) {
			continue
		}
		msg := fmt.Sprintf("unknown field %q in %s", k, o.what)
		if hint := o.commaHint(k); hint != "" {
			msg += ": " + hint
		} else if s := suggest(k, o.known); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += "; known fields: " + strings.Join(sortedCopy(o.known), ", ")
		}
		o.r.errorf(o.kpos[k], "%s", msg)
	}
}

// commaHint explains an unknown key k of a { } mapping that is really the
// rest of the text before it, cut off at an unquoted comma:
// {name: Markus Hofer, Leiter IT} reads "Leiter IT" as a key. It returns ""
// when k does not look like that.
func (o *obj) commaHint(k string) string {
	if o.node.Style&yaml.FlowStyle == 0 || !isNull(o.keys[k]) {
		return ""
	}
	prev := ""
	for _, x := range o.order {
		if x == k {
			break
		}
		prev = x
	}
	if prev == "" {
		return ""
	}
	before := o.keys[prev]
	if before == nil || before.Kind != yaml.ScalarNode || before.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return ""
	}
	return fmt.Sprintf("inside { } a comma ends an unquoted text, so %q became a field of its own; put the whole text in quotes: %s: %q", k, prev, before.Value+", "+k)
}

func (o *obj) keyPos(key string) diag.Pos {
	if k, ok := o.kpos[key]; ok {
		return o.r.pos(k)
	}
	return o.r.pos(o.node)
}

// str reads a plain string. Any scalar is accepted (a postcode written 64293
// is meant as text).
func (o *obj) str(key string, required bool) string {
	v := o.field(key, required)
	if v == nil {
		return ""
	}
	return o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
}

func (r *reader) scalar(v *yaml.Node, what string) string {
	active.mark(v, "string")
	if v.Kind != yaml.ScalarNode {
		r.errorf(v, "%s must be text, found %s", what, kindName(v))
		return ""
	}
	if strings.TrimSpace(v.Value) == "" {
		r.errorf(v, "%s is empty: give it a value", what)
	}
	if i, c := firstControl(v.Value); i >= 0 || strings.Contains(v.Value, "\r") {
		// Only an escape ("\0", "\x01", "\r", "\u0085") gets here: readFile
		// refused the raw characters, and YAML makes every line break of
		// a value "\n", so a "\r" can only overwrite a terminal's line.
		if i < 0 {
			c = '\r'
		}
		r.errorf(v, "%s contains the control character %U: %s", what, c, controlAdvice)
	}
	return v.Value
}

func (o *obj) boolean(key string) bool {
	v := o.field(key, false)
	if v == nil {
		return false
	}
	active.mark(v, "boolean")
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		o.r.errorf(v, "field %q of %s must be true or false, found %s", key, o.what, kindName(v))
		return false
	}
	return v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
}

// strs reads a list of plain strings.
func (o *obj) strs(key string, required bool) []string {
	v := o.field(key, required)
	if v == nil {
		return nil
	}
	items := o.r.seq(v, fmt.Sprintf("field %q of %s", key, o.what))
	var out []string
	for _, it := range items {
		if s := o.r.scalar(it, fmt.Sprintf("an entry of %q", key)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) seq(v *yaml.Node, what string) []*yaml.Node {
	active.seq(v)
	if v.Kind != yaml.SequenceNode {
		r.errorf(v, "%s must be a list, found %s", what, kindName(v))
		return nil
	}
	for _, it := range v.Content {
		if it.Kind == yaml.AliasNode {
			r.errorf(it, "YAML aliases (*name) are not supported in %s: write the entry out in full", what)
			return nil
		}
	}
	return v.Content
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const maxIDLen = 64

// ValidID reports whether s is a safe identifier: lower-case letters, digits
// and single hyphens. IDs become file names and URL parts, so nothing else.
func ValidID(s string) bool { return len(s) <= maxIDLen && idPattern.MatchString(s) }

func (r *reader) identNode(v *yaml.Node, what string) model.Ident {
	active.constrain(v, patID, nil)
	s := r.scalar(v, what)
	if s == "" {
		return model.Ident{Pos: r.pos(v)}
	}
	if !ValidID(s) {
		r.errorf(v, "%s %q is not a valid id: use lower-case letters, digits and single hyphens (at most %d characters), e.g. %q", what, s, maxIDLen, slug(s))
	}
	return model.Ident{ID: s, Pos: r.pos(v)}
}

func (o *obj) ident(key string, required bool) model.Ident {
	v := o.field(key, required)
	if v == nil {
		return model.Ident{Pos: o.keyPos(key)}
	}
	return o.r.identNode(v, fmt.Sprintf("%s %s", o.what, key))
}

func (o *obj) ref(key string, required bool) model.Ref {
	id := o.ident(key, required)
	return model.Ref(id)
}

func (o *obj) refs(key string, required bool) []model.Ref {
	v := o.field(key, required)
	if v == nil {
		return nil
	}
	var out []model.Ref
	for _, it := range o.r.seq(v, fmt.Sprintf("field %q of %s", key, o.what)) {
		id := o.r.identNode(it, fmt.Sprintf("reference in %q", key))
		if id.ID != "" {
			out = append(out, model.Ref(id))
		}
	}
	return out
}

// enum reads an identifier that must be one of allowed.
func (o *obj) enum(key string, required bool, allowed ...string) model.Ident {
	v := o.field(key, required)
	if v == nil {
		return model.Ident{Pos: o.keyPos(key)}
	}
	active.constrain(v, "", allowed)
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s != "" && !slices.Contains(allowed, s) {
		msg := fmt.Sprintf("%q is not a valid %s: use one of %s", s, key, strings.Join(allowed, ", "))
		if sg := suggest(s, allowed); sg != "" {
			msg = fmt.Sprintf("%q is not a valid %s: did you mean %q? (one of %s)", s, key, sg, strings.Join(allowed, ", "))
		}
		o.r.errorf(v, "%s", msg)
	}
	return model.Ident{ID: s, Pos: o.r.pos(v)}
}

// text reads a bilingual text: a mapping from language code to string.
// Missing translations are the validator's business; unknown languages are
// reported here.
func (o *obj) text(key string, required bool) model.Text {
	v := o.field(key, required)
	t := model.Text{Pos: o.keyPos(key)}
	if v == nil {
		return t
	}
	return o.r.textNode(v, fmt.Sprintf("field %q of %s", key, o.what))
}

func (r *reader) textNode(v *yaml.Node, what string) model.Text {
	active.mark(v, "text")
	t := model.Text{Pos: r.pos(v), Set: true, Values: map[string]string{}, LangPos: map[string]diag.Pos{}}
	if v.Kind == yaml.ScalarNode {
		r.errorf(v, "%s must give the text per language, e.g. {%s}", what, exampleLangs(r.langs))
		return t
	}
	m := r.mapping(v, what)
	if m == nil {
		return t
	}
	for _, lang := range m.order {
		val := m.keys[lang]
		m.known = append(m.known, lang)
		if l, ok := strings.CutSuffix(lang, "@"); ok {
			r.sourceHash(&t, l, m.kpos[lang], val, what)
			continue
		}
		if len(r.langs) > 0 && !slices.Contains(r.langs, lang) {
			msg := fmt.Sprintf("%q is not a language of this site (site.yaml lists %s)", lang, strings.Join(r.langs, ", "))
			if hint := m.commaHint(lang); hint != "" {
				msg += ": " + hint
			} else if s := suggest(lang, r.langs); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			r.errorf(m.kpos[lang], "%s", msg)
			continue
		}
		if isNull(val) {
			t.LangPos[lang] = r.pos(val)
			continue // reported as a missing translation by the validator
		}
		s := r.scalar(val, fmt.Sprintf("the %s text of %s", lang, what))
		t.Values[lang] = s
		t.LangPos[lang] = r.pos(val)
		if p, ok := r.verbatim(val); ok {
			if t.Verbatim == nil {
				t.Verbatim = map[string]diag.Pos{}
			}
			t.Verbatim[lang] = p
		}
	}
	return t
}

// sourceHash reads "en@: 3f2a9c1b", the hash of the source text that the
// translation en was made from.
func (r *reader) sourceHash(t *model.Text, lang string, key, val *yaml.Node, what string) {
	if len(r.langs) > 0 && !slices.Contains(r.langs, lang) {
		msg := fmt.Sprintf("%q in %s is the source hash of a language this site does not have (site.yaml lists %s)", key.Value, what, strings.Join(r.langs, ", "))
		if s := suggest(lang, r.langs); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s+"@")
		}
		r.errorf(key, "%s", msg)
		return
	}
	if len(r.langs) > 0 && lang == r.langs[0] {
		r.errorf(key, "%s is the source language: only translations record a source hash (remove %s)", lang, key.Value)
		return
	}
	if isNull(val) {
		return // no hash recorded yet
	}
	h := r.scalar(val, fmt.Sprintf("the source hash %s of %s", key.Value, what))
	if h == "" {
		return
	}
	if !model.ValidHash(h) {
		r.errorf(val, "source hash %s of %s must be %d hex digits, as trustdocs writes it (e.g. 3f2a9c1b): remove it and run 'trustdocs translate mark --lang %s'", key.Value, what, model.HashLen, lang)
		return
	}
	if t.Hashes == nil {
		t.Hashes, t.HashPos = map[string]string{}, map[string]diag.Pos{}
	}
	t.Hashes[lang] = strings.ToLower(h)
	t.HashPos[lang] = r.pos(val)
}

// verbatim says where the characters of a scalar's value begin in the file
// if they stand there line for line as in the value: a literal block
// scalar (|), or a scalar on one line without escapes.
func (r *reader) verbatim(v *yaml.Node) (diag.Pos, bool) {
	off, ok := r.offset(v.Line, v.Column)
	if !ok || v.Kind != yaml.ScalarNode {
		return diag.Pos{}, false
	}
	rest := r.data[off:]
	switch v.Style {
	case yaml.LiteralStyle:
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return diag.Pos{}, false
		}
		indent := -1
		for _, line := range bytes.Split(rest[nl+1:], []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				indent = len(line) - len(bytes.TrimLeft(line, " "))
				break
			}
		}
		if indent < 0 {
			return diag.Pos{}, false
		}
		return diag.Pos{File: r.file, Line: v.Line + 1, Col: indent + 1}, true
	case 0:
		if !strings.Contains(v.Value, "\n") && bytes.HasPrefix(rest, []byte(v.Value)) {
			return r.pos(v), true
		}
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		if !strings.Contains(v.Value, "\n") && len(rest) > 0 && bytes.HasPrefix(rest[1:], []byte(v.Value)) {
			p := r.pos(v)
			p.Col++
			return p, true
		}
	}
	return diag.Pos{}, false
}

// offset converts a 1-based line and column (in runes, as yaml.v3 counts)
// into a byte offset of the file's data.
func (r *reader) offset(line, col int) (int, bool) {
	if r.lines == nil {
		r.lines = []int{0}
		for i, c := range r.data {
			if c == '\n' {
				r.lines = append(r.lines, i+1)
			}
		}
	}
	if line < 1 || col < 1 || line > len(r.lines) {
		return 0, false
	}
	data, off := r.data, r.lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off, true
}

func exampleLangs(langs []string) string {
	if len(langs) == 0 {
		langs = []string{"de", "en"}
	}
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l + ": …"
	}
	return strings.Join(parts, ", ")
}

// date reads a YYYY-MM-DD date.
func (o *obj) date(key string, required bool) model.Date {
	v := o.field(key, required)
	if v == nil {
		return model.Date{Pos: o.keyPos(key)}
	}
	active.constrain(v, patDate, nil)
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s == "" {
		return model.Date{Pos: o.r.pos(v)}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if msg := impossibleDate(s); msg != "" {
			o.r.errorf(v, "invalid date %q in field %q: %s", s, key, msg)
			return model.Date{Pos: o.r.pos(v)}
		}
		o.r.errorf(v, "invalid date %q in field %q: write YYYY-MM-DD, e.g. 2026-12-01", s, key)
		return model.Date{Pos: o.r.pos(v)}
	}
	if t.Year() < minYear || t.Year() > maxYear {
		o.r.errorf(v, "date %q in field %q is out of range: give a year between %d and %d", s, key, minYear, maxYear)
		return model.Date{Pos: o.r.pos(v)}
	}
	return model.Date{Value: t.Format("2006-01-02"), Pos: o.r.pos(v)}
}

// impossibleDate explains a date written in the right form that names no
// day of the calendar ("2026-02-30"); "" if s is not of the form YYYY-MM-DD.
func impossibleDate(s string) string {
	var y, m, d int
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return ""
	}
	if m < 1 || m > 12 {
		return fmt.Sprintf("there is no month %d; the month comes second (YYYY-MM-DD)", m)
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Sprintf("the form is right, but %s %d has %d days", time.Month(m), y, days)
}

// The years a date may have: a document of this century, a certificate
// valid for decades; 0000-01-01 is a typing mistake, and PDF dates have
// four digits.
const minYear, maxYear = 1900, 9999

// url reads a web address: http or https, with a host, nothing else (it
// becomes a link in the PDF, the site and the feed).
func (o *obj) url(key string) string {
	v := o.field(key, false)
	if v == nil {
		return ""
	}
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.ContainsAny(s, " \t\n\\\"<>`"):
		o.r.errorf(v, "field %q of %s is not a web address: write it as https://www.example.com", key, o.what)
	case u.Scheme != "https" && u.Scheme != "http":
		o.r.errorf(v, "field %q of %s must be an https:// (or http://) address, not %q: write it as https://www.example.com", key, o.what, s)
	case u.Host == "" || u.Hostname() == "" || u.Opaque != "":
		o.r.errorf(v, "field %q of %s has no host name: write it as https://www.example.com", key, o.what)
	case u.User != nil:
		o.r.errorf(v, "field %q of %s holds a user name or password (%s@): give the address without it", key, o.what, u.User.Username())
	default:
		return s
	}
	return ""
}

var emailRe = regexp.MustCompile(`^[^\s@<>()\[\]\\,;:"]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$`)

// email reads an e-mail address: local@domain.tld, nothing around it.
func (o *obj) email(key string) string {
	v := o.field(key, false)
	if v == nil {
		return ""
	}
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s == "" {
		return ""
	}
	if len(s) > 254 || !emailRe.MatchString(s) {
		o.r.errorf(v, "field %q of %s is not an e-mail address: write it as name@example.com, without a name or mailto:", key, o.what)
		return ""
	}
	return s
}

// country reads an ISO 3166 alpha-2 code.
func (r *reader) countryNode(v *yaml.Node, what string) model.Ident {
	active.constrain(v, patCountry, nil)
	s := r.scalar(v, what)
	if s != "" && !model.KnownCountry(s) {
		msg := fmt.Sprintf("%q is not a country code: write the ISO 3166 alpha-2 code in capitals, e.g. DE, CH, US", s)
		if up := strings.ToUpper(s); model.KnownCountry(up) {
			msg = fmt.Sprintf("%q is not a country code: did you mean %q?", s, up)
		} else if alt, ok := commonCountryMistakes[up]; ok {
			msg = fmt.Sprintf("%q is not an ISO 3166 country code: write %q", s, alt)
		}
		r.errorf(v, "%s", msg)
	}
	return model.Ident{ID: s, Pos: r.pos(v)}
}

// commonCountryMistakes are codes people write that ISO 3166 spells
// otherwise: the United Kingdom is GB, Greece is GR (EL is the EU's code).
var commonCountryMistakes = map[string]string{"UK": "GB", "EL": "GR", "GER": "DE", "USA": "US", "SUI": "CH", "D": "DE", "A": "AT"}

func sortedCopy(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

// slug turns s into something close that is a valid id, for hints.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case c == 'ä':
			b.WriteString("ae")
		case c == 'ö':
			b.WriteString("oe")
		case c == 'ü':
			b.WriteString("ue")
		case c == 'ß':
			b.WriteString("ss")
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "my-id"
	}
	if len(out) > maxIDLen {
		out = strings.Trim(out[:maxIDLen], "-")
	}
	return out
}

var intervalRe = regexp.MustCompile(`^([0-9]{1,4})\s*(day|days|week|weeks|month|months|year|years)$`)

// interval reads a review interval: "12 months", "1 year", "6 weeks", "90 days".
func (o *obj) interval(key string) model.Interval {
	v := o.field(key, false)
	if v == nil {
		return model.Interval{Pos: o.keyPos(key)}
	}
	active.constrain(v, patInter, nil)
	s := o.r.scalar(v, fmt.Sprintf("field %q of %s", key, o.what))
	if s == "" {
		return model.Interval{Pos: o.r.pos(v)}
	}
	m := intervalRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		o.r.errorf(v, "invalid %s %q: write a number and a unit, e.g. \"12 months\", \"1 year\", \"6 weeks\" or \"90 days\"", key, s)
		return model.Interval{Pos: o.r.pos(v)}
	}
	n, _ := strconv.Atoi(m[1])
	iv := model.Interval{N: n, Unit: strings.TrimSuffix(m[2], "s"), Pos: o.r.pos(v)}
	if n == 0 || iv.After(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).After(time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)) {
		o.r.errorf(v, "%s %q is out of range: give between 1 day and 10 years", key, s)
		return model.Interval{Pos: o.r.pos(v)}
	}
	return iv
}
