// Package corpus writes large, valid content trees for benchmarks: the seed
// content (content/) with its subsystems, measures, vendors and sites
// repeated under new IDs until the tree has N subsystems.
//
// It takes a seed directory, a target directory and N, and gives a content
// tree that 'trustdocs check' accepts: both languages, translation source
// hashes recorded (translate.Mark), and the seed's releases. The output
// depends only on the seed and N.
package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/load"
	"trustdocs/generator/model"
	"trustdocs/generator/translate"
)

// entityDirs hold one YAML file per entity (or a list of them); they are
// repeated.
var entityDirs = []string{"vendors", "sites", "measures", "subsystems"}

// Generate writes a content tree of n subsystems into dir (which must not
// exist or be empty), derived from seed.
func Generate(seed, dir string, n int) error {
	site, errs := load.Load(seed)
	if errs.HasErrors() {
		return fmt.Errorf("seed %s: %v", seed, errs.Err())
	}
	per := len(site.Subsystems)
	if per == 0 || n < 1 {
		return fmt.Errorf("seed %s has no subsystems, or n=%d < 1", seed, n)
	}
	ids := entityIDs(site)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The seed as it is (releases, pages, site.yaml, catalogue) …
	if err := copyTree(seed, dir); err != nil {
		return err
	}
	// … and copies 2, 3, … of its entities, the last one cut short.
	subFiles, err := yamlFiles(filepath.Join(seed, "subsystems"))
	if err != nil {
		return err
	}
	if n < per {
		for _, f := range subFiles[n:] {
			if err := os.Remove(filepath.Join(dir, "subsystems", f)); err != nil {
				return err
			}
		}
	}
	copies := (n + per - 1) / per
	for k := 2; k <= copies; k++ {
		left := n - (k-1)*per // subsystems still wanted
		for _, d := range entityDirs {
			files, err := yamlFiles(filepath.Join(seed, d))
			if err != nil {
				return err
			}
			for _, f := range files {
				if d == "subsystems" && left <= 0 {
					break
				}
				data, err := os.ReadFile(filepath.Join(seed, d, f))
				if err != nil {
					return err
				}
				out, err := rename(data, ids, k)
				if err != nil {
					return fmt.Errorf("%s/%s: %v", d, f, err)
				}
				name := fmt.Sprintf("c%04d-%s", k, f)
				if err := os.WriteFile(filepath.Join(dir, d, name), out, 0o644); err != nil {
					return err
				}
				if d == "subsystems" {
					left--
				}
			}
		}
	}
	if copies > 1 {
		if err := growPlan(seed, dir, ids, copies); err != nil {
			return err
		}
	}
	return mark(dir)
}

// entityIDs are the IDs of every vendor, site, component, measure and
// subsystem.
func entityIDs(site *model.Site) map[string]bool {
	ids := map[string]bool{}
	for _, v := range site.Vendors {
		ids[v.ID.ID] = true
	}
	for _, l := range site.Locations {
		ids[l.ID.ID] = true
		for _, c := range l.Components {
			ids[c.ID.ID] = true
		}
	}
	for _, m := range site.Measures {
		ids[m.ID.ID] = true
	}
	for _, s := range site.Subsystems {
		ids[s.ID.ID] = true
	}
	return ids
}

// planFile is plan.yaml as the corpus rewrites it.
type planFile struct {
	Staff       []string         `yaml:"staff,omitempty"`
	Services    []string         `yaml:"services,omitempty"`
	Connections []map[string]any `yaml:"connections,omitempty"`
}

// growPlan extends the seed's plan.yaml with the copies' services and
// connections, keeping only those whose parts exist (the last copy may be
// cut short).
func growPlan(seed, dir string, ids map[string]bool, copies int) error {
	data, err := os.ReadFile(filepath.Join(seed, load.PlanFile))
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	site, errs := load.Load(dir)
	if errs.HasErrors() {
		return fmt.Errorf("generated %s: %v", dir, errs.Err())
	}
	exists := entityIDs(site)
	exists[model.PlanInternet] = true
	// plan.yaml's own keys are no IDs, though "staff" is a subsystem's.
	planIDs := map[string]bool{}
	for id := range ids {
		planIDs[id] = true
	}
	for _, key := range []string{"staff", "services", "connections"} {
		delete(planIDs, key)
	}
	var out planFile
	for k := 1; k <= copies; k++ {
		b := data
		if k > 1 {
			if b, err = rename(data, planIDs, k); err != nil {
				return fmt.Errorf("%s: %v", load.PlanFile, err)
			}
		}
		var p planFile
		if err := yaml.Unmarshal(b, &p); err != nil {
			return fmt.Errorf("%s: %v", load.PlanFile, err)
		}
		for _, id := range p.Staff {
			if exists[id] {
				out.Staff = append(out.Staff, id)
			}
		}
		for _, id := range p.Services {
			if exists[id] {
				out.Services = append(out.Services, id)
			}
		}
		for _, c := range p.Connections {
			from, _ := c["from"].(string)
			to, _ := c["to"].(string)
			if exists[from] && exists[to] {
				out.Connections = append(out.Connections, c)
			}
		}
	}
	b, err := yaml.Marshal(&out)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, load.PlanFile), b, 0o644)
}

// mark records the source hashes of every translation (the copies' titles
// changed, so their translations are re-marked).
func mark(dir string) error {
	site, errs := load.Load(dir)
	if errs.HasErrors() {
		return fmt.Errorf("generated %s: %v", dir, errs.Err())
	}
	for _, lang := range site.LangIDs()[1:] {
		res, errs := translate.Mark(site, translate.MarkOptions{Lang: lang, Stale: true})
		if errs.HasErrors() {
			return errs.Err()
		}
		if err := translate.Commit(res.Changes); err != nil {
			return err
		}
	}
	return nil
}

// rename gives the YAML with every scalar that is an entity ID (but no
// text) suffixed with "-cK", and the titles and names numbered.
func rename(data []byte, ids map[string]bool, k int) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, key)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				kn, vn := n.Content[i], n.Content[i+1]
				switch {
				case (key == "title" || key == "name" || key == "legal_name") && !strings.Contains(kn.Value, "@") && vn.Kind == yaml.ScalarNode:
					vn.Value = fmt.Sprintf("%s (%d)", vn.Value, k)
				case ids[kn.Value] && key != "goals":
					kn.Value = fmt.Sprintf("%s-c%d", kn.Value, k)
					walk(vn, kn.Value)
				default:
					walk(vn, kn.Value)
				}
			}
		case yaml.ScalarNode:
			switch {
			case key == "de" || key == "en" || strings.Contains(key, "@"):
			case key == "name" || key == "legal_name" || key == "title":
				n.Value = fmt.Sprintf("%s (%d)", n.Value, k)
			case ids[n.Value]:
				n.Value = fmt.Sprintf("%s-c%d", n.Value, k)
			}
		}
	}
	walk(&doc, "")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func yamlFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
