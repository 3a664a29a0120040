package theme

import (
	"os"
	"path/filepath"
	"testing"
)

// A theme's message file with one key changes that key only: the other
// keys of the default file of the same name stay (Hugo's behaviour).
func TestMessagesMergePerKey(t *testing.T) {
	t.Parallel()
	base, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	def := base.Localizer("de")
	id, other := "Contents", "Email"
	want, err := def.T(other, nil)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "i18n", "de.yaml"), []byte(id+": Überschrieben\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	loc := th.Localizer("de")
	if got, err := loc.T(id, nil); err != nil || got != "Überschrieben" {
		t.Errorf("overridden %s = %q, %v; want Überschrieben", id, got, err)
	}
	if got, err := loc.T(other, nil); err != nil || got != want {
		t.Errorf("untouched %s = %q, %v; want the default %q", other, got, err, want)
	}
}
