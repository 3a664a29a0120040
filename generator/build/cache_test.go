package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
)

// A build with a cache, after an edit of one measure, writes the same bytes
// as a build without one, and typesets only the current documents: the
// archive's PDFs and change reports come from the cache.
func TestCacheGivesTheSameOutput(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := buildtest.Copy(content); err != nil {
		t.Fatal(err)
	}
	cache := build.NewCache()
	first, diags, err := build.Build(build.Options{Content: content, Out: filepath.Join(dir, "a"), Cache: cache})
	if err != nil {
		t.Fatal(err, diags.Err())
	}
	// A release cut from the current content holds documents identical to
	// current ones: a job that finds its twin already typeset in the same
	// build takes it from the cache (whether it does depends on the order
	// the workers take them), but nothing else may come from it.
	if most := twins(t, filepath.Join(dir, "a"), first.Files); first.Cached > most {
		t.Errorf("the first build took %d PDFs from an empty cache, more than the %d repeated documents", first.Cached, most)
	}

	measures := filepath.Join(content, "measures", "13-staff.yaml")
	b, err := os.ReadFile(measures)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(b, []byte("Homeoffice"), []byte("Home-Office"), 1)
	if bytes.Equal(b, edited) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(measures, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	second, diags, err := build.Build(build.Options{Content: content, Out: filepath.Join(dir, "b"), Cache: cache})
	if err != nil {
		t.Fatal(err, diags.Err())
	}
	if _, diags, err := build.Build(build.Options{Content: content, Out: filepath.Join(dir, "c")}); err != nil {
		t.Fatal(err, diags.Err())
	}
	current := 0
	for _, f := range second.Files {
		if strings.HasSuffix(f, ".pdf") && !strings.Contains(f, "/releases/") {
			current++
		}
	}
	if want := second.PDFs - current; second.Cached != want {
		t.Errorf("the second build took %d PDFs from the cache, want the %d of the archive", second.Cached, want)
	}
	for _, f := range second.Files {
		x, err := os.ReadFile(filepath.Join(dir, "b", f))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dir, "c", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between the build with a cache and the one without", f)
		}
	}
}

// twins counts the PDFs of an output that repeat another one byte for byte.
func twins(t *testing.T, out string, files []string) int {
	t.Helper()
	seen := map[string]bool{}
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f, ".pdf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if seen[string(b)] {
			n++
		}
		seen[string(b)] = true
	}
	return n
}
