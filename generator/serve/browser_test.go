package serve

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// In a real browser (whose Content-Security-Policy must let the reload
// script run), a saved change to one measure of content/ shows in the open
// page without a click. The time from the save to the new text is logged,
// not asserted (make bench reports it).
func TestEditReloadsTheBrowser(t *testing.T) {
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("chromium is not installed: run the tests with 'make test', which installs it")
	}
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../../content", content)
	var log strings.Builder
	s, err := New(content, "", &log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { s.Watch(stop); close(done) }()
	t.Cleanup(func() { close(stop); <-done })
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()))
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate(ts.URL+"/de/sicherheitskonzept.html")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the watcher and the page's poll start

	file := filepath.Join(content, "measures", "13-staff.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var took []time.Duration
	for i, word := range []string{"Zebrastreifen", "Quellwasser", "Feldlerche"} {
		edited := strings.Replace(string(orig), "Homeoffice", "Homeoffice "+word, 1)
		if edited == string(orig) {
			t.Fatal("the edit changed nothing")
		}
		start := time.Now()
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		for {
			// While the page reloads, the question may fail: ask again.
			seen, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.body.innerText.includes("`+word+`")`))
			if err == nil && seen {
				took = append(took, time.Since(start))
				break
			}
			if time.Since(start) > 30*time.Second {
				t.Fatalf("edit %d: the page did not show %q within 30 s (the reload script did not run?)", i+1, word)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	t.Logf("save → new text in the browser: %v", took)
	t.Logf("builds:\n%s", log.String())
}
