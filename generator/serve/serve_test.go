package serve

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../../testdata/minimal", content)
	s, err := New(content, "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts, content
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A saved change to the content is in the served page a moment later; a
// broken change keeps the last good page, with the error shown on it.
func TestEditRebuilds(t *testing.T) {
	s, ts, content := start(t)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { s.Watch(stop); close(done) }()
	t.Cleanup(func() { close(stop); <-done })
	time.Sleep(100 * time.Millisecond) // let the watcher start

	page := ts.URL + "/de/sicherheitskonzept.html"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "/__trustdocs/version") {
		t.Fatalf("GET %s: %d, no reload script", page, code)
	}
	intro := filepath.Join(content, "pages", "introduction.de.md")
	data, err := os.ReadFile(intro)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "Zebrastreifenprüfung"
	if err := os.WriteFile(intro, append(data, []byte("\n\n"+marker+" im Testlauf.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, page, func(body string) bool { return strings.Contains(body, marker) })

	// Break the site: the page stays, the error is shown.
	site := filepath.Join(content, "site.yaml")
	if err := os.WriteFile(site, []byte("languages: [de, en\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, page, func(body string) bool {
		return strings.Contains(body, marker) && strings.Contains(body, "trustdocs-serve-error")
	})
	// The banner speaks the page's language (it was English on German pages).
	for path, want := range map[string]string{
		"/de/sicherheitskonzept.html": "trustdocs: Der Inhalt hat Fehler; gezeigt wird der letzte fehlerfreie Stand.",
		"/en/":                        "trustdocs: the content has errors; showing the last good build.",
	} {
		if _, body := get(t, ts.URL+path); !strings.Contains(body, `<pre id="trustdocs-serve-error"`) || !strings.Contains(body, want+"\n") {
			t.Errorf("%s: the error banner does not say %q", path, want)
		}
	}
	// The built files stay script-free: only responses get the script.
	s.mu.Lock()
	built, ok := s.files["de/sicherheitskonzept.html"]
	s.mu.Unlock()
	if !ok || strings.Contains(string(built), "<script") {
		t.Errorf("the built page holds a script, or is missing (%v)", ok)
	}
}

func waitFor(t *testing.T, url string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if code, body := get(t, url); code == 200 && ok(body) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not change as expected within 20 s", url)
}

// Nothing outside the site is served, however the path is spelled.
func TestTraversal(t *testing.T) {
	_, ts, content := start(t)
	secret := filepath.Join(filepath.Dir(content), "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/de/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt", "/..%5csecret.txt", "/de/..%2f..%2f..%2fetc/passwd", "/.trustdocs-output",
		"/%00", "/de/%2e%2e%2f%2e%2e%2fsecret.txt",
	} {
		req, err := http.NewRequest("GET", ts.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.RawPath = ""
		req.URL.Opaque = p // sent as written, not cleaned by the client
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("GET %s: status %d, want 404 or 400", p, resp.StatusCode)
		}
		if strings.Contains(string(b), "top secret") || strings.Contains(string(b), "root:") {
			t.Errorf("GET %s: served a file outside the site", p)
		}
	}
	if code, _ := get(t, ts.URL+"/"); code != 200 {
		t.Errorf("GET /: %d", code)
	}
}

// The preview answers only to its own names (a DNS-rebinding page that
// names evil.example gets nothing), forbids framing and sniffing, and
// sends /en to /en/ so the page's relative links work.
func TestHeadersHostAndRedirect(t *testing.T) {
	s, ts, _ := start(t)
	s.Hosts = []string{"preview.internal"}
	for host, want := range map[string]int{
		"evil.example": http.StatusMisdirectedRequest, "evil.example:1313": http.StatusMisdirectedRequest,
		"127.0.0.1": 200, "localhost:1313": 200, "[::1]:1313": 200, "preview.internal:1313": 200, "PREVIEW.internal.": 200,
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/de/sicherheitskonzept.html", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
		if want != 200 && strings.Contains(string(b), "<html") {
			t.Errorf("Host %q: served the page", host)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("Host %q: headers %v", host, resp.Header)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL + "/en?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/en/?x=1" {
		t.Errorf("GET /en: %d to %q, want 301 to /en/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := get(t, ts.URL+"/en/"); code != 200 {
		t.Errorf("GET /en/: %d", code)
	}
}

// A content directory replaced as a whole (moved away, a new one put in
// its place, as a checkout can do) is watched where it now is.
func TestWatchReplacedDir(t *testing.T) {
	s, ts, content := start(t)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { s.Watch(stop); close(done) }()
	t.Cleanup(func() { close(stop); <-done })
	time.Sleep(100 * time.Millisecond)

	if err := os.Rename(content, content+".old"); err != nil {
		t.Fatal(err)
	}
	copyDir(t, content+".old", content)
	page := ts.URL + "/de/sicherheitskonzept.html"
	intro := filepath.Join(content, "pages", "introduction.de.md")
	const first, second = "Zebrastreifenprüfung", "Ampelphasenprüfung"
	appendText := func(marker string) {
		data, err := os.ReadFile(intro)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(intro, append(data, []byte("\n\n"+marker+" im Testlauf.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(200 * time.Millisecond)
	appendText(first)
	waitFor(t, page, func(body string) bool { return strings.Contains(body, first) })
	appendText(second) // a second edit: the new directory is watched, not only its arrival
	waitFor(t, page, func(body string) bool { return strings.Contains(body, second) })
}
