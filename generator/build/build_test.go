package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Two builds of the same content give byte-identical files.
func TestReproducible(t *testing.T) {
	var outs [2]string
	for i := range outs {
		outs[i] = filepath.Join(t.TempDir(), "out")
		if _, diags, err := Build(Options{Content: "../../testdata/minimal", Out: outs[i]}); err != nil {
			t.Fatalf("%v\n%v", err, diags.Items())
		}
	}
	err := filepath.Walk(outs[0], func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(outs[0], p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(outs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
