package site

import (
	"testing"

	"trustdocs/generator/theme"
)

func TestFileSize(t *testing.T) {
	t.Parallel()
	th, err := theme.Open("")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		n      int
		de, en string
	}{
		{0, "0 Byte", "0 bytes"},
		{999, "999 Byte", "999 bytes"},
		{1000, "1 KB", "1 KB"},
		{1024, "1 KB", "1 KB"},
		{151234, "148 KB", "148 KB"},
		{1048000, "1,0 MB", "1.0 MB"},
		{1572864, "1,5 MB", "1.5 MB"},
		{12 * 1024 * 1024, "12,0 MB", "12.0 MB"},
	} {
		for lang, want := range map[string]string{"de": c.de, "en": c.en} {
			got, err := fileSize(th.Localizer(lang), lang, c.n)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("fileSize(%s, %d) = %q, want %q", lang, c.n, got, want)
			}
		}
	}
}
