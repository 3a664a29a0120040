package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"sync"

	"trustdocs/generator/notice"
	"trustdocs/generator/pdfqueue"
	"trustdocs/generator/release"
	sitegen "trustdocs/generator/site"
	"trustdocs/generator/theme"
)

// Cache keeps what one build made for the next build in the same process
// ('trustdocs serve'): each PDF by a hash of its Markdown and metadata,
// each change report between two releases by their checksums and the
// theme, and the releases' parsed models. An edit of one measure then typesets only the current documents:
// the archive's releases are immutable. A build with a Cache writes the
// same bytes as one without; what the last build did not use is dropped.
type Cache struct {
	mu      sync.Mutex
	pdfs    map[[32]byte]pdfqueue.Result
	reports map[[32]byte]*notice.Notice
	used    map[[32]byte]bool // keys the running build asked for
	rels    *release.Memo     // parsed release snapshots
	bodies  *sitegen.BodyCache
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{pdfs: map[[32]byte]pdfqueue.Result{}, reports: map[[32]byte]*notice.Notice{}, used: map[[32]byte]bool{}, rels: release.NewMemo(), bodies: sitegen.NewBodyCache()}
}

// releaseMemo is the memo of parsed releases (nil without a cache).
func (c *Cache) releaseMemo() *release.Memo {
	if c == nil {
		return nil
	}
	return c.rels
}

// Get gives the PDF of key k (pdfqueue.Cache).
func (c *Cache) Get(k [32]byte) (pdfqueue.Result, bool) {
	if c == nil {
		return pdfqueue.Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[k] = true
	p, ok := c.pdfs[k]
	return p, ok
}

// Put keeps the PDF of key k (pdfqueue.Cache).
func (c *Cache) Put(k [32]byte, p pdfqueue.Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pdfs[k] = p
}

// themeKey is a hash of every file of the theme.
func themeKey(th *theme.Theme) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(th.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(th.FS, p)
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// reportKey identifies a change report: the two snapshots (by checksum),
// the language, and the theme it is written with.
func reportKey(th *theme.Theme, old, new *notice.State, lang string) ([32]byte, error) {
	tk, err := themeKey(th)
	h := sha256.New()
	for _, s := range []string{lang, old.Version, old.Info.Checksum, new.Version, new.Info.Checksum, tk} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var k [32]byte
	h.Sum(k[:0])
	return k, err
}

func (c *Cache) report(k [32]byte) *notice.Notice {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[k] = true
	return c.reports[k]
}

func (c *Cache) putReport(k [32]byte, r *notice.Notice) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reports[k] = r
}

// sweep drops what the build that just ended did not ask for.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.pdfs {
		if !c.used[k] {
			delete(c.pdfs, k)
		}
	}
	for k := range c.reports {
		if !c.used[k] {
			delete(c.reports, k)
		}
	}
	c.used = map[[32]byte]bool{}
	c.rels.Sweep()
	c.bodies.Sweep()
}

// siteInput adds the cache of HTML bodies to the site's input.
func (c *Cache) siteInput(in sitegen.Input, th *theme.Theme) (sitegen.Input, error) {
	if c == nil {
		return in, nil
	}
	tk, err := themeKey(th)
	in.Bodies, in.ThemeKey = c.bodies, tk
	return in, err
}
