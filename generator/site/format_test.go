package site

import (
	"testing"

	"trustdocs/generator/theme"
)

func TestFileSize(t *testing.T) {
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

func TestChecksumsFormat(t *testing.T) {
	got := string(checksums(map[string][]byte{"en/b.pdf": []byte("b"), "de/a.pdf": []byte("a")}))
	want := "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  de/a.pdf\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  en/b.pdf\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
