package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/validate"
)

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func check(dir string) (*model.Site, []diag.Diagnostic) {
	site, errs := load.Load(dir)
	_, verrs := validate.Check(site)
	errs.Add(verrs)
	return site, errs.Items()
}

// What the author fills in, by field: the test's stand-in for a person.
var fill = map[string]string{
	"de": "Ein Text.", "en": "A text.",
	"name": "Acme", "legal_name": "Acme GmbH", "city": "Berlin", "country": "DE",
	"role": "controller", "kind": "office",
}

// fillIn writes a value after every empty field the skeleton left for the
// author (not the commented-out optional ones), and a TOM category.
func fillIn(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	empty := regexp.MustCompile(`^(\s*)([a-z_]+):(\s*(#.*)?)$`)
	var out []string
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		nested := i+1 < len(lines) && indent(lines[i+1]) > indent(l) // a text: its languages follow
		if m := empty.FindStringSubmatch(l); m != nil && !nested {
			if v, ok := fill[m[2]]; ok {
				l = m[1] + m[2] + ": " + v + m[3]
			}
		}
		l = strings.Replace(l, "tom: []", "tom: [encryption]", 1)
		l = strings.Replace(l, "measures: []", "measures: [tls]", 1)
		out = append(out, l)
	}
	os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644)
}

func indent(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// Each kind gives a skeleton that loads, whose only errors are the fields
// left for the author; filled in, the content is valid.
func TestSkeletons(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			copyTree(t, "../../testdata/minimal", dir)
			site, _ := check(dir)
			sk, err := Make(site, kind, "new-"+kind)
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(sk); err != nil {
				t.Fatal(err)
			}
			_, items := check(dir)
			if len(items) == 0 {
				t.Fatal("the skeleton has nothing to fill in")
			}
			lines := strings.Split(string(sk.Data), "\n")
			for _, d := range items {
				if d.Pos.File != sk.Path {
					t.Errorf("a problem outside the skeleton: %v", d)
					continue
				}
				ok := strings.Contains(d.Msg, "missing translation") || strings.Contains(d.Msg, "missing text of") ||
					strings.Contains(d.Msg, "is empty: give it a value") || strings.Contains(d.Msg, "lists no threats, requirements or measures") ||
					strings.Contains(d.Msg, "has no TOM category")
				if !ok || d.Severity != diag.Error {
					t.Errorf("not a field left to fill in: %v", d)
				}
				if line := lines[d.Pos.Line-1]; strings.HasPrefix(strings.TrimSpace(line), "#") {
					t.Errorf("reported at a comment: %v", d)
				}
			}
			fillIn(t, sk.Path)
			_, items = check(dir)
			for _, d := range items {
				t.Errorf("after filling in: %v", d)
			}
			// Every field of the kind is in the skeleton, used or commented out.
			for _, field := range fields[kind] {
				if !regexp.MustCompile(`(?m)^[#\s-]*` + field + `:`).Match(sk.Data) {
					t.Errorf("the skeleton lacks field %s:\n%s", field, sk.Data)
				}
			}
		})
	}
}

// fields lists every field of each kind (docs/content-model.md).
var fields = map[string][]string{
	Subsystem: {"id", "title", "provider", "contractor", "summary", "description", "data", "goals", "status", "reason", "delegated_intro", "not_operational_note", "threats_scope", "threats", "requirements", "measures_intro", "measures", "residual_risks", "risk", "acceptance", "verdict", "reviewed", "review_interval"},
	Vendor:    {"id", "name", "legal_name", "address", "street", "postcode", "city", "country", "website", "statement", "certifications", "role", "service", "data", "locations", "dpa", "transfer", "transfer_note"},
	Measure:   {"id", "tom", "sites", "text"},
	Site:      {"id", "name", "kind", "vendor", "address", "street", "postcode", "city", "country"},
}

func TestRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, "../../testdata/minimal", dir)
	site, _ := check(dir)
	for _, c := range []struct{ kind, id, want string }{
		{Subsystem, "hosting", `subsystem "hosting" exists already`},
		{Vendor, "hoster", `vendors/hoster.yaml:1:5: vendor "hoster" exists already`},
		{Measure, "tls", `measure "tls" exists already`},
		{Site, "rz-frankfurt", `site "rz-frankfurt" exists already`},
		{Vendor, "Bad_ID", "not a valid id"},
		{"document", "x", `cannot make a "document"`},
	} {
		if _, err := Make(site, c.kind, c.id); err == nil || !strings.Contains(filepath.ToSlash(err.Error()), c.want) {
			t.Errorf("%s %s: %v, want %q", c.kind, c.id, err, c.want)
		}
	}
	// A file of that name (an entity written under another id) is not replaced.
	os.WriteFile(filepath.Join(dir, "vendors", "other.yaml"), []byte("id: something-else\n"), 0o644)
	if _, err := Make(site, Vendor, "other"); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("an existing file: %v", err)
	}
	sk := &Skeleton{Path: filepath.Join(dir, "vendors", "other.yaml"), Data: []byte("x")}
	if err := Write(sk); err == nil {
		t.Error("Write replaced a file")
	}
	if data, _ := os.ReadFile(sk.Path); string(data) != "id: something-else\n" {
		t.Error("the existing file changed")
	}
}

// Numbered folders get the next number, so the new subsystem comes last.
func TestFileNames(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"01-a.yaml", "09-b.yaml", "notes.txt"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	if got := fileName(dir, "c"); got != "10-c.yaml" {
		t.Errorf("got %s", got)
	}
	if got := fileName(t.TempDir(), "c"); got != "c.yaml" {
		t.Errorf("got %s", got)
	}
}
