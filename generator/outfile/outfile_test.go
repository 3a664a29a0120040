package outfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(filepath.Join(content, "pages"), 0o755)
	os.WriteFile(filepath.Join(content, "site.yaml"), []byte("languages: [de]"), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.xlf"), []byte(`<xliff><mda:metaGroup category="trustdocs">`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("my notes"), 0o644)
	os.Symlink(filepath.Join(content, "site.yaml"), filepath.Join(dir, "link.xlf"))
	os.Symlink(content, filepath.Join(dir, "c"))
	ours := func(head []byte) bool { return strings.Contains(string(head), `category="trustdocs"`) }
	for _, c := range []struct {
		path  string
		force bool
		want  string // "" for allowed
	}{
		{filepath.Join(content, "site.yaml"), false, "inside the content directory"},
		{filepath.Join(content, "site.yaml"), true, "inside the content directory"},
		{filepath.Join(content, "pages", "new.md"), true, "inside the content directory"},
		{filepath.Join(dir, "c", "site.yaml"), true, "inside the content directory"},
		{filepath.Join(dir, "c", "new", "x.xlf"), true, "inside the content directory"},
		{filepath.Join(dir, "link.xlf"), true, "symbolic link"},
		{filepath.Join(dir, "notes.txt"), false, "was not written by this command"},
		{filepath.Join(dir, "notes.txt"), true, ""},
		{filepath.Join(dir, "mine.xlf"), false, ""},
		{filepath.Join(dir, "new.xlf"), false, ""},
		{dir, true, "not a regular file"},
	} {
		err := Guard(c.path, []string{content}, c.force, ours)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s (force %v): %v, want allowed", c.path, c.force, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s (force %v): %v, want %q", c.path, c.force, err, c.want)
		}
	}
}
