package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trustdocs/generator/diag"
	"trustdocs/generator/load"
	"trustdocs/generator/model"
)

const minimal = "../../testdata/minimal"

// tree copies testdata/minimal and applies edits: file → old → new.
func tree(t *testing.T, edits map[string][][2]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	err := filepath.Walk(minimal, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(minimal, path)
		target := filepath.Join(dir, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := string(data)
		for _, e := range edits[filepath.ToSlash(rel)] {
			if !strings.Contains(s, e[0]) {
				t.Fatalf("%s has no %q", rel, e[0])
			}
			s = strings.Replace(s, e[0], e[1], 1)
		}
		return os.WriteFile(target, []byte(s), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// freshness loads and checks dir, giving the report and the diagnostics
// with paths relative to dir, one per line.
func freshness(t *testing.T, dir string, opts Options) (*Report, []string) {
	t.Helper()
	site, errs := load.Load(dir)
	report, verrs := Check(site)
	errs.Add(verrs)
	errs.Add(Freshness(site, opts, report))
	var lines []string
	for _, d := range errs.Items() {
		sev := "E"
		if d.Severity == diag.Warning {
			sev = "W"
		}
		lines = append(lines, sev+" "+strings.TrimPrefix(filepath.ToSlash(d.String()), filepath.ToSlash(dir)+"/"))
	}
	return report, lines
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics:\n%s\nwant %d:\n%s", len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}
}

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func TestStaleTranslations(t *testing.T) {
	tls := model.SourceHash("Alle Verbindungen sind verschlüsselt (TLS 1.3).")
	dir := tree(t, map[string][][2]string{
		"measures/general.yaml": {
			{"en: All connections are encrypted (TLS 1.3).", "en: All connections are encrypted (TLS 1.3).\n    en@: " + tls},
			{"en: Access rights to systems are documented.", "en: Access rights to systems are documented.\n    en@: 0badc0de"},
		},
		"catalogue.yaml":                  {{"en: User behaviour}", "en: User behaviour, en@: 12345678}"}},
		"pages/introduction.en.md":        {{"title: Introduction\n", "title: Introduction\nsource: " + model.PageHash("Einführung", "Die Beispiel GmbH betreibt einen Dienst.\n") + "\n"}},
		"pages/incident-management.en.md": {{"title: Incident management\n", "title: Incident management\nsource: abcdef12\n"}},
	})
	report, got := freshness(t, dir, Options{})
	expect(t, got,
		`W catalogue.yaml:10:40: warning: stale translation (en): source text changed: the title of threat "user-behaviour"; update the en text, then run 'trustdocs translate mark --lang en --stale threat.user-behaviour.title'`,
		`W measures/general.yaml:5:9: warning: stale translation (en): source text changed: the text of measure "access-rights-documented"`,
		`W pages/incident-management.en.md:3:9: warning: stale translation (en): source text changed: page "incident-management"`,
	)
	en := report.Coverage[1]
	if en.Stale != 3 || en.Unrecorded != 33-5 || en.Have != 33 || report.Coverage[0].Stale != 0 {
		t.Errorf("coverage %+v", report.Coverage)
	}
	_, got = freshness(t, dir, Options{Strict: true})
	if len(got) != 3+28 {
		t.Fatalf("strict: %d diagnostics:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, l := range got {
		if !strings.HasPrefix(l, "E ") {
			t.Errorf("not an error with --strict: %s", l)
		}
	}
	if !strings.Contains(strings.Join(got, "\n"), `E measures/general.yaml:18:9: translation (en) of the text of measure "badge-access" records no source hash: check it against the de text, then run 'trustdocs translate mark --lang en measure.badge-access.text'`) {
		t.Errorf("no unrecorded error for badge-access:\n%s", strings.Join(got, "\n"))
	}
}

// The hash is taken of the normalised source: layout changes keep a
// translation current, word changes do not.
func TestSourceHashNormalisation(t *testing.T) {
	same := []string{"Zeile eins.\nZeile zwei.\n", "Zeile eins.\r\nZeile zwei.", "\n\nZeile eins.  \nZeile zwei.\n\n\n", "Zeile eins.\nZeile zwei."}
	for _, s := range same[1:] {
		if model.SourceHash(s) != model.SourceHash(same[0]) {
			t.Errorf("%q and %q hash differently", s, same[0])
		}
	}
	for _, s := range []string{"Zeile eins. Zeile zwei.", "Zeile eins.\n\nZeile zwei.", "Zeile 1.\nZeile zwei."} {
		if model.SourceHash(s) == model.SourceHash(same[0]) {
			t.Errorf("%q hashes like %q", s, same[0])
		}
	}
	if model.SourceHash("Gr\u00fc\u00dfe") != model.SourceHash("Gru\u0308\u00dfe") {
		t.Error("NFC and NFD forms hash differently")
	}
	if h := model.SourceHash("x"); len(h) != 8 || !model.ValidHash(h) {
		t.Errorf("hash %q", h)
	}
}

func TestReviews(t *testing.T) {
	dir := tree(t, map[string][][2]string{
		"site.yaml": {
			{"languages: [de, en]\n", "languages: [de, en]\nreview_interval: 12 months\n"},
			{"    date: 2026-11-01\n    classification: public\n    pages:", "    date: 2026-11-01\n    reviewed: 2025-11-01\n    classification: public\n    pages:"},
			{"    date: 2026-11-01\n    classification: public\n", "    date: 2026-11-01\n    reviewed: 2026-12-01\n    classification: public\n"},
		},
		"subsystems/01-hosting.yaml": {{"measures: [access-rights-documented, tls, badge-access]\n", "measures: [access-rights-documented, tls, badge-access]\nreviewed: 2025-12-10\nreview_interval: 1 year\n"}},
	})
	report, got := freshness(t, dir, Options{Today: today})
	got = reviewsOnly(got)
	expect(t, got,
		`W site.yaml:21:15: warning: review of document "sicherheitskonzept" is overdue: last reviewed on 2025-11-01, due on 2026-11-01 (every 12 months); review it and update reviewed:`,
		`W site.yaml:32:15: warning: the review date of document "toms", 2026-12-01, lies in the future (today is 2026-11-22)`,
		`W subsystems/01-hosting.yaml:13:11: warning: review of subsystem "hosting" is due on 2026-12-10, in 18 days: last reviewed on 2025-12-10 (every 1 year)`,
		`W subsystems/02-wiki.yaml:1:5: warning: subsystem "wiki" has no review date: review it, then record the day as reviewed: YYYY-MM-DD (it is due every 12 months)`,
	)
	if r := report.NextReview; r == nil || r.Due != "2026-11-01" || r.What != `document "sicherheitskonzept"` {
		t.Errorf("next review %+v", r)
	}
	_, got = freshness(t, dir, Options{Today: today, Strict: true})
	got = reviewsOnly(got)
	expect(t, got,
		`E site.yaml:21:15: review of document "sicherheitskonzept" is overdue`,
		`W site.yaml:32:15: warning: the review date of document "toms"`,
		`W subsystems/01-hosting.yaml:13:11: warning: review of subsystem "hosting" is due on 2026-12-10`,
		`E subsystems/02-wiki.yaml:1:5: subsystem "wiki" has no review date`,
	)
	// Without a date only what does not depend on it: the missing review.
	_, got = freshness(t, dir, Options{})
	expect(t, reviewsOnly(got), `W subsystems/02-wiki.yaml:1:5: warning: subsystem "wiki" has no review date`)
	// A site without review_interval asks for no review date.
	_, got = freshness(t, tree(t, nil), Options{Today: today, Strict: true})
	expect(t, reviewsOnly(got))
}

func reviewsOnly(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, "review") {
			out = append(out, l)
		}
	}
	return out
}

func TestIntervals(t *testing.T) {
	base := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   model.Interval
		want string
	}{
		{model.Interval{N: 90, Unit: model.Days}, "2026-05-01"},
		{model.Interval{N: 2, Unit: model.Weeks}, "2026-02-14"},
		{model.Interval{N: 6, Unit: model.Months}, "2026-07-31"},
		{model.Interval{N: 1, Unit: model.Years}, "2027-01-31"},
	} {
		if got := c.in.After(base).Format(time.DateOnly); got != c.want {
			t.Errorf("%v after %s = %s, want %s", c.in, base.Format(time.DateOnly), got, c.want)
		}
	}
}

// A measure's title is a translated text like the others: its source hash
// marks the translation current or stale, and translate mark names it.
func TestMeasureTitleFreshness(t *testing.T) {
	dir := tree(t, map[string][][2]string{
		"measures/general.yaml": {
			{"- id: tls\n", "- id: tls\n  title: {de: Transportverschlüsselung, en: Encryption in transit, en@: " + model.SourceHash("Verschlüsselung") + "}\n"},
			{"- id: access-rights-documented\n", "- id: access-rights-documented\n  title: {de: Rechtedokumentation, en: Documented access rights, en@: " + model.SourceHash("Rechtedokumentation") + "}\n"},
		},
	})
	_, got := freshness(t, dir, Options{})
	expect(t, got,
		`W measures/general.yaml:8:45: warning: stale translation (en): source text changed: the title of measure "tls"; update the en text, then run 'trustdocs translate mark --lang en --stale measure.tls.title'`,
	)
}
