package site

import (
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/themes"
)

// Every message the layouts use exists in every language, and the site's
// message files have the same keys in every language.
func TestMessagesComplete(t *testing.T) {
	fsys := themes.Default()
	keys := map[string]map[string]bool{} // lang → keys of all its message files
	siteKeys := map[string][]string{}    // lang → keys of site.<lang>.yaml
	files, err := fs.Glob(fsys, "i18n/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(f[len("i18n/"):], ".yaml"), ".")
		lang := parts[len(parts)-1]
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if keys[lang] == nil {
			keys[lang] = map[string]bool{}
		}
		for k := range m {
			keys[lang][k] = true
			if parts[0] == "site" {
				siteKeys[lang] = append(siteKeys[lang], k)
			}
		}
	}
	if len(siteKeys) < 2 {
		t.Fatalf("site message files for %d languages, want de and en", len(siteKeys))
	}
	for lang, ks := range siteKeys {
		sort.Strings(ks)
		for other, oks := range siteKeys {
			for _, k := range ks {
				if !contains(oks, k) {
					t.Errorf("i18n/site.%s.yaml has %s, i18n/site.%s.yaml does not", lang, k, other)
				}
			}
		}
	}
	used := regexp.MustCompile(`\bT "(\w+)"`)
	layouts, _ := fs.Glob(fsys, "layouts/*.html")
	for _, tmpl := range []string{"templates/history.md.tmpl", "templates/change-report.md.tmpl"} {
		layouts = append(layouts, tmpl)
	}
	for _, f := range layouts {
		data, _ := fs.ReadFile(fsys, f)
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			for lang := range keys {
				if !keys[lang][m[1]] {
					t.Errorf("%s uses message %s, which language %s lacks", f, m[1], lang)
				}
			}
		}
	}
	// Messages the Go code asks for.
	for _, k := range []string{"SiteLanguageName", "SiteHeading", "SiteRootIntro", "SiteRootEnter", "SiteSectionLink", "SiteSizeBytes", "SiteSizeKB", "SiteSizeMB",
		// archive, drafts, feeds (site), change report and history PDFs (build)
		"SiteFeedTitle", "SiteFeedAllTitle", "SiteReleaseHeading", "SiteFeedSubAdded", "SiteFeedSubRemoved", "SiteFeedSubChanged", "SiteFeedSubprocessors",
		"SiteChangeReportFile", "SiteChangeReportTitle", "SiteChangeReportSubtitle", "SiteDraftBanner", "SiteDraftBannerIndex", "SiteDraftLink",
		"SiteArchivedBanner", "SiteArchivedLink", "SiteLatestBanner", "SiteLatestLink", "SiteRelease", "SiteAllDocuments", "SiteDraftWatermark",
		"DiffEffective", "DiffObjection", "DiffTitle"} {
		for lang := range keys {
			if !keys[lang][k] {
				t.Errorf("language %s lacks message %s", lang, k)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
