package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// fpdf deflates every page with a freshly allocated zlib writer (about
// 1 MB of compressor state, zeroed each time) and has no hook to reuse
// one. So the pages are written uncompressed (SetCompression(false)) and
// compressStreams deflates them afterwards with pooled writers. At the
// level fpdf uses the bytes are the same as fpdf's own.

// streamLevel is fpdf's own level (xcompr.go): the output stays
// byte-identical to what fpdf compressing by itself wrote.
const streamLevel = zlib.BestSpeed

// zwriters keeps the writers for good: a sync.Pool is emptied by every
// garbage collection, and a render collects several times, so the pool
// handed out freshly allocated compressors most of the time (8 MB per
// render of the benchmark document). A few writers per process are kept;
// more than that at once are allocated and dropped.
var zwriters = make(chan *zlib.Writer, 8)

// deflate appends data, zlib-compressed, to dst.
func deflate(dst *bytes.Buffer, data []byte) error {
	var w *zlib.Writer
	select {
	case w = <-zwriters:
		w.Reset(dst)
	default:
		var err error
		if w, err = zlib.NewWriterLevel(dst, streamLevel); err != nil {
			panic(err) // only for an invalid level
		}
	}
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	w.Reset(nil) // drop dst
	select {
	case zwriters <- w:
	default:
	}
	return err
}

var errLayout = errors.New("pdf: unexpected fpdf output")

// output closes doc and gives the finished file. fpdf writes its buffer in
// one piece, which is finished as it is rather than copied first (for a
// document of thousands of pages, tens of megabytes).
func output(doc *fpdf.Fpdf, a *archive) ([]byte, error) {
	w := finisher{a: a}
	if err := doc.Output(&w); err != nil {
		if w.err != nil {
			return nil, w.err
		}
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if w.n != 1 {
		return nil, fmt.Errorf("%w: no output", errLayout)
	}
	return w.out, nil
}

type finisher struct {
	a   *archive
	out []byte
	err error
	n   int // calls of Write
}

func (w *finisher) Write(p []byte) (int, error) {
	if w.n++; w.n > 1 {
		w.out, w.err = nil, fmt.Errorf("%w: written in pieces", errLayout)
	} else {
		finish := finishArchive
		if w.a.meta.finish != nil {
			finish = w.a.meta.finish
		}
		w.out, w.err = finish(p, w.a)
	}
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

// compressStreams takes a file fpdf wrote with compression off and
// deflates the content stream of every page: each page object
// (<</Type /Page … /Contents N 0 R>>) names its content object N, whose
// dictionary must be exactly <</Length L>>; its L bytes are compressed and
// the object is written as <</Filter /FlateDecode /Length M>>. All other
// bytes are copied, and the cross-reference table and startxref are
// rebuilt. The streams are read by their Length, never by searching for
// "endstream" (which a page can contain as text). Anything not laid out as
// fpdf v0.12 writes it is an error, never a corrupt file.
func compressStreams(in []byte) ([]byte, error) {
	f, err := parseFile(in)
	if err != nil {
		return nil, err
	}
	return f.write(nil)
}

// pdfFile is fpdf's output cut into its objects.
type pdfFile struct {
	in       []byte
	count    int      // objects 0…count-1, 0 the free entry
	offsets  []int    // by object number
	order    []int    // object numbers by offset
	spans    [][]byte // object n's bytes, "n 0 obj\n" to "endobj\n"
	contents []bool   // content streams of pages
	pages    []int    // page objects, in page order
	lastLine []int    // page objects: offset of the "/Contents" line in the span
	trailer  []byte   // "trailer\n<<…>>"
}

// parseFile reads fpdf's layout: objects in the order of the xref table,
// each "n 0 obj\n…\nendobj\n", page objects ending with their /Contents.
func parseFile(in []byte) (*pdfFile, error) {
	// The tail: xref, trailer, "startxref\n<offset>\n%%EOF\n".
	sx := bytes.LastIndex(in, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("%w: no startxref", errLayout)
	}
	tail := in[sx+len("\nstartxref\n"):]
	num, ok := bytes.CutSuffix(tail, []byte("\n%%EOF\n"))
	if !ok {
		return nil, fmt.Errorf("%w: no %%%%EOF after startxref", errLayout)
	}
	xrefAt, ok := atoi(num)
	if !ok || xrefAt >= sx {
		return nil, fmt.Errorf("%w: bad startxref %q", errLayout, num)
	}
	// "xref\n0 <n>\n" and n entries of 20 bytes.
	x, ok := bytes.CutPrefix(in[xrefAt:sx], []byte("xref\n0 "))
	if !ok {
		return nil, fmt.Errorf("%w: no xref table at %d", errLayout, xrefAt)
	}
	nl := bytes.IndexByte(x, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("%w: bad xref header", errLayout)
	}
	count, ok := atoi(x[:nl])
	if !ok || count < 2 || count > (len(x)-nl-1)/20 {
		return nil, fmt.Errorf("%w: bad xref size %q", errLayout, x[:nl])
	}
	entries := x[nl+1:]
	if string(entries[:20]) != "0000000000 65535 f \n" {
		return nil, fmt.Errorf("%w: bad free entry in the xref table", errLayout)
	}
	trailer := entries[count*20:] // "trailer\n<<…>>", up to startxref
	if !bytes.HasPrefix(trailer, []byte("trailer\n")) {
		return nil, fmt.Errorf("%w: no trailer after the xref table", errLayout)
	}
	offsets := make([]int, count) // by object number; 0 is the free entry
	order := make([]int, 0, count-1)
	for n := 1; n < count; n++ {
		e := entries[n*20 : n*20+20]
		off, ok := atoi(e[:10])
		if !ok || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("%w: bad xref entry %q", errLayout, e)
		}
		offsets[n] = off
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	// spans[n] is object n's bytes, up to the next object (or the xref).
	spans := make([][]byte, count)
	for i, n := range order {
		end := xrefAt
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if end <= offsets[n] {
			return nil, fmt.Errorf("%w: objects %d and %d share an offset", errLayout, n, order[i+1])
		}
		span := in[offsets[n]:end]
		head := strconv.Itoa(n) + " 0 obj\n"
		if !bytes.HasPrefix(span, []byte(head)) || !bytes.HasSuffix(span, []byte("\nendobj\n")) {
			return nil, fmt.Errorf("%w: object %d is not where the xref table says", errLayout, n)
		}
		spans[n] = span
	}
	// The content objects, named by the last line of each page object.
	contents := make([]bool, count)
	f := &pdfFile{in: in, count: count, offsets: offsets, order: order, spans: spans, contents: contents, trailer: trailer, lastLine: make([]int, count)}
	for n := 1; n < count; n++ {
		body := spans[n][len(strconv.Itoa(n))+len(" 0 obj\n"):]
		if !bytes.HasPrefix(body, []byte("<</Type /Page\n")) {
			continue
		}
		body = body[:len(body)-len("\nendobj\n")]
		at := bytes.LastIndexByte(body, '\n') + 1
		line := body[at:]
		ref, ok := bytes.CutPrefix(line, []byte("/Contents "))
		if ok {
			ref, ok = bytes.CutSuffix(ref, []byte(" 0 R>>"))
		}
		c, ok2 := atoi(ref)
		if !ok || !ok2 || c < 1 || c >= count || contents[c] {
			return nil, fmt.Errorf("%w: page object %d names no content object of its own", errLayout, n)
		}
		contents[c] = true
		f.pages = append(f.pages, n)
		f.lastLine[n] = len(strconv.Itoa(n)) + len(" 0 obj\n") + at
	}
	return f, nil
}

// write gives the file with the page contents compressed and, with a,
// the objects of PDF/A and PDF/UA added (archive.go, which also writes
// the cross-reference stream); else the xref table is rebuilt.
func (f *pdfFile) write(a *archive) ([]byte, error) {
	in, count, offsets, order, spans, contents := f.in, f.count, f.offsets, f.order, f.spans, f.contents
	out := bytes.NewBuffer(make([]byte, 0, len(in)/2))
	if a != nil {
		out.WriteString(a.header(in[:offsets[order[0]]]))
	} else {
		out.Write(in[:offsets[order[0]]])
	}
	var z bytes.Buffer
	for _, n := range order {
		span := spans[n]
		offsets[n] = out.Len()
		if a != nil && a.edit(out, f, n) {
			continue
		}
		if !contents[n] {
			out.Write(span)
			continue
		}
		head := strconv.Itoa(n) + " 0 obj\n"
		rest, ok := bytes.CutPrefix(span[len(head):], []byte("<</Length "))
		i := bytes.IndexByte(rest, '>')
		if !ok || i < 0 {
			return nil, fmt.Errorf("%w: content object %d has not the dictionary <</Length N>>", errLayout, n)
		}
		length, ok := atoi(rest[:i])
		rest, ok2 := bytes.CutPrefix(rest[i:], []byte(">>\nstream\n"))
		const end = "\nendstream\nendobj\n"
		if !ok || !ok2 || length != len(rest)-len(end) || string(rest[length:]) != end {
			return nil, fmt.Errorf("%w: content object %d has not the dictionary <</Length N>> or not N bytes of stream", errLayout, n)
		}
		z.Reset()
		if err := deflate(&z, rest[:length]); err != nil {
			return nil, fmt.Errorf("pdf: compressing page content: %w", err)
		}
		out.WriteString(head)
		out.WriteString("<</Filter /FlateDecode /Length ")
		out.WriteString(strconv.Itoa(z.Len()))
		out.WriteString(">>\nstream\n")
		out.Write(z.Bytes())
		out.WriteString(end)
	}
	if a != nil {
		if err := a.writeTail(out, f); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	}
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for n := 1; n < count; n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[n])
	}
	out.Write(f.trailer)
	fmt.Fprintf(out, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// atoi parses a non-negative decimal number of at most 10 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
