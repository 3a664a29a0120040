package theme

import (
	"io/fs"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/themes"
)

// counted are the words of every counted message of the default theme
// (a message whose template uses {{.Count}}) for the counts 0, 1 and 2, per
// language. A new counted message must be added here.
var counted = map[string]map[string][3]string{
	"DiffSubstantive": {
		"de": {"0 inhaltliche Änderungen", "1 inhaltliche Änderung", "2 inhaltliche Änderungen"},
		"en": {"0 substantive changes", "1 substantive change", "2 substantive changes"},
	},
	"DiffEditorialCount": {
		"de": {"0 redaktionelle Änderungen", "1 redaktionelle Änderung", "2 redaktionelle Änderungen"},
		"en": {"0 editorial changes", "1 editorial change", "2 editorial changes"},
	},
	"NoticeCount": {
		"de": {"0 Änderungen", "1 Änderung", "2 Änderungen"},
		"en": {"0 changes", "1 change", "2 changes"},
	},
	"NoticeMore": {
		"de": {"… sowie 0 weitere Änderungen in diesem Abschnitt; maßgeblich ist der Wortlaut des Dokuments.", "… sowie 1 weitere Änderung in diesem Abschnitt; maßgeblich ist der Wortlaut des Dokuments.", "… sowie 2 weitere Änderungen in diesem Abschnitt; maßgeblich ist der Wortlaut des Dokuments."},
		"en": {"… and 0 further changes in this section; the wording of the document prevails.", "… and 1 further change in this section; the wording of the document prevails.", "… and 2 further changes in this section; the wording of the document prevails."},
	},
	"SiteSizeBytes": {
		"de": {"0 Byte", "1 Byte", "2 Byte"},
		"en": {"0 bytes", "1 byte", "2 bytes"},
	},
}

// Every counted message has plural forms (one, other) in every language and
// reads right for 0, 1 and 2.
func TestCountedMessages(t *testing.T) {
	th, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	files, _ := fs.Glob(themes.Default(), "i18n/*.yaml")
	for _, f := range files {
		data, _ := fs.ReadFile(themes.Default(), f)
		var msgs map[string]any
		if err := yaml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, v := range msgs {
			switch v := v.(type) {
			case string:
				if strings.Contains(v, "."+CountKey+"}}") || strings.Contains(v, "."+CountKey+" ") {
					t.Errorf("%s: %s takes a count but has no plural forms (one:, other:)", f, id)
				}
			case map[string]any:
				if _, ok := v["one"]; !ok {
					t.Errorf("%s: %s has plural forms but no one:", f, id)
				}
				if _, ok := v["other"]; !ok {
					t.Errorf("%s: %s has plural forms but no other:", f, id)
				}
				found[id] = true
			}
		}
	}
	for id := range found {
		if _, ok := counted[id]; !ok {
			t.Errorf("counted message %s has no expected words in this test", id)
		}
	}
	for id, langs := range counted {
		if !found[id] {
			t.Errorf("%s is not a counted message of the theme", id)
		}
		for lang, want := range langs {
			loc := th.Localizer(lang)
			for n, w := range want {
				got, err := loc.T(id, map[string]any{CountKey: n, "Size": n})
				if err != nil {
					t.Errorf("%s (%s) with %d: %v", id, lang, n, err)
				} else if got != w {
					t.Errorf("%s (%s) with %d: got %q, want %q", id, lang, n, got, w)
				}
			}
		}
	}
}
