package load

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

var updateSchemas = flag.Bool("update", false, "rewrite schemas/content/*.schema.json from the loader")

const schemaDir = "../../schemas/content"

// The trees the schemas are recorded from: every kind of mapping the
// loader reads occurs in one of them (testdata/schema has the rest).
func schemaTrees(t *testing.T) []string {
	examples, err := filepath.Glob("../../examples/*")
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"../../content", "../../testdata/minimal", "testdata/schema"}, examples...)
}

// The committed schemas are what the loader records now: a field added to
// a reader and not to the schema fails here (go test -update rewrites them).
func TestContentSchemas(t *testing.T) {
	got, err := RecordSchemas(schemaTrees(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"catalogue", "lint", "measure", "plan", "site", "site-location", "subsystem", "vendor"}
	var names []string
	for n := range got {
		names = append(names, strings.TrimSuffix(n, ".schema.json"))
	}
	sort.Strings(names)
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("recorded schemas %v, want %v", names, want)
	}
	if *updateSchemas {
		if err := os.MkdirAll(schemaDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for n, data := range got {
			if err := os.WriteFile(filepath.Join(schemaDir, n), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for n, data := range got {
		old, err := os.ReadFile(filepath.Join(schemaDir, n))
		if err != nil || !bytes.Equal(old, data) {
			t.Errorf("schemas/content/%s is not what the loader records (run go test ./generator/load -run TestContentSchemas -update): %v", n, err)
		}
	}
	// The vendor schema knows a field of a nested mapping, and says what it is.
	if s := string(got["vendor.schema.json"]); !strings.Contains(s, `"module"`) || !strings.Contains(s, `"subprocessor_list"`) {
		t.Errorf("the vendor schema lacks transfer modules or subprocessor_list:\n%s", s)
	}
}

// kindOf gives the schema of a content file, by its place in the tree.
func kindOf(rel string) string {
	switch rel = filepath.ToSlash(rel); {
	case rel == SiteFile:
		return "site"
	case rel == CatalogueFile:
		return "catalogue"
	case rel == LintFile:
		return "lint"
	case rel == PlanFile:
		return "plan"
	case strings.HasPrefix(rel, VendorsDir+"/"):
		return "vendor"
	case strings.HasPrefix(rel, SitesDir+"/"):
		return "site-location"
	case strings.HasPrefix(rel, MeasuresDir+"/"):
		return "measure"
	case strings.HasPrefix(rel, SubsystemsDir+"/"):
		return "subsystem"
	}
	return ""
}

func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	files, _ := filepath.Glob(filepath.Join(schemaDir, "*.schema.json"))
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(filepath.Base(f), doc); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		s, err := c.Compile(filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".schema.json")] = s
	}
	if len(out) == 0 {
		t.Fatal("no schemas under schemas/content")
	}
	return out
}

// yamlValue turns a YAML node into the value an editor's YAML language
// server validates: scalars by their YAML 1.2 tag, a date stays text.
func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		return yamlValue(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			return n.Value == "true", nil
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				return n.Value, nil
			}
			return f, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("unsupported YAML node at line %d", n.Line)
}

func validateFile(t *testing.T, schemas map[string]*jsonschema.Schema, kind string, data []byte) error {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	v, err := yamlValue(&n)
	if err != nil {
		t.Fatal(err)
	}
	return schemas[kind].Validate(v)
}

// contentFiles lists the YAML files of a tree by kind, releases aside.
func contentFiles(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() && rel == ReleasesDir {
			return filepath.SkipDir
		}
		if k := kindOf(rel); k != "" && strings.HasSuffix(p, ".yaml") {
			out[k] = append(out[k], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// content/ and every example validate; one broken file of each kind (an
// unknown field, as check reports it) is rejected.
func TestSchemasValidateContent(t *testing.T) {
	schemas := compileSchemas(t)
	kinds := map[string]bool{}
	for _, dir := range schemaTrees(t) {
		for kind, files := range contentFiles(t, dir) {
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if err := validateFile(t, schemas, kind, data); err != nil {
					t.Errorf("%s: %v", f, err)
				}
				if kinds[kind] {
					continue
				}
				kinds[kind] = true
				broken := brokenCopy(t, data)
				if validateFile(t, schemas, kind, broken) == nil {
					t.Errorf("%s with an unknown field: the %s schema accepts it", f, kind)
				}
			}
		}
	}
	if len(kinds) != len(schemas) {
		t.Errorf("broke %d kinds of file, want all %d", len(kinds), len(schemas))
	}
}

// brokenCopy adds a misspelt field to the file's (first) entity.
func brokenCopy(t *testing.T, data []byte) []byte {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	m := n.Content[0]
	if m.Kind == yaml.SequenceNode {
		m = m.Content[0]
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "titel"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "x"})
	out, err := yaml.Marshal(&n)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
