package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// content/ in its three editions, with a release of its own cut as
// `release` cuts it (the public edition): the build passes the leak
// check, and each edition holds what its audience may read — the customer
// details are in the customer and internal PDFs, the public summary in
// their place in the public ones, the public archive included. Every
// edition publishes the same released PDFs (a release is a cut of the
// public edition), and a current document equal to its release is no
// draft in any edition, though the customer text differs from it.
func TestContentInThreeEditions(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (make deps)")
	}
	tree := filepath.Join(t.TempDir(), "content")
	copyTree(t, "../../content", tree)
	if err := os.RemoveAll(filepath.Join(tree, "releases")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"release", "2.1", "--content", tree, "--date", "2026-11-23", "--notes", "Erste Fassung.", "--note", "en=First edition."}, &stdout, &stderr); code != exitOK {
		t.Fatalf("release: exit %d\n%s", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "out")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "--content", tree, "--out", out, "--today", "2026-12-03"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "leak") {
		t.Errorf("build reported a leak:\n%s", stderr.String())
	}
	detail := map[string][]string{
		"de": {"Es wird kein Virenschutzprogramm verwendet", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "Einzelinstallation ohne Redundanz", "selbst signiertes Sicherheitszertifikat", "nicht den Webmail-Zugang zu verwenden"},
		"en": {"No anti-virus program is used", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "single installation without redundancy", "self-signed security certificate"},
	}
	summary := map[string][]string{
		"de": {"Auf den Servern werden nur vom Hersteller freigegebene Anwendungen", "Die schnelle Wiederherstellung der Funktion des Firewall Servers", "Alle Verbindungen sind verschlüsselt (TLS).", "Öffentliche Fassung"},
		"en": {"Only applications approved by the manufacturer", "The rapid restoration of the function of the firewall server", "All connections are encrypted (TLS).", "Public edition"},
	}
	for _, lang := range []string{"de", "en"} {
		pub := pdfText(t, filepath.Join(out, "public", lang, "sicherheitskonzept.pdf"))
		arch := pdfText(t, filepath.Join(out, "public", lang, "releases", "2.1", "sicherheitskonzept.pdf"))
		for _, s := range detail[lang] {
			for _, ed := range []string{"customer", "internal"} {
				if txt := pdfText(t, filepath.Join(out, ed, lang, "sicherheitskonzept.pdf")); !strings.Contains(txt, s) {
					t.Errorf("%s %s security concept lacks the detail %q", ed, lang, s)
				}
			}
			if strings.Contains(pub, s) || strings.Contains(arch, s) {
				t.Errorf("public %s security concept (or its release 2.1) holds the customer detail %q", lang, s)
			}
		}
		for _, s := range summary[lang] {
			if !strings.Contains(pub, s) {
				t.Errorf("public %s security concept lacks the summary %q", lang, s)
			}
		}
		if !strings.Contains(pdfText(t, filepath.Join(out, "customer", lang, "toms.pdf")), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384") ||
			strings.Contains(pdfText(t, filepath.Join(out, "public", lang, "toms.pdf")), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384") {
			t.Errorf("%s Anlage 1: the cipher suites are not the customer's only", lang)
		}
	}
	model := func(ed string) string {
		b, err := os.ReadFile(filepath.Join(out, ed, "de", "model.json"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if strings.Contains(model("public"), `"self-signed-cert"`) || !strings.Contains(model("customer"), `"self-signed-cert"`) {
		t.Error("model.json: the customer-only measure self-signed-cert is in the public edition or missing from the customer one")
	}
	// The customer reads the releases the public reads, byte for byte, and
	// the customer edition of a released document is not a draft.
	for _, lang := range []string{"de", "en"} {
		released := filepath.Join(lang, "releases", "2.1", "sicherheitskonzept.pdf")
		pub, err := os.ReadFile(filepath.Join(out, "public", released))
		if err != nil {
			t.Fatal(err)
		}
		for _, ed := range []string{"customer", "internal"} {
			got, err := os.ReadFile(filepath.Join(out, ed, released))
			if err != nil || !bytes.Equal(got, pub) {
				t.Errorf("%s edition: %s is not the public release's file (%v)", ed, released, err)
			}
			first := pdfText(t, filepath.Join(out, ed, lang, "sicherheitskonzept.pdf"))
			if strings.Contains(first, "ENTWURF") || strings.Contains(first, "DRAFT") {
				t.Errorf("%s edition: the %s security concept of release 2.1 is marked as a draft", ed, lang)
			}
		}
	}
	// Only the public edition is for search engines.
	for ed, want := range map[string]bool{"public": false, "customer": true, "internal": true} {
		robots, _ := os.ReadFile(filepath.Join(out, ed, "robots.txt"))
		page, _ := os.ReadFile(filepath.Join(out, ed, "de", "index.html"))
		if got := strings.Contains(string(robots), "Disallow: /\n"); got != want {
			t.Errorf("%s robots.txt disallows all: %v, want %v (%q)", ed, got, want, robots)
		}
		if got := strings.Contains(string(page), `<meta name="robots" content="noindex`); got != want {
			t.Errorf("%s pages say noindex: %v, want %v", ed, got, want)
		}
	}
	// --audience builds one edition into the output directory itself.
	one := filepath.Join(t.TempDir(), "customer-site")
	stderr.Reset()
	if code := run([]string{"build", "--content", tree, "--out", one, "--audience", "customer", "--today", "2026-12-03", "--quiet"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build --audience customer: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(pdfText(t, filepath.Join(one, "de", "sicherheitskonzept.pdf")), "Es wird kein Virenschutzprogramm verwendet") {
		t.Error("build --audience customer: the customer detail is missing")
	}
	if _, err := os.Stat(filepath.Join(one, "public")); err == nil {
		t.Error("build --audience customer wrote an edition folder")
	}
}
