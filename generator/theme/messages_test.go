package theme

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/themes"
)

// Every message key that the templates, the layouts or the Go code ask for
// exists in every language, and every key of one language exists in all.
// The keys are read from the sources, not from a list kept by hand.
func TestMessagesComplete(t *testing.T) {
	t.Parallel()
	fsys := themes.Default()
	keys := map[string]map[string]string{} // lang → key → file
	files, err := fs.Glob(fsys, "i18n/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".yaml"), ".")
		lang := parts[len(parts)-1]
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if keys[lang] == nil {
			keys[lang] = map[string]string{}
		}
		for k := range m {
			keys[lang][k] = f
		}
	}
	if len(keys) < 2 {
		t.Fatalf("message files for %d languages, want de and en", len(keys))
	}
	for _, ks := range keys {
		for k, f := range ks {
			for other := range keys {
				if _, ok := keys[other][k]; !ok {
					t.Errorf("%s has %s, language %s lacks it", f, k, other)
				}
			}
		}
	}

	used := map[string]string{} // key → where it is asked for
	inTemplates := regexp.MustCompile(`\bT "([\w.]+)"`)
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tmpl") || strings.HasSuffix(p, ".html")) {
			data, _ := fs.ReadFile(fsys, p)
			for _, m := range inTemplates.FindAllStringSubmatch(string(data), -1) {
				used[m[1]] = p
			}
		}
		return nil
	})
	inGo := regexp.MustCompile(`\.[Tt]\("([\w.]+)"`)
	for _, root := range []string{"../../generator", "../../cmd"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			data, _ := os.ReadFile(p)
			for _, m := range inGo.FindAllStringSubmatch(string(data), -1) {
				if strings.HasSuffix(m[1], ".") {
					continue // a family of keys ("Field." + name): checked by the symmetry above
				}
				used[m[1]] = p
			}
			return nil
		})
	}
	if len(used) < 50 {
		t.Fatalf("found only %d message keys in the sources: is the pattern still right?", len(used))
	}
	for k, where := range used {
		for lang := range keys {
			if _, ok := keys[lang][k]; !ok {
				t.Errorf("%s asks for message %s, which language %s lacks", where, k, lang)
			}
		}
	}
}
