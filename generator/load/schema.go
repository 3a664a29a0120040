package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"gopkg.in/yaml.v3"
)

// The JSON Schemas of the content files are recorded from the loader
// itself, so they cannot drift from it: while RecordSchemas loads content
// trees, every field a reader asks for, and what it reads the value as, is
// noted on the schema node of its path. A field is known to the schema as
// soon as its mapping is read once (readers ask for every field of a
// mapping, given or not); a nested kind of mapping needs one tree that
// has it.

// snode is the schema of one path.
type snode struct {
	types    map[string]bool // object, open, array, string, boolean, text
	props    map[string]*snode
	order    []string
	required map[string]bool
	items    *snode
	enum     []string
	pattern  string
}

func newNode() *snode {
	return &snode{types: map[string]bool{}, props: map[string]*snode{}, required: map[string]bool{}}
}

type recorder struct {
	roots map[string]*snode     // file kind → schema of one entity (or the file)
	bound map[*yaml.Node]*snode // value node → its path's schema
}

var (
	recMu  sync.Mutex
	active *recorder // set only while RecordSchemas runs
)

// Patterns of the values readers check.
const (
	patID      = `^[a-z0-9]+(-[a-z0-9]+)*$`
	patDate    = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
	patCountry = `^[A-Z]{2}$`
	patLang    = `^[a-z]{2}@?$`
	patInter   = `^[0-9]{1,4} *(day|days|week|weeks|month|months|year|years)$`
	// audience names are at least three letters, never a language code
	patAudience = `^[a-z][a-z0-9]{2,}(-[a-z0-9]+)*$`
)

func (rc *recorder) root(kind string, n *yaml.Node) {
	if rc == nil || n == nil {
		return
	}
	s := rc.roots[kind]
	if s == nil {
		s = newNode()
		rc.roots[kind] = s
	}
	rc.bound[n] = s
}

func (rc *recorder) of(n *yaml.Node) *snode {
	if rc == nil || n == nil {
		return nil
	}
	return rc.bound[n]
}

// field notes that the mapping n has the field key, and binds its value.
func (rc *recorder) field(n *yaml.Node, key string, required bool, v *yaml.Node) {
	s := rc.of(n)
	if s == nil || s.types["text"] {
		return
	}
	c := s.props[key]
	if c == nil {
		c = newNode()
		s.props[key] = c
		s.order = append(s.order, key)
	}
	if required {
		s.required[key] = true
	}
	if v != nil {
		rc.bound[v] = c
	}
}

func (rc *recorder) mark(n *yaml.Node, typ string) *snode {
	s := rc.of(n)
	if s != nil {
		s.types[typ] = true
	}
	return s
}

func (rc *recorder) seq(v *yaml.Node) {
	s := rc.mark(v, "array")
	if s == nil || v.Kind != yaml.SequenceNode {
		return
	}
	if s.items == nil {
		s.items = newNode()
	}
	for _, it := range v.Content {
		rc.bound[it] = s.items
	}
}

func (rc *recorder) constrain(v *yaml.Node, pattern string, enum []string) {
	if s := rc.mark(v, "string"); s != nil {
		if pattern != "" {
			s.pattern = pattern
		}
		if enum != nil {
			s.enum = enum
		}
	}
}

// RecordSchemas loads the content trees dirs and gives the JSON Schema of
// each kind of content file, by file name (site.schema.json, …), as
// indented JSON.
func RecordSchemas(dirs []string) (map[string][]byte, error) {
	recMu.Lock()
	defer recMu.Unlock()
	active = &recorder{roots: map[string]*snode{}, bound: map[*yaml.Node]*snode{}}
	defer func() { active = nil }()
	for _, d := range dirs {
		if _, errs := Load(d); errs.Err() != nil {
			return nil, fmt.Errorf("%s: %v", d, errs.Err())
		}
	}
	out := map[string][]byte{}
	for kind, s := range active.roots {
		title := map[string]string{
			"site": "site.yaml", "catalogue": "catalogue.yaml", "lint": "lint.yaml", "plan": "plan.yaml",
			"vendor": "vendors/*.yaml", "site-location": "sites/*.yaml", "measure": "measures/*.yaml", "subsystem": "subsystems/*.yaml",
		}[kind]
		doc := map[string]any{
			"$schema": "https://json-schema.org/draft/2020-12/schema",
			"$id":     "https://trustdocs.invalid/schemas/content/" + kind + ".schema.json",
			"title":   "trustdocs content file " + title + " (generated from the loader: go test ./generator/load -run TestContentSchemas -update)",
			"$defs": map[string]any{
				"text": map[string]any{"anyOf": []any{
					map[string]any{"$ref": "#/$defs/languages"},
					// variants by audience: {public: {de: …}, customer: {de: …}}
					map[string]any{"type": "object", "minProperties": 1, "additionalProperties": false,
						"patternProperties": map[string]any{patAudience: map[string]any{"$ref": "#/$defs/languages"}}},
				}},
				"languages": map[string]any{
					"type": "object", "minProperties": 1, "additionalProperties": false,
					"patternProperties": map[string]any{patLang: map[string]any{"type": []string{"string", "null"}}},
				},
			},
		}
		entity := s.schema()
		switch kind {
		case "vendor", "site-location", "measure", "subsystem": // one entity, or a list of them
			doc["anyOf"] = []any{entity, map[string]any{"type": "array", "items": entity}}
		default:
			for k, v := range entity {
				doc[k] = v
			}
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return nil, err
		}
		out[kind+".schema.json"] = b.Bytes()
	}
	return out, nil
}

// schema writes one node as JSON Schema (maps encode with sorted keys:
// the output is stable).
func (s *snode) schema() map[string]any {
	var alts []map[string]any
	types := make([]string, 0, len(s.types))
	for t := range s.types {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		switch t {
		case "text":
			alts = append(alts, map[string]any{"$ref": "#/$defs/text"})
		case "object":
			if s.types["text"] || s.types["open"] {
				continue
			}
			props := map[string]any{}
			for _, k := range s.order {
				props[k] = s.props[k].schema()
			}
			// any mapping may be marked for an audience (package audience)
			props["audience"] = map[string]any{"type": "string", "pattern": patAudience}
			o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
			var req []string
			for k := range s.required {
				req = append(req, k)
			}
			if len(req) > 0 {
				sort.Strings(req)
				o["required"] = req
			}
			alts = append(alts, o)
		case "open":
			alts = append(alts, map[string]any{"type": "object"})
		case "array":
			a := map[string]any{"type": "array"}
			if s.items != nil && len(s.items.types) > 0 {
				a["items"] = s.items.schema()
			}
			alts = append(alts, a)
		case "boolean":
			alts = append(alts, map[string]any{"type": "boolean"})
		case "string":
			if s.types["text"] && s.enum == nil {
				continue // a text is a mapping of languages, unless a keyword may stand for it
			}
			switch {
			case s.enum != nil:
				var enum []any
				for _, e := range s.enum {
					enum = append(enum, e)
					if n, err := strconv.Atoi(e); err == nil {
						enum = append(enum, n) // module: 3 is read as "3"
					}
					if b, err := strconv.ParseBool(e); err == nil && (e == "true" || e == "false") {
						enum = append(enum, b) // cover: false is a YAML boolean
					}
				}
				alts = append(alts, map[string]any{"enum": enum})
			case s.pattern != "":
				alts = append(alts, map[string]any{"type": "string", "pattern": s.pattern})
			default: // any scalar is read as text (postcode: 64293)
				alts = append(alts, map[string]any{"type": []string{"string", "number", "boolean"}})
			}
		}
	}
	switch len(alts) {
	case 0:
		return map[string]any{}
	case 1:
		return alts[0]
	}
	anyOf := make([]any, len(alts))
	for i, a := range alts {
		anyOf[i] = a
	}
	return map[string]any{"anyOf": anyOf}
}

// schemaKind names an entity's file kind; "site" is site.yaml's.
func schemaKind(what string) string {
	if what == "site" {
		return "site-location"
	}
	return what
}
