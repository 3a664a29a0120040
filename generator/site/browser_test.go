package site_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser is a headless Chromium with the console errors of its tab.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

// newBrowser starts Debian's chromium with the flags this machine needs
// (no network: without them Chromium waits on connections) and a fresh
// profile. A missing chromium fails the test: `make test` installs it.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := tool(t, "Chromium", "chromium", "chromium", "chromium-browser", "google-chrome")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() { bcancel(); acancel(); cancel() })
	b := &browser{ctx: bctx}
	err := chromedp.Listen(bctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Text
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				msg = fmt.Sprintf("%s %s: %s %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text, ev.Entry.URL)
			}
		}
		if msg != "" {
			b.mu.Lock()
			b.errors = append(b.errors, msg)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return b
}

// takeErrors returns and clears the console errors so far.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errors
	b.errors = nil
	return e
}

func (b *browser) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// open loads a page and fails on console errors, a stylesheet that did
// not apply, or a script.
func (b *browser) open(t *testing.T, url string) {
	t.Helper()
	b.takeErrors()
	b.do(t, "navigate to "+url, chromedp.Navigate(url))
	b.checkPage(t, url)
}

func (b *browser) checkPage(t *testing.T, url string) {
	t.Helper()
	// Wait for late resources (the icon) before reading the errors.
	eval[bool](t, b, `new Promise(r => requestAnimationFrame(() => setTimeout(() => r(true), 50)))`)
	for _, e := range b.takeErrors() {
		t.Errorf("%s: %s", url, e)
	}
	if font := eval[string](t, b, `getComputedStyle(document.body).fontFamily`); !strings.Contains(font, "system-ui") {
		t.Errorf("%s: the stylesheet did not apply (body font %q)", url, font)
	}
	if n := eval[int](t, b, `document.scripts.length`); n != 0 {
		t.Errorf("%s: %d scripts", url, n)
	}
}

// location returns the page's URL, with a trailing index.html dropped (the
// file server redirects …/index.html to …/).
func (b *browser) location(t *testing.T) string {
	t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(loc, "index.html")
}

// clickAndWait clicks the element and waits for the page it leads to.
func (b *browser) clickAndWait(t *testing.T, sel string) {
	t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// screenshotDir is where the browser test leaves its screenshots, for a
// person to look at.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "trustdocs-screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func (b *browser) screenshot(t *testing.T, dir, name string, full bool) {
	t.Helper()
	action := chromedp.CaptureScreenshot()
	if full {
		action = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(b.ctx, action)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The site in a real browser, served under a sub-path and from file://.
func TestBrowser(t *testing.T) {
	t.Parallel()
	files, dir := contentSite(t)
	b := newBrowser(t)

	var mu sync.Mutex
	var outside []string
	mux := http.NewServeMux()
	mux.Handle("/trust/", http.StripPrefix("/trust/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		outside = append(outside, r.URL.Path)
		mu.Unlock()
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base := srv.URL + "/trust/"

	desktop := chromedp.EmulateViewport(1280, 900)
	phone := chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)

	t.Run("pages", func(t *testing.T) {
		for _, width := range []string{"desktop", "phone"} {
			if width == "desktop" {
				b.do(t, "viewport", desktop)
			} else {
				b.do(t, "viewport", phone)
			}
			for _, name := range browserPages(files) {
				b.open(t, base+name)
				// Against the emulated width: a phone's layout viewport
				// (innerWidth) grows with content wider than the screen.
				screen := map[string]string{"desktop": "1280", "phone": "390"}[width]
				if w := eval[int](t, b, `document.documentElement.scrollWidth - `+screen); w > 0 {
					t.Errorf("%s (%s): the page is %d px wider than the window", name, width, w)
				}
			}
		}
		b.do(t, "viewport", desktop)
	})

	t.Run("language switch", func(t *testing.T) {
		for _, name := range browserPages(files) {
			lang, inLang, ok := strings.Cut(name, "/")
			if !ok {
				continue
			}
			other := map[string]string{"de": "en", "en": "de"}[lang]
			b.open(t, base+name)
			// The page in the other language is the one its hreflang names
			// (a document's slug differs: sicherheitskonzept, security-concept).
			alt := eval[string](t, b, `(document.querySelector('link[rel=alternate][hreflang="`+other+`"]') || {}).href || ""`)
			if alt == "" {
				t.Errorf("%s: no <link rel=alternate hreflang=%s>", name, other)
				alt = base + other + "/" + inLang
			}
			b.clickAndWait(t, `.lang-switch a[hreflang="`+other+`"]`)
			want := strings.TrimSuffix(alt, "index.html")
			if got := b.location(t); got != want {
				t.Errorf("%s: the switch to %s leads to %s, want %s", name, other, got, want)
			}
			b.checkPage(t, want)
			if got := eval[string](t, b, `document.documentElement.lang`); got != other {
				t.Errorf("%s: the %s page has lang %q", name, other, got)
			}
		}
	})

	t.Run("contents", func(t *testing.T) {
		for _, vp := range []struct {
			name string
			act  chromedp.Action[chromedp.Void]
			only string
		}{{"desktop", desktop, ""}, {"phone", phone, "de/sicherheitskonzept.html"}} {
			b.do(t, "viewport", vp.act)
			for _, name := range browserPages(files) {
				if (vp.only != "" && name != vp.only) || !strings.Contains(string(files[name]), `class="toc"`) {
					continue
				}
				// Of the archive, one document and one change report.
				if strings.Contains(name, "/releases/") && name != "de/releases/1.1/toms.html" && name != "en/releases/2.0/changes.html" {
					continue
				}
				b.open(t, base+name)
				// One contents shows: the sidebar on a desktop; on a phone the
				// collapsed one, opened by a tap on its summary.
				sel := ".toc-wide a"
				if vp.name == "phone" {
					sel = ".toc-narrow a"
					state := eval[string](t, b, `[getComputedStyle(document.querySelector(".toc-wide")).display, getComputedStyle(document.querySelector(".toc-narrow")).display, document.querySelector(".toc-narrow").open].join(" ")`)
					if state != "none block false" {
						t.Errorf("%s (phone): contents (sidebar display, collapsed display, open) = %s, want none block false", name, state)
					}
					if h := eval[float64](t, b, `document.querySelector(".toc-narrow").getBoundingClientRect().height`); h > 80 {
						t.Errorf("%s (phone): the collapsed contents are %.0f px tall", name, h)
					}
					b.do(t, "open the contents", chromedp.Click(chromedp.CSS(".toc-narrow > summary")))
				} else if d := eval[string](t, b, `getComputedStyle(document.querySelector(".toc-narrow")).display`); d != "none" {
					t.Errorf("%s (desktop): the collapsed contents show (display %s) beside the sidebar", name, d)
				}
				links, err := chromedp.Run(b.ctx, chromedp.Nodes(chromedp.CSSAll(sel)))
				if err != nil {
					t.Fatal(err)
				}
				if len(links) == 0 {
					t.Errorf("%s: no contents links", name)
				}
				for _, l := range links {
					href := l.AttributeValue("href")
					b.do(t, "click "+href, chromedp.MouseClickNode(l))
					res := eval[string](t, b, `(() => {
						const id = decodeURIComponent(location.hash.slice(1));
						const el = document.getElementById(id);
						if (!el) return "no element #" + id;
						const r = el.getBoundingClientRect();
						if (r.top < -1 || r.top > innerHeight - 20) return "#" + id + " is at y=" + Math.round(r.top) + " of " + innerHeight;
						return "ok #" + id;
					})()`)
					if !strings.HasPrefix(res, "ok ") {
						t.Errorf("%s (%s): after a click on %s: %s", name, vp.name, href, res)
					} else if got := "#" + strings.TrimPrefix(res, "ok #"); got != mustUnescape(href) {
						t.Errorf("%s (%s): a click on %s went to %s", name, vp.name, href, got)
					}
				}
				for _, e := range b.takeErrors() {
					t.Errorf("%s: %s", name, e)
				}
			}
		}
		b.do(t, "viewport", desktop)
	})

	t.Run("downloads", func(t *testing.T) {
		checked := 0
		for _, name := range browserPages(files) {
			b.open(t, base+name)
			type dl struct{ Href, Sum string }
			dls := eval[[]dl](t, b, `[...document.querySelectorAll("a[download]")].map(a => ({
				Href: a.href, Sum: a.closest(".download, .attachment").querySelector(".verify .checksum code").textContent}))`)
			for _, d := range dls {
				resp, err := http.Get(d.Href)
				if err != nil {
					t.Fatal(err)
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				sum := sha256.Sum256(data)
				switch {
				case resp.StatusCode != http.StatusOK:
					t.Errorf("%s: download %s: %s", name, d.Href, resp.Status)
				case !strings.HasPrefix(string(data), "%PDF-"):
					t.Errorf("%s: download %s is no PDF", name, d.Href)
				case hex.EncodeToString(sum[:]) != d.Sum:
					t.Errorf("%s: download %s has SHA-256 %x, the page shows %s", name, d.Href, sum, d.Sum)
				}
				checked++
			}
		}
		if checked < 12 { // 6 documents, each on its landing page and its own page
			t.Errorf("only %d download links checked", checked)
		}
	})

	t.Run("print", func(t *testing.T) {
		b.open(t, base+"de/sicherheitskonzept.html")
		b.do(t, "print media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		hidden := eval[string](t, b, `[".toc", ".site-nav", ".download"].map(s => getComputedStyle(document.querySelector(s)).display).join(" ")`)
		if hidden != "none none none" {
			t.Errorf("print: contents, navigation and download show (display %s)", hidden)
		}
		b.do(t, "screen media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
			return err
		}))
	})

	t.Run("file", func(t *testing.T) {
		root := "file://" + filepath.ToSlash(dir) + "/"
		b.open(t, root+"index.html")
		b.clickAndWait(t, `a[hreflang="de"]`)
		if got, want := b.location(t), root+"de/"; got != want {
			t.Errorf("root page → %s, want %s", got, want)
		}
		b.checkPage(t, "file de/index.html")
		b.clickAndWait(t, `.doc-actions a[href="toms.html"]`)
		b.checkPage(t, "file de/toms.html")
		b.clickAndWait(t, `.lang-switch a[hreflang="en"]`)
		if got, want := b.location(t), root+"en/toms.html"; got != want {
			t.Errorf("language switch from file:// → %s, want %s", got, want)
		}
		b.checkPage(t, "file en/toms.html")
	})

	t.Run("standalone change report", func(t *testing.T) {
		page := standaloneReport(t)
		name := filepath.Join(t.TempDir(), "changes.html")
		if err := os.WriteFile(name, page, 0o644); err != nil {
			t.Fatal(err)
		}
		b.open(t, "file://"+filepath.ToSlash(name)) // fails on a CSP violation (console error) or no style
		if n := eval[int](t, b, `document.querySelectorAll("ins").length * document.querySelectorAll("del").length`); n == 0 {
			t.Error("the standalone change report shows no <ins> or no <del>")
		}
		if deco := eval[string](t, b, `getComputedStyle(document.querySelector(".doc-body del")).textDecorationLine`); deco != "line-through" {
			t.Errorf("deleted text is not struck through: %q", deco)
		}
		if deco := eval[string](t, b, `getComputedStyle(document.querySelector(".doc-body ins")).textDecorationLine`); deco != "underline" {
			t.Errorf("inserted text is not underlined: %q", deco)
		}
		b.screenshot(t, screenshotDir(t), "standalone-changes-1280.png", false)
	})

	// The overview plan: the wide layout on a desktop, the one-column one on
	// a phone (without scrolling sideways), every label inside its box and
	// readable (at least 9 px tall).
	viewports := []struct {
		width string
		act   chromedp.Action[chromedp.Void]
	}{{"1280", desktop}, {"390", phone}}

	t.Run("plan", func(t *testing.T) {
		shots := screenshotDir(t)
		for _, vp := range viewports {
			b.do(t, "viewport", vp.act)
			for _, name := range []string{"de/sicherheitskonzept.html", "en/security-concept.html"} {
				b.open(t, base+name)
				problems := eval[[]string](t, b, `(() => {
					const out = [];
					const shown = [...document.querySelectorAll("figure.plan svg")].filter(s => s.getBoundingClientRect().width > 0);
					if (shown.length != 1) return [shown.length + " plans shown, want 1"];
					const svg = shown[0];
					const want = innerWidth < 600 ? "plan-narrow" : "plan-wide";
					if (!svg.parentElement.classList.contains(want)) out.push("shows " + svg.parentElement.className + ", want " + want);
					const fig = svg.closest("figure");
					if (innerWidth < 600 && fig.scrollWidth > fig.clientWidth) out.push("the phone plan scrolls sideways");
					const groups = svg.querySelectorAll("g");
					if (groups.length < 10) out.push("only " + groups.length + " boxes");
					for (const g of groups) {
						const rect = g.querySelector(":scope > rect");
						if (!rect) continue;
						const r = rect.getBoundingClientRect();
						for (const tx of g.querySelectorAll(":scope > text")) {
							const b = tx.getBoundingClientRect();
							if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
								out.push("text " + JSON.stringify(tx.textContent) + " leaves its box");
							if (b.height < 9) out.push("text " + JSON.stringify(tx.textContent) + " is " + b.height.toFixed(1) + " px tall");
						}
					}
					// On a phone no text under 11 px; nowhere a line through a label.
					const k = svg.getScreenCTM().a;
					const texts = [...svg.querySelectorAll("text")];
					for (const tx of texts) {
						const px = parseFloat(tx.getAttribute("font-size")) * k;
						if (innerWidth < 600 && px < 11) out.push("text " + JSON.stringify(tx.textContent) + " is " + px.toFixed(1) + " px");
					}
					const pt = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(svg.getScreenCTM()); };
					const crosses = (a, b, r) => {
						// Liang–Barsky clipping of the segment a–b against r.
						let t0 = 0, t1 = 1;
						const dx = b.x - a.x, dy = b.y - a.y;
						for (const [p, q] of [[-dx, a.x - r.left], [dx, r.right - a.x], [-dy, a.y - r.top], [dy, r.bottom - a.y]]) {
							if (p === 0) { if (q < 0) return false; continue; }
							const t = q / p;
							if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
							if (t0 > t1) return false;
						}
						return true;
					};
					for (const pl of svg.querySelectorAll("polyline, line")) {
						const ps = pl.tagName === "line"
							? [pt(+pl.getAttribute("x1"), +pl.getAttribute("y1")), pt(+pl.getAttribute("x2"), +pl.getAttribute("y2"))]
							: pl.getAttribute("points").trim().split(/\s+/).map(s => s.split(",").map(Number)).map(([x, y]) => pt(x, y));
						for (const tx of texts) {
							const b = tx.getBoundingClientRect();
							const r = {left: b.left + 1, right: b.right - 1, top: b.top + 1, bottom: b.bottom - 1};
							for (let i = 1; i < ps.length; i++) {
								if (crosses(ps[i - 1], ps[i], r)) { out.push("a line crosses the label " + JSON.stringify(tx.textContent)); break; }
							}
						}
					}
					return out;
				})()`)
				for _, p := range problems {
					t.Errorf("%s (%s): %s", name, vp.width, p)
				}
				b.do(t, "scroll to plan", chromedp.ScrollIntoView(chromedp.CSS("figure.plan")))
				b.screenshot(t, shots, strings.ReplaceAll(name, "/", "-")+"-plan-"+vp.width+".png", false)
				// The protection-goal matrix: its caption, then the table.
				// It stays a table on a phone, and fits.
				if res := eval[string](t, b, `(() => {
					const c = [...document.querySelectorAll(".doc-body p > strong")].find(e => /^(Schutzziele der|Protection goals of)/.test(e.textContent));
					if (!c) return "no protection-goal matrix";
					c.scrollIntoView();
					const wrap = c.parentElement.nextElementSibling;
					if (!wrap || !wrap.classList.contains("compact")) return "the matrix is no compact table";
					if (getComputedStyle(wrap.querySelector("tr")).display !== "table-row") return "the matrix is stacked";
					if (wrap.scrollWidth > wrap.clientWidth + 1) return "the matrix is " + (wrap.scrollWidth - wrap.clientWidth) + " px too wide";
					return "ok";
				})()`); res != "ok" {
					t.Errorf("%s (%s): %s", name, vp.width, res)
				}
				b.screenshot(t, shots, strings.ReplaceAll(name, "/", "-")+"-matrix-"+vp.width+".png", false)
			}
		}
		b.do(t, "viewport", desktop)
	})

	t.Run("screenshots", func(t *testing.T) {
		// Pictures for a person to look at, no assertion: `make screenshots`.
		if os.Getenv("TRUSTDOCS_SCREENSHOTS") == "" {
			t.Skip("set TRUSTDOCS_SCREENSHOTS=1 (make screenshots) to write the pages as PNG")
		}
		shots := screenshotDir(t)
		for _, vp := range viewports {
			b.do(t, "viewport", vp.act)
			for _, p := range []struct {
				url, name string
				full      bool
			}{
				{"index.html", "root", false},
				{"de/index.html", "de-index", true},
				{"de/sicherheitskonzept.html", "de-sicherheitskonzept", false},
				{"en/index.html", "en-index", true},
				{"en/security-concept.html#subsystem-darz", "en-security-concept-darz", false},
				{"en/releases/2.0/changes.html", "en-changes-2.0", false},
				{"de/subprocessors.html", "de-subprocessors", true},
				{"de/releases/2.0/changes.html", "de-changes-2.0", false},
				{"de/releases/1.1/changes.html#redline-subprocessors", "de-changes-1.1-subprocessors", false},
				{"en/releases/1.0/toms.html", "en-archive-1.0-toms", false},
			} {
				b.open(t, base+p.url)
				b.screenshot(t, shots, p.name+"-"+vp.width+".png", p.full)
			}
		}
		b.do(t, "viewport", desktop)
		t.Logf("screenshots in %s", shots)
	})

	t.Run("trust centre", func(t *testing.T) {
		testTrustCentre(t, b, srv.URL, func(dir string) string {
			mux.Handle("/trustcentre/", http.StripPrefix("/trustcentre/", http.FileServer(http.Dir(dir))))
			return srv.URL + "/trustcentre/"
		})
	})

	mu.Lock()
	defer mu.Unlock()
	for _, p := range outside {
		t.Errorf("the browser requested %s, outside the site's sub-path /trust/", p)
	}
}

// browserPages are the pages the browser visits: every page but of the
// archive, whose pages share the layouts and the renderer, only release
// 1.1 (its page, a document, its change report) and the change report of
// 2.0 in each language. TestLinksResolve and TestPagesAreValidHTML check
// every page.
func browserPages(files map[string][]byte) []string {
	var out []string
	for _, name := range pages(files) {
		if strings.Contains(string(files[name]), `http-equiv="refresh"`) {
			continue // a redirect (the trust-centre test follows one)
		}
		_, rest, _ := strings.Cut(name, "/")
		if !strings.HasPrefix(rest, "releases/") {
			out = append(out, name)
			continue
		}
		switch strings.TrimPrefix(rest, "releases/") {
		case "1.1/index.html", "1.1/toms.html", "1.1/changes.html", "2.0/changes.html":
			out = append(out, name)
		}
	}
	return out
}

func mustUnescape(href string) string {
	s, err := url.PathUnescape(href)
	if err != nil {
		return href
	}
	return s
}
