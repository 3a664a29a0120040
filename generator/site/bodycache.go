package site

import (
	"crypto/sha256"
	"sync"
)

// BodyCache keeps rendered document bodies between builds in one process
// (trustdocs serve), by their Markdown, the theme and the options: the
// archive's pages then cost only their layout. The bodies it hands out
// are shared and must not be modified.
type BodyCache struct {
	mu   sync.Mutex
	m    map[[32]byte]*body
	used map[[32]byte]bool
}

// NewBodyCache returns an empty cache.
func NewBodyCache() *BodyCache {
	return &BodyCache{m: map[[32]byte]*body{}, used: map[[32]byte]bool{}}
}

// Sweep forgets the bodies the last build did not ask for.
func (c *BodyCache) Sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if !c.used[k] {
			delete(c.m, k)
		}
	}
	c.used = map[[32]byte]bool{}
}

// cachedBody is renderBody through in.Bodies (if set). The key holds
// in.ThemeKey, the self-link wording (theme and language) and the
// options, so a changed theme or message renders anew.
func (b *builder) cachedBody(src []byte, opts bodyOptions) (*body, error) {
	c := b.in.Bodies
	if c == nil || opts.SectionLink == nil {
		return renderBody(src, opts)
	}
	probe, err := opts.SectionLink("1", "x")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	for _, s := range []string{b.in.ThemeKey, probe, map[bool]string{true: "redline", false: "plain"}[opts.Redline], opts.Lang} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write(src)
	var k [32]byte
	h.Sum(k[:0])
	c.mu.Lock()
	c.used[k] = true
	got, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return got, nil
	}
	got, err = renderBody(src, opts)
	if err == nil {
		c.mu.Lock()
		c.m[k] = got
		c.mu.Unlock()
	}
	return got, err
}
