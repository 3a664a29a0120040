package site_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trustdocs/generator/build"
	"trustdocs/generator/build/buildtest"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf"
)

// trustCentreSite builds the example history as on 2026-11-10, when
// release 2.0 is announced (effective 2026-12-01), with an attachment
// added, in its public edition (the one search engines may index): the
// landing page then shows every block of the trust centre.
func trustCentreSite(t *testing.T) (output.Files, string) {
	t.Helper()
	contentSite(t) // fills shared.cache: the PDFs are not typeset again
	content := filepath.Join(t.TempDir(), "content")
	if err := buildtest.Copy(content); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(content, "attachments"), 0o755); err != nil {
		t.Fatal(err)
	}
	cert := []byte("%PDF-1.4\n% a stand-in for a certificate\n%%EOF\n")
	if err := os.WriteFile(filepath.Join(content, "attachments", "iso-27001.pdf"), cert, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(content, "site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\nbase_url: https://trust.connect4video.com\nattachments:\n  - {file: attachments/iso-27001.pdf, title: {de: ISO-27001-Zertifikat des Rechenzentrums, en: ISO 27001 certificate of the data centre}}\n")
	f.Close()
	fonts.once.Do(func() { fonts.f, fonts.err = pdf.LoadFonts() })
	if fonts.err != nil {
		t.Fatal(fonts.err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, diags, err := build.Build(build.Options{Content: content, Out: out, Fonts: fonts.f, Today: "2026-11-10", Cache: shared.cache, Audience: "public"}); err != nil {
		t.Fatalf("%v\n%v", err, diags.Items())
	}
	files, err := readFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	return files, out
}

// The trust centre in the browser, at 1280 and 390 px: the announced
// release, the contacts, the downloads with their checksums one click
// away, buttons on one line, nothing wider than the window; the old
// address of a renamed page leads to the new one; security.txt and
// sitemap.xml as their standards want them.
func testTrustCentre(t *testing.T, b *browser, srvURL string, mount func(dir string) string) {
	files, dir := trustCentreSite(t)
	base := mount(dir)
	desktop := chromedp.EmulateViewport(1280, 900)
	phone := chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)
	shots := screenshotDir(t)
	for _, vp := range []struct {
		width string
		act   chromedp.Action[chromedp.Void]
	}{{"1280", desktop}, {"390", phone}} {
		b.do(t, "viewport", vp.act)
		for _, lang := range []string{"de", "en"} {
			name := lang + "/index.html"
			b.open(t, base+name)
			// A phone's layout viewport grows with content wider than the
			// screen, so widths are compared with the emulated width.
			res := eval[[]string](t, b, `((W) => {
				const out = [];
				const main = document.querySelector("main .landing");
				const blocks = [...main.children].map(e => e.className.split(" ")[0]);
				const want = ["intro", "announcement", "documents", "contacts", "attachments", "informed", "releases", "organisation", "verify"];
				if (blocks.join(" ") !== want.join(" ")) out.push("blocks " + blocks.join(" ") + ", want " + want.join(" "));
				const ann = document.querySelector(".announcement");
				if (ann) {
					const h = ann.querySelector("h2").textContent;
					if (!/ 2\.0 .*(01\.12\.2026|1 December 2026)/.test(h)) out.push("the announcement " + JSON.stringify(h) + " does not say that release 2.0 takes effect on 1 December 2026");
					const a = ann.querySelector("a.button");
					if (!a || !a.href.endsWith("/releases/2.0/changes.html")) out.push("the announcement does not link the change notice");
				}
				const contacts = [...document.querySelectorAll(".contact")].map(c => c.className.replace("contact contact-", "") + "=" + (c.querySelector("a[href^='mailto:']") || {}).textContent);
				const wantC = "security=juergen@connect4video.com objections=datenschutz@connect4video.com vulnerabilities=security@connect4video.com";
				if (contacts.join(" ") !== wantC) out.push("contacts " + contacts.join(" ") + ", want " + wantC);
				for (const d of document.querySelectorAll("details.verify")) {
					if (d.open) out.push("a verify section is open");
					const code = d.querySelector(".checksum code");
					if (code && code.checkVisibility()) out.push("a checksum shows before a click");
				}
				const legal = [...document.querySelectorAll(".footer-legal a")].map(a => a.href).join(" ");
				if (legal !== "https://www.connect4video.com/impressum https://www.connect4video.com/datenschutz") out.push("footer legal links: " + legal);
				const informed = [...document.querySelectorAll(".informed a")].map(a => a.getAttribute("href")).join(" ");
				if (informed !== "feed.xml releases.ics subprocessors.json") out.push("stay informed links: " + informed);
				for (const a of document.querySelectorAll(".button")) {
					const r = a.getBoundingClientRect(), lh = parseFloat(getComputedStyle(a).lineHeight);
					if (r.height > 2 * lh + 4) out.push("button " + JSON.stringify(a.textContent) + " wraps (" + r.height.toFixed(0) + " px)");
					if (r.right > W || a.scrollWidth > a.clientWidth + 1) out.push("button " + JSON.stringify(a.textContent) + " leaves the window or its box");
				}
				if (document.documentElement.scrollWidth > W) out.push("the page is " + (document.documentElement.scrollWidth - W) + " px wider than the window");
				return out;
			})(`+vp.width+`)`)
			for _, p := range res {
				t.Errorf("%s (%s): %s", name, vp.width, p)
			}
			// A click opens the checksum and the commands, which fit.
			b.do(t, "open verify", chromedp.Click(chromedp.CSS(".doc-card details.verify > summary")))
			if r := eval[string](t, b, `((W) => {
				const d = document.querySelector(".doc-card details.verify");
				if (!d.open) return "the click did not open it";
				const c = d.querySelector(".checksum code");
				if (!c.checkVisibility() || !/^[0-9a-f]{64}$/.test(c.textContent)) return "no checksum shows";
				if (!d.querySelector("pre").textContent.includes(d.closest(".doc-card").querySelector("a[download]").getAttribute("href"))) return "the commands do not name the file";
				if (document.documentElement.scrollWidth > W) return "the open section makes the page " + document.documentElement.scrollWidth + " px wide";
				return "ok";
			})(`+vp.width+`)`); r != "ok" {
				t.Errorf("%s (%s): verify: %s", name, vp.width, r)
			}
			b.screenshot(t, shots, "trustcentre-"+lang+"-index-"+vp.width+".png", true)
		}
	}
	b.do(t, "viewport", desktop)

	// The attachment downloads, listed in SHA256SUMS.
	resp, err := http.Get(base + "attachments/iso-27001.pdf")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("attachment: %s", resp.Status)
	}
	if !regexp.MustCompile(`(?m)^[0-9a-f]{64}  attachments/iso-27001\.pdf$`).Match(files["SHA256SUMS"]) {
		t.Error("SHA256SUMS does not list attachments/iso-27001.pdf")
	}

	// The English security concept moved: its old page sends the browser on.
	b.takeErrors()
	b.do(t, "open the old address", chromedp.Navigate(base+"en/sicherheitskonzept.html"))
	time.Sleep(500 * time.Millisecond) // the meta refresh navigates; no script may wait for it
	if got := b.location(t); got != base+"en/security-concept.html" {
		t.Errorf("en/sicherheitskonzept.html leads to %s, want %s", got, base+"en/security-concept.html")
	}
	b.checkPage(t, "en/security-concept.html after the redirect")
	if !strings.HasPrefix(string(files["en/sicherheitskonzept.pdf"]), "%PDF-") || string(files["en/sicherheitskonzept.pdf"]) != string(files["en/security-concept.pdf"]) {
		t.Error("the old address of the English PDF does not hold the PDF")
	}

	checkSecurityTxt(t, files[".well-known/security.txt"])
	checkSitemap(t, files)
}

// checkSecurityTxt parses security.txt as RFC 9116 describes it.
func checkSecurityTxt(t *testing.T, data []byte) {
	t.Helper()
	if len(data) == 0 {
		t.Fatal("no .well-known/security.txt")
	}
	fields := map[string][]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok || strings.TrimSpace(v) != v || v == "" {
			t.Errorf("security.txt line %d is no field: %q", i+1, line)
			continue
		}
		fields[strings.ToLower(k)] = append(fields[strings.ToLower(k)], v)
	}
	for k, vs := range fields {
		switch k {
		case "contact":
			for _, v := range vs {
				if !regexp.MustCompile(`^(mailto:[^@\s]+@[^@\s]+|https://\S+|tel:\S+)$`).MatchString(v) {
					t.Errorf("security.txt Contact %q is no mailto:, https: or tel: URI", v)
				}
			}
		case "expires", "preferred-languages", "canonical", "policy":
			if len(vs) != 1 {
				t.Errorf("security.txt has %d %s fields, RFC 9116 allows one", len(vs), k)
			}
		default:
			t.Errorf("security.txt has the field %q, which RFC 9116 does not define", k)
		}
	}
	if len(fields["contact"]) == 0 || len(fields["expires"]) == 0 {
		t.Errorf("security.txt lacks Contact or Expires (both required):\n%s", data)
	}
	if e := strings.Join(fields["expires"], ""); !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(e) || e != "2027-11-30T23:59:59Z" {
		t.Errorf("security.txt Expires %q, want 2027-11-30T23:59:59Z (RFC 3339, from security_txt.expires)", e)
	}
	if got := strings.Join(fields["preferred-languages"], ""); got != "de, en" {
		t.Errorf("security.txt Preferred-Languages %q, want \"de, en\"", got)
	}
	if got := strings.Join(fields["canonical"], ""); got != "https://trust.connect4video.com/.well-known/security.txt" {
		t.Errorf("security.txt Canonical %q", got)
	}
}

// checkSitemap wants valid sitemap XML naming every page but redirects,
// each with an hreflang link per language that has it (one per language
// for the documents) and robots.txt pointing at it.
func checkSitemap(t *testing.T, files output.Files) {
	t.Helper()
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	const root = "https://trust.connect4video.com/"
	locs := map[string]bool{}
	for _, u := range set.URLs {
		locs[u.Loc] = true
		langs := map[string]string{}
		for _, l := range u.Links {
			langs[l.Hreflang] = l.Href
		}
		if u.Loc == root {
			continue
		}
		if langs["de"] == "" || langs["en"] == "" || langs["x-default"] != root {
			t.Errorf("sitemap: %s has hreflang links %v, want de, en and x-default", u.Loc, langs)
		}
		if langs["de"] != u.Loc && langs["en"] != u.Loc {
			t.Errorf("sitemap: %s is not among its own alternates %v", u.Loc, langs)
		}
	}
	for _, want := range []string{root + "de/sicherheitskonzept.html", root + "en/security-concept.html", root + "en/", root + "de/releases/2.0/changes.html"} {
		if !locs[want] {
			t.Errorf("sitemap does not list %s", want)
		}
	}
	if locs[root+"en/sicherheitskonzept.html"] {
		t.Error("sitemap lists the redirect en/sicherheitskonzept.html")
	}
	if !strings.Contains(string(files["robots.txt"]), "Sitemap: "+root+"sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", files["robots.txt"])
	}
}
