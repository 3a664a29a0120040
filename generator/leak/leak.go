// Package leak proves that an edition holds no text meant for a narrower
// audience: every withheld text (package audience) is searched, sentence by
// sentence and normalised as words, in every file of the edition — HTML,
// the text of each PDF (pdftotext), JSON, feeds, calendars, notices. A hit
// is an error at the text's place in the content, naming the file.
package leak

import (
	"bytes"
	"context"
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

	"golang.org/x/text/unicode/norm"

	"trustdocs/generator/diag"
	"trustdocs/generator/model"
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
// leaving out the short ones and those the edition says itself (a public
// summary may repeat a sentence of the detail it replaces).
func Needles(withheld []model.Withheld, kept []string) []needle {
	var keptWords strings.Builder
	for _, k := range kept {
		keptWords.WriteString(Normalize(k))
		keptWords.WriteString(" \x00 ")
	}
	own := keptWords.String()
	seen := map[string]bool{}
	var out []needle
	for _, w := range withheld {
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

var (
	hyphenBreak = regexp.MustCompile(`(\pL)[-\x{2010}\x{2011}]\s*\n\s*(\pL)`)
	innerHyphen = regexp.MustCompile(`(\pL)[-\x{2010}\x{2011}](\pL)`)
	word        = regexp.MustCompile(`[\pL\pN]+`)
)

// Normalize gives the words of s, lower-case, one space apart and one
// either side: NFKC (ligatures), soft hyphens gone, a word hyphenated at
// a line end joined, and a hyphen between letters dropped on both sides
// (so "Viren-\nschutz" and "Virenschutz", "DS-GVO" and "DSGVO" meet).
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ReplaceAll(s, "\u00ad", "")
	s = hyphenBreak.ReplaceAllString(s, "$1$2")
	s = innerHyphen.ReplaceAllString(s, "$1$2")
	s = strings.Map(unicode.ToLower, s)
	ws := word.FindAllString(s, -1)
	if len(ws) == 0 {
		return " "
	}
	return " " + strings.Join(ws, " ") + " "
}

// Hit is a withheld sentence found in a file of the edition.
type Hit struct {
	File     string // path in the edition's output
	Sentence string // the normalised words found
	From     model.Withheld
}

// Find searches the files of one edition (output path → bytes) for the
// withheld texts. It fails only when a PDF's text cannot be read.
func Find(files map[string][]byte, withheld []model.Withheld, kept []string) ([]Hit, error) {
	needles := Needles(withheld, kept)
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
			text, err := Text(name, files[name])
			if err != nil {
				results[i].err = fmt.Errorf("%s: %v", name, err)
				return
			}
			hay := Normalize(text)
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
	tag      = regexp.MustCompile(`(?s)<[^>]*>`)
	wordJoin = regexp.MustCompile(`(?i)<wbr\s*/?>`) // a break opportunity inside a word
)

// Text is what a reader of the file sees: a PDF's text, markup without its
// tags (attribute values are not text a reader sees, except where a page
// repeats them), JSON and the rest as they are, entities decoded.
func Text(name string, data []byte) (string, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return pdfText(data)
	case ".html", ".htm", ".xml", ".atom", ".rss", ".svg":
		// Tags become spaces, so that two table cells are two words.
		s := wordJoin.ReplaceAllString(string(data), "")
		return html.UnescapeString(tag.ReplaceAllString(s, " ")), nil
	case ".json":
		return strings.NewReplacer(`\"`, `"`, `\n`, "\n", `\\`, `\`).Replace(string(data)), nil
	}
	return html.UnescapeString(string(data)), nil
}

// pdfText is the text of a PDF by pdftotext (poppler-utils, which make
// deps installs); a PDF that cannot be read is an error, never a pass.
func pdfText(data []byte) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
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

// Report turns hits into errors at the content's place of each text, as
// "file:line:col: the public edition's de/x.html holds text for customer
// (text.de): "…"".
func Report(edition string, hits []Hit, errs *diag.List) {
	for _, h := range hits {
		field := h.From.Field
		if field == "" {
			field = "text"
		}
		s := h.Sentence
		if r := []rune(s); len(r) > 80 {
			s = string(r[:77]) + "…"
		}
		errs.Errorf(h.From.Pos, "leak: the %s edition's file %s holds text marked for %s (%s): %q; mark every place it is written, or leave it out", edition, h.File, h.From.Audience, field, s)
	}
}
