// Package leak proves that an edition holds no text meant for a narrower
// audience: every withheld text (package audience) is searched, sentence by
// sentence and normalised as words, in every file of the edition — HTML,
// the text of each PDF (pdftotext), JSON, feeds, calendars, notices. A hit
// is an error at the text's place in the content, naming the file.
package leak

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html"
	"os/exec"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
	"trustdocs/generator/pdf/pdfcheck"
)

// A sentence is searched only if it is distinctive: at least MinWords
// words and MinLetters letters and digits. "Es wird kein
// Virenschutzprogramm verwendet" (5 words, 37 letters) is; "Ja, bitte"
// and a bare product name are not.
const (
	MinWords   = 4
	MinLetters = 20
)

// needle is one sentence of a withheld text, normalised.
type needle struct {
	words string // " w1 w2 … " with a space either side
	from  model.Withheld
}

// Needles splits the withheld texts into the sentences to search for,
// leaving out the short ones and those the edition says in the same place
// (a public variant may keep a sentence of the detail it replaces).
func Needles(withheld []model.Withheld) []needle {
	seen := map[string]bool{}
	var out []needle
	for _, w := range withheld {
		own := Normalize(w.Instead)
		for _, s := range sentences(w.Text) {
			n := Normalize(s)
			if seen[n] || !distinctive(n) || strings.Contains(own, n) {
				continue
			}
			seen[n] = true
			out = append(out, needle{n, w})
		}
	}
	return out
}

func distinctive(n string) bool {
	words := strings.Fields(n)
	letters := 0
	for _, w := range words {
		letters += len([]rune(w))
	}
	return len(words) >= MinWords && letters >= MinLetters
}

var (
	linkTarget  = regexp.MustCompile(`\]\([^)]*\)`)
	sentenceEnd = regexp.MustCompile(`[.!?;:]\s|\n\s*\n|\n\s*[-*+] |\n\s*[0-9]+\. |\|`)
)

// sentences splits a Markdown text at sentence ends, paragraphs, list
// items and table cells; link targets are dropped (a reader sees the text).
func sentences(s string) []string {
	s = linkTarget.ReplaceAllString(s, "]")
	return sentenceEnd.Split(s, -1)
}

// Normalize gives the words of s, lower-case, one space apart and one
// either side: NFKC (ligatures), soft hyphens gone, a word hyphenated at
// a line end joined, and a hyphen between letters dropped on both sides
// (so "Viren-\nschutz" and "Virenschutz", "DS-GVO" and "DSGVO" meet).
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	// One pass instead of four regexps: the leak check normalises every
	// file of every edition (0.8 s of content/'s 3.5 s build).
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	inWord, afterLetter := false, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u00ad':
			continue // a soft hyphen: the word goes on
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if !inWord && b.Len() > 1 {
				b.WriteByte(' ')
			}
			b.WriteRune(unicode.ToLower(r))
			inWord, afterLetter = true, unicode.IsLetter(r)
			continue
		case afterLetter && isHyphen(r):
			if j, ok := joinedAt(s, i); ok {
				i = j // the hyphen (and a line end after it) goes, the word goes on
				continue
			}
		}
		inWord, afterLetter = false, false
	}
	b.WriteByte(' ')
	if b.Len() == 2 {
		return " "
	}
	return b.String()
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// joinedAt says whether the hyphen that ends before s[i] joins the letters
// either side: a letter right after it ("DS-GVO"), or after white space
// that holds a line end ("Viren-\nschutz"); not "Ein- und". It gives the
// offset of that letter.
func joinedAt(s string, i int) (int, bool) {
	j, newline := i, false
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) {
			break
		}
		newline = newline || r == '\n'
		j += n
	}
	if j > i && !newline || j == len(s) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return j, unicode.IsLetter(r)
}

// Hit is a withheld sentence found in a file of the edition.
type Hit struct {
	File     string // path in the edition's output
	Sentence string // the normalised words found
	From     model.Withheld
}

// Texts remembers the normalised text of each file by its name and bytes,
// so a file that several editions publish alike (a stored release PDF is
// in every edition's archive) is read once. The zero value is ready.
type Texts struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]string
}

// normalised is Normalize(Text(name, data)), from the cache when it has it.
func (c *Texts) normalised(name string, data []byte) (string, error) {
	h := sha256.New()
	h.Write([]byte(path.Ext(name) + "\x00"))
	h.Write(data)
	var key [sha256.Size]byte
	h.Sum(key[:0])
	c.mu.Lock()
	s, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	text, err := Text(name, data)
	if err != nil {
		return "", err
	}
	s = Normalize(text)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[[sha256.Size]byte]string{}
	}
	c.m[key] = s
	c.mu.Unlock()
	return s, nil
}

// Find searches the files of one edition (output path → bytes) for the
// withheld texts. It fails only when a PDF's text cannot be read.
func Find(files map[string][]byte, withheld []model.Withheld) ([]Hit, error) {
	return new(Texts).Find(files, withheld)
}

// Find is the package's Find with the texts of files read before reused.
func (c *Texts) Find(files map[string][]byte, withheld []model.Withheld) ([]Hit, error) {
	needles := Needles(withheld)
	if len(needles) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(files))
	for n := range files {
		if searchable(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	type found struct {
		hits []Hit
		err  error
	}
	results := make([]found, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		go func(i int, name string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			hay, err := c.normalised(name, files[name])
			if err != nil {
				results[i].err = fmt.Errorf("%s: %v", name, err)
				return
			}
			for _, n := range needles {
				if strings.Contains(hay, n.words) {
					results[i].hits = append(results[i].hits, Hit{File: name, Sentence: strings.TrimSpace(n.words), From: n.from})
				}
			}
		}(i, name)
	}
	wg.Wait()
	var hits []Hit
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		hits = append(hits, r.hits...)
	}
	return hits, nil
}

// searchable says whether a file can hold text a reader sees: fonts and
// images cannot (the plan's SVG can).
func searchable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".sig":
		return false
	}
	return path.Base(name) != "SHA256SUMS"
}

var (
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
	wordJoin  = regexp.MustCompile(`(?i)<wbr\s*/?>`) // a break opportunity inside a word
	attrValue = regexp.MustCompile(`=\s*(?:"([^"]*)"|'([^']*)')`)
)

// Text is what a reader of the file sees: a PDF's text, markup without its
// tags (attribute values are not text a reader sees, except where a page
// repeats them), JSON and the rest as they are, entities decoded.
func Text(name string, data []byte) (string, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return pdfText(data)
	case ".html", ".htm", ".xml", ".atom", ".rss", ".svg":
		// Tags become spaces, so that two table cells are two words; their
		// attribute values stay (a description, an alt text, a title).
		s := wordJoin.ReplaceAllString(string(data), "")
		s = tag.ReplaceAllStringFunc(s, func(t string) string {
			var b strings.Builder
			b.WriteString(" ")
			for _, m := range attrValue.FindAllStringSubmatch(t, -1) {
				b.WriteString(m[1] + m[2])
				b.WriteString(" \n\n ")
			}
			return b.String()
		})
		return html.UnescapeString(s), nil
	case ".json":
		var v any
		if err := json.Unmarshal(data, &v); err == nil {
			var b strings.Builder
			jsonStrings(v, &b)
			return b.String(), nil
		}
	}
	return html.UnescapeString(string(data)), nil
}

// jsonStrings writes every key and string of a JSON value, one per line.
func jsonStrings(v any, b *strings.Builder) {
	switch x := v.(type) {
	case string:
		b.WriteString(x)
		b.WriteString("\n")
	case []any:
		for _, e := range x {
			jsonStrings(e, b)
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(k)
			b.WriteString("\n")
			jsonStrings(x[k], b)
		}
	}
}

// pdfText is the text of a PDF by pdftotext (poppler-utils, which make
// deps installs); a PDF that cannot be read is an error, never a pass.
func pdfText(data []byte) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", "-", "-")
	// Without the output intent poppler reads the same text in a fifth of
	// the time: it builds no colour transform from the ICC profile for
	// each page (see pdfcheck.WithoutOutputIntent).
	cmd.Stdin = bytes.NewReader(pdfcheck.WithoutOutputIntent(data))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if _, lerr := exec.LookPath("pdftotext"); lerr != nil {
			return "", fmt.Errorf("the leak check reads PDFs with pdftotext: install poppler-utils (make deps)")
		}
		return "", fmt.Errorf("pdftotext: %v %s", err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// Report turns hits into errors at the content's place of each text, one
// per sentence, naming the files that hold it: "file:line:col: leak: text
// marked for customer (field text.de) is in the public edition's
// de/x.html, de/x.pdf: "…"".
func Report(edition string, hits []Hit, errs *diag.List) {
	type key struct {
		pos      diag.Pos
		sentence string
	}
	files := map[key][]string{}
	var order []key
	from := map[key]model.Withheld{}
	for _, h := range hits {
		k := key{h.From.Pos, h.Sentence}
		if _, ok := files[k]; !ok {
			order = append(order, k)
			from[k] = h.From
		}
		files[k] = append(files[k], h.File)
	}
	for _, k := range order {
		w := from[k]
		field := w.Field
		if field == "" {
			field = "text"
		}
		s := k.sentence
		if r := []rune(s); len(r) > 80 {
			s = string(r[:77]) + "…"
		}
		list := files[k]
		sort.Strings(list)
		more := ""
		if len(list) > 6 {
			more = fmt.Sprintf(" and %d more", len(list)-6)
			list = list[:6]
		}
		errs.Errorf(w.Pos, "leak: text marked for %s (%s) is in the %s edition's %s%s: %q; mark every place that says it for %s, or leave it out", w.Audience, field, edition, strings.Join(list, ", "), more, s, w.Audience)
	}
}
