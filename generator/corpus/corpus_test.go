package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"trustdocs/generator/load"
	"trustdocs/generator/release"
	"trustdocs/generator/validate"
)

// A generated corpus has the subsystems asked for, passes the checks, and
// is the same every time.
func TestGenerate(t *testing.T) {
	var dirs [2]string
	for i := range dirs {
		dirs[i] = filepath.Join(t.TempDir(), "c")
		if err := Generate("../../content", dirs[i], 31); err != nil {
			t.Fatal(err)
		}
	}
	site, errs := load.Load(dirs[0])
	_, verrs := validate.Check(site)
	errs.Add(verrs)
	_, rerrs := release.Load(dirs[0])
	errs.Add(rerrs)
	if errs.HasErrors() {
		t.Fatalf("generated corpus has errors: %v", errs.Err())
	}
	if len(site.Subsystems) != 31 {
		t.Errorf("%d subsystems, want 31", len(site.Subsystems))
	}
	filepath.Walk(dirs[0], func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dirs[0], p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two generations", rel)
		}
		return nil
	})
}
