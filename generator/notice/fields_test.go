package notice_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustdocs/generator/build"
	"trustdocs/generator/diff"
)

// copyContent copies content/ (releases included) to a temporary tree.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "content")
	err := filepath.Walk(content, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

// A category that becomes the controller's duty is a field change with its
// old and new status in the report, and in the notice a change under that
// category's number and title, not under its neighbour's. A measure given
// a title is named by it in the report and shows it inserted in Anlage 1.
func TestNoticeShowsTOMStatusUnderItsCategory(t *testing.T) {
	tree := copyContent(t)
	edit(t, filepath.Join(tree, "catalogue.yaml"),
		"        title: {de: Trennungskontrolle, en: Separation control, en@: d9ca940f}\n",
		"        title: {de: Trennungskontrolle, en: Separation control, en@: d9ca940f}\n        status: controller\n        reason: {de: Die Trennung der Mandanten legt der Auftraggeber fest., en: The controller decides how clients are separated.}\n")
	edit(t, filepath.Join(tree, "measures/16-anlage1.yaml"),
		"- id: firewalls-restrictive\n",
		"- id: firewalls-restrictive\n  title: {de: Firewalls, en: Firewalls}\n")

	nt, _, _, err := build.Compare(tree, "", "2.1", "current", "de")
	if err != nil {
		t.Fatal(err)
	}
	var status, title *diff.Field
	for _, c := range nt.Report.Changes {
		for i, f := range c.Fields {
			if c.Entity == diff.EntTOM && c.Title == "Trennungskontrolle" && f.Name == "status" {
				status = &c.Fields[i]
			}
			if c.Entity == diff.EntMeasure && c.Title == "Firewalls" && f.Name == "title" {
				title = &c.Fields[i]
			}
		}
	}
	if status == nil || status.Old != "anwendbar" || status.New != "in der Verantwortung des Auftraggebers" {
		t.Errorf("status change of Trennungskontrolle: %+v (changes %+v)", status, nt.Report.ByEntity(diff.EntTOM))
	}
	if title == nil || title.Old != "" || title.New != "Firewalls" {
		t.Errorf("title change of the measure: %+v (changes %+v)", title, nt.Report.ByEntity(diff.EntMeasure))
	}

	md := string(nt.Markdown)
	i := strings.Index(md, "## Technische und organisatorische")
	passage := regexp.MustCompile(`(?s)### (\S+) Trennungskontrolle \{\.unnumbered\}\n\n(.*?)(?:\n#|$)`).FindStringSubmatch(md)
	if passage == nil {
		t.Fatalf("no passage under Trennungskontrolle in the notice:\n%s", md[max(i, 0):])
	}
	if passage[1] != "d)" || !strings.Contains(passage[2], "{++**In der Verantwortung des Auftraggebers:** Die Trennung der Mandanten legt der Auftraggeber fest.++}") {
		t.Errorf("the passage under %s Trennungskontrolle does not show the inserted status:\n%s", passage[1], passage[2])
	}
	if !strings.Contains(md, "{++**Firewalls:**++}") && !strings.Contains(md, "{++**Firewalls:** ++}") {
		t.Errorf("the measure's title is not shown inserted in the notice:\n%s", md)
	}
}
