// Package serve is the live preview behind 'trustdocs serve': it builds the
// content into memory, serves those files over HTTP (and nothing else),
// watches the content and theme, rebuilds a moment after a change, and
// makes open pages reload. A build that fails keeps the
// last good site on display, with the error shown on every page and logged.
//
// Only in serve mode is a small script injected into HTML responses; the
// built files themselves stay script-free.
package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"trustdocs/generator/build"
	"trustdocs/generator/output"
	"trustdocs/generator/pdf"
	"trustdocs/generator/theme"
)

// Debounce is how long the watcher waits after the last change before it
// rebuilds: an editor's save (write, rename, chmod) comes as one burst.
const Debounce = 30 * time.Millisecond

// LongPoll is how long a request for the next build version waits.
const LongPoll = 25 * time.Second

// VersionPath is the endpoint the injected script polls.
const VersionPath = "/__trustdocs/version"

// Server builds and serves one content tree.
type Server struct {
	Content string
	Theme   string
	Log     io.Writer // build results and errors
	// Hosts are the host names (besides IP addresses and localhost) a
	// request may name in its Host header: the name the server was bound
	// to. Any other name is refused, so that a page whose DNS name an
	// attacker points at 127.0.0.1 (DNS rebinding) cannot read the drafts.
	Hosts []string
	// Audience is the edition served ("" = everything, for the author);
	// `serve --audience public` previews what the public will see.
	Audience string

	fonts *pdf.Fonts
	cache *build.Cache // PDFs and change reports of the last build

	mu      sync.Mutex    // guards files, built, version, changed and problem
	files   output.Files  // the last good build's files, by path
	built   time.Time     // when they were built (their Last-Modified)
	version int           // increases with every build, good or bad
	changed chan struct{} // closed when version next increases
	problem string        // the last build's error, or ""
	buildMu sync.Mutex    // one build at a time
}

// New prepares a server building into a fresh temporary directory.
func New(content, theme string, log io.Writer) (*Server, error) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		return nil, err
	}
	return &Server{Content: content, Theme: theme, Log: log, fonts: fonts, cache: build.NewCache(), changed: make(chan struct{})}, nil
}

// Close lets go of the built site.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = nil
	return nil
}

// Rebuild builds the site; on failure the last good site stays.
func (s *Server) Rebuild() error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	res, diags, err := build.Build(build.Options{Content: s.Content, Theme: s.Theme, InMemory: true, Fonts: s.fonts, Cache: s.cache, Audience: s.Audience})
	problem := ""
	if err != nil {
		var b strings.Builder
		if diags != nil {
			for _, d := range diags.Items() {
				fmt.Fprintln(&b, d.String())
			}
		}
		if b.Len() == 0 || !diags.HasErrors() {
			fmt.Fprintln(&b, err)
		}
		problem = b.String()
		fmt.Fprintf(s.Log, "build failed; still serving the last good site:\n%s", problem)
	} else {
		var stages []string
		for _, st := range res.Timings.Stages() {
			stages = append(stages, fmt.Sprintf("%s %.3f", st.Name, st.D.Seconds()))
		}
		fmt.Fprintf(s.Log, "built %d files: %d PDF (%d pages; %d typeset, %d unchanged) in %.2f s (%s)\n",
			len(res.Files), res.PDFs, res.Pages, res.PDFs-res.Cached, res.Cached, res.Timings.Total.Seconds(), strings.Join(stages, ", "))
	}
	s.mu.Lock()
	if err == nil {
		s.files, s.built = res.Output, time.Now()
	}
	s.version++
	s.problem = problem
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return err
}

// Watch rebuilds after changes under the content and theme directories
// until stop is closed.
func (s *Server) Watch(stop <-chan struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	// The parents are watched too (not their other files): a content
	// directory replaced as a whole (moved away, checked out anew) is
	// watched again where it now is.
	var roots []string
	parents := map[string]bool{}
	for _, dir := range []string{s.Content, s.Theme} {
		if dir == "" {
			continue
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if err := addTree(w, abs); err != nil {
			return err
		}
		roots = append(roots, abs)
		if parent := filepath.Dir(abs); parent != abs && !parents[parent] {
			parents[parent] = true
			if err := w.Add(parent); err != nil {
				return err
			}
		}
	}
	root := func(name string) (string, bool) {
		for _, r := range roots {
			if name == r {
				return r, true
			}
		}
		return "", false
	}
	inside := func(name string) bool {
		for _, r := range roots {
			if name == r || strings.HasPrefix(name, r+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	for {
		select {
		case <-stop:
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if r, ok := root(ev.Name); ok {
				// The directory itself was replaced: drop the watches of
				// the old one (inotify follows a moved directory) and watch
				// the new one, if it is there yet.
				for _, p := range w.WatchList() {
					if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
						w.Remove(p)
					}
				}
				addTree(w, r)
			} else if !inside(ev.Name) {
				continue // another file beside the content
			} else if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					addTree(w, ev.Name)
				}
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(Debounce, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.Log, "watch: %v\n", err)
		case <-fire:
			s.Rebuild()
		}
	}
}

func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}

// ServeHTTP serves the built site: files inside it only.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
	w.Header().Set("X-Frame-Options", "DENY")
	if !s.allowedHost(r.Host) {
		http.Error(w, "this preview answers to its own address only (localhost, an IP address or the --addr name)", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == VersionPath {
		// Long polling: with ?v=N the answer waits (up to LongPoll) for a
		// build after N, so a page reloads as soon as its build is done.
		s.mu.Lock()
		v, changed := s.version, s.changed
		s.mu.Unlock()
		if seen, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil && seen == v {
			select {
			case <-changed:
			case <-r.Context().Done():
				return
			case <-time.After(LongPoll):
			}
			s.mu.Lock()
			v = s.version
			s.mu.Unlock()
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, strconv.Itoa(v))
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	files, built := s.files, s.built
	s.mu.Unlock()
	data, ok := files[name]
	if !ok {
		name = path.Join(name, "index.html")
		data, ok = files[name]
		if ok && !strings.HasSuffix(r.URL.Path, "/") {
			// /en → /en/: the page's relative links are relative to it.
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !ok {
		s.notFound(w)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = s.inject(data)
	}
	http.ServeContent(w, r, name, built, bytes.NewReader(data))
}

// allowedHost reports whether a Host header names this server: an IP
// address, localhost (or a name under .localhost), or one of s.Hosts.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, h := range s.Hosts {
		if strings.EqualFold(strings.TrimSuffix(h, "."), host) {
			return true
		}
	}
	return false
}

func (s *Server) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(s.inject([]byte("<!DOCTYPE html><title>404</title><body><p>Not found.</p></body>")))
}

// sitePath turns a URL path into a name inside the site ("." for the root),
// refusing anything that would leave it. (The files are a map from their
// paths, so nothing outside could be served anyway.)
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// inject adds the reload script, and the last build's error, before </body>.
func (s *Server) inject(page []byte) []byte {
	s.mu.Lock()
	v, problem := s.version, s.problem
	s.mu.Unlock()
	var b bytes.Buffer
	if problem != "" {
		fmt.Fprintf(&b, `<pre id="trustdocs-serve-error" style="position:fixed;inset:auto 0 0 0;max-height:50%%;overflow:auto;margin:0;padding:1em;background:#fee;color:#600;border-top:2px solid #c00;white-space:pre-wrap;z-index:9999">%s
%s</pre>`, html.EscapeString(s.errorHeading(page)), html.EscapeString(problem))
	}
	// Ask for the next build (the answer waits for it); after an error or
	// a timeout, ask again a moment later.
	script := fmt.Sprintf(`(function(){var v=%d;function poll(){fetch(%q+"?v="+v,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(+t!==v)location.reload();else poll()}).catch(function(){setTimeout(poll,1000)})}poll()})();`, v, VersionPath)
	b.WriteString("<script>" + script + "</script>")
	page = allowScript(page, script)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, b.Bytes()...)
	}
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, page[:i]...)
	out = append(out, b.Bytes()...)
	return append(out, page[i:]...)
}

// pageLang finds the language of a page.
var pageLang = regexp.MustCompile(`<html[^>]* lang="([a-z]{2})`)

// errorHeading is the line above the build errors, in the page's language
// (from the theme, or the default theme if the theme is what is broken).
func (s *Server) errorHeading(page []byte) string {
	lang := "en"
	if m := pageLang.FindSubmatch(page); m != nil {
		lang = string(m[1])
	}
	for _, dir := range []string{s.Theme, ""} {
		if th, err := theme.Open(dir); err == nil {
			if msg, err := th.Localizer(lang).T("ServeErrors", nil); err == nil {
				return msg
			}
		}
	}
	return "trustdocs: the content has errors; showing the last good build."
}

// cspMeta finds the page's Content-Security-Policy.
var cspMeta = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

// allowScript widens the page's Content-Security-Policy for the preview
// only: the reload script (by its hash), its requests to this server, and
// the inline style of the error box. The built files keep theirs.
func allowScript(page []byte, script string) []byte {
	m := cspMeta.FindSubmatchIndex(page)
	if m == nil {
		return page
	}
	sum := sha256.Sum256([]byte(script))
	set := map[string]string{
		"script-src":  "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'",
		"connect-src": "'self'",
		"style-src":   "'self' 'unsafe-inline'",
	}
	var out []string
	for _, d := range strings.Split(string(page[m[2]:m[3]]), ";") {
		d = strings.TrimSpace(d)
		name, _, _ := strings.Cut(d, " ")
		if v, ok := set[name]; ok {
			d = name + " " + v
			delete(set, name)
		}
		if d != "" {
			out = append(out, d)
		}
	}
	for _, name := range []string{"script-src", "connect-src", "style-src"} {
		if v, ok := set[name]; ok {
			out = append(out, name+" "+v)
		}
	}
	res := append([]byte{}, page[:m[2]]...)
	res = append(res, html.EscapeString(strings.Join(out, "; "))...)
	return append(res, page[m[3]:]...)
}
