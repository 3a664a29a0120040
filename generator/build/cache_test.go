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
// as a build without one, and typesets only the current documents the
// edit changed: the archive's PDFs are stored with their releases, the
// unchanged documents come from the cache.
func TestCacheGivesTheSameOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := buildtest.Copy(content); err != nil {
		t.Fatal(err)
	}
	cache := build.NewCache()
	audience := ""
	if build.RaceDetector {
		audience = "public" // the public edition: the same stages, a third of the typesetting
	}
	first, diags, err := build.Build(build.Options{Content: content, Out: filepath.Join(dir, "a"), Cache: cache, Audience: audience})
	if err != nil {
		t.Fatal(err, diags.Err())
	}
	// The archive's PDFs are stored with their releases; from the empty
	// cache only a PDF the same build typesets twice may come.
	archived := 0
	for _, f := range first.Files {
		if strings.HasSuffix(f, ".pdf") && strings.Contains(f, "/releases/") {
			archived++
		}
	}
	if first.Cached < archived {
		t.Errorf("the first build took %d PDFs from an empty cache or the releases, want at least the %d stored ones", first.Cached, archived)
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
	second, diags, err := build.Build(build.Options{Content: content, Out: filepath.Join(dir, "b"), Cache: cache, Audience: audience})
	if err != nil {
		t.Fatal(err, diags.Err())
	}
	if build.RaceDetector {
		return // the detector watched the cache shared by the workers; the bytes are the plain run's to compare
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
	if want := second.PDFs - current; second.Cached <= want || second.Cached == second.PDFs {
		t.Errorf("the second build took %d of %d PDFs from the cache or the releases, want the %d of the archive and the unchanged current ones", second.Cached, second.PDFs, want)
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
