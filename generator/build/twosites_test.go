package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"trustdocs/generator/pdf"
)

// Two builds of different content at once, in one process, each give the
// output that build gives alone: no model, cache or state is shared between
// them (the resolved models passed between stages through a global map,
// model.Memoize, before they became a value of each build).
func TestParallelBuildsOfTwoSites(t *testing.T) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../../testdata/minimal", other)
	site := filepath.Join(other, "site.yaml")
	data, err := os.ReadFile(site)
	if err != nil || !strings.Contains(string(data), "Beispiel GmbH") {
		t.Fatalf("site.yaml of testdata/minimal names no Beispiel GmbH (%v)", err)
	}
	os.WriteFile(site, bytes.ReplaceAll(data, []byte("Beispiel GmbH"), []byte("Andere AG")), 0o644)
	contents := []string{"../../testdata/minimal", other}
	build := func(content string) *Result {
		r, diags, err := Build(Options{Content: content, InMemory: true, Fonts: fonts})
		if err != nil {
			t.Errorf("%s: %v\n%v", content, err, diags.Items())
		}
		return r
	}
	var alone, together [2]*Result
	for i, c := range contents {
		alone[i] = build(c)
	}
	var wg sync.WaitGroup
	for i, c := range contents {
		wg.Add(1)
		go func() { defer wg.Done(); together[i] = build(c) }()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i := range contents {
		if len(alone[i].Output) != len(together[i].Output) {
			t.Errorf("%s: %d files alone, %d at once with another site", contents[i], len(alone[i].Output), len(together[i].Output))
		}
		for name, want := range alone[i].Output {
			if !bytes.Equal(together[i].Output[name], want) {
				t.Errorf("%s: %s differs when another site is built at the same time", contents[i], name)
			}
		}
	}
	for name, a := range alone[0].Output {
		if strings.HasSuffix(name, "model.json") && bytes.Equal(a, alone[1].Output[name]) {
			t.Errorf("%s is the same for both sites: the test builds nothing different", name)
		}
	}
	if !bytes.Contains(together[1].Output["de/model.json"], []byte("Andere AG")) || bytes.Contains(together[0].Output["de/model.json"], []byte("Andere AG")) {
		t.Error("a site's model.json holds the other site's organisation")
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
