// Package serve is the live preview behind 'trustdocs serve': it builds the
// content into a temporary directory, serves that directory over HTTP (and
// nothing outside it), watches the content and theme, rebuilds a moment
// after a change, and makes open pages reload. A build that fails keeps the
// last good site on display, with the error shown on every page and logged.
//
// Only in serve mode is a small script injected into HTML responses; the
// built files themselves stay script-free.
package serve

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"trustdocs/generator/build"
	"trustdocs/generator/pdf"
)

// Debounce is how long the watcher waits after the last change before it
// rebuilds.
const Debounce = 80 * time.Millisecond

// VersionPath is the endpoint the injected script polls.
const VersionPath = "/__trustdocs/version"

// Server builds and serves one content tree.
type Server struct {
	Content string
	Theme   string
	Log     io.Writer // build results and errors

	out   string // the built site
	fonts *pdf.Fonts

	mu      sync.Mutex // guards version and problem
	version int        // increases with every build, good or bad
	problem string     // the last build's error, or ""
	buildMu sync.Mutex // one build at a time
}

// New prepares a server building into a fresh temporary directory.
func New(content, theme string, log io.Writer) (*Server, error) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "trustdocs-serve-")
	if err != nil {
		return nil, err
	}
	return &Server{Content: content, Theme: theme, Log: log, out: filepath.Join(tmp, "site"), fonts: fonts}, nil
}

// Close removes the built site.
func (s *Server) Close() error { return os.RemoveAll(filepath.Dir(s.out)) }

// Rebuild builds the site; on failure the last good site stays.
func (s *Server) Rebuild() error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	res, diags, err := build.Build(build.Options{Content: s.Content, Theme: s.Theme, Out: s.out, Fonts: s.fonts})
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
		fmt.Fprintf(s.Log, "built %d files: %d PDF (%d pages) in %.2f s\n", len(res.Files), res.PDFs, res.Pages, res.Timings.Total.Seconds())
	}
	s.mu.Lock()
	s.version++
	s.problem = problem
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
	for _, dir := range []string{s.Content, s.Theme} {
		if dir != "" {
			if err := addTree(w, dir); err != nil {
				return err
			}
		}
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
			if ev.Has(fsnotify.Create) {
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
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == VersionPath {
		s.mu.Lock()
		v := s.version
		s.mu.Unlock()
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
	root, err := os.OpenRoot(s.out) // opened per request: builds replace the directory
	if err != nil {
		s.notFound(w)
		return
	}
	defer root.Close()
	fi, err := root.Stat(name)
	if err == nil && fi.IsDir() {
		name = path.Join(name, "index.html")
		fi, err = root.Stat(name)
	}
	if err != nil || !fi.Mode().IsRegular() || path.Base(name) == ".trustdocs-output" {
		s.notFound(w)
		return
	}
	data, err := fs.ReadFile(root.FS(), name)
	if err != nil {
		s.notFound(w)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = s.inject(data)
	}
	http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(data))
}

func (s *Server) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(s.inject([]byte("<!DOCTYPE html><title>404</title><body><p>Not found.</p></body>")))
}

// sitePath turns a URL path into a name inside the site ("." for the root),
// refusing anything that would leave it.
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
		fmt.Fprintf(&b, `<pre id="trustdocs-serve-error" style="position:fixed;inset:auto 0 0 0;max-height:50%%;overflow:auto;margin:0;padding:1em;background:#fee;color:#600;border-top:2px solid #c00;white-space:pre-wrap;z-index:9999">trustdocs: the content has errors; showing the last good build.
%s</pre>`, html.EscapeString(problem))
	}
	fmt.Fprintf(&b, `<script>(function(){var v=%d;setInterval(function(){fetch(%q,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(+t!==v)location.reload()}).catch(function(){})},250)})();</script>`, v, VersionPath)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, b.Bytes()...)
	}
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, page[:i]...)
	out = append(out, b.Bytes()...)
	return append(out, page[i:]...)
}
