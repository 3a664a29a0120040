package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// plainPDF is what fpdf's Output gives paint: the pages uncompressed.
func plainPDF(t testing.TB, md string) []byte {
	t.Helper()
	meta := testMeta()
	meta.finish = func(b []byte, _ *archive) ([]byte, error) { return bytes.Clone(b), nil }
	out, _, err := render([]byte(md), meta, testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompressedMatchesPlain(t *testing.T) {
	t.Parallel()
	md := longDoc(3, 3, 2) + "\n\nDer Text enthält die Wörter endstream und endobj.\n\nendstream\n\nendobj\n"
	plain := plainPDF(t, md)
	packed, err := compressStreams(plain)
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) >= len(plain) {
		t.Errorf("compressed %d bytes, plain %d", len(packed), len(plain))
	}
	if bytes.Count(packed, []byte("/Filter /FlateDecode /Length")) != bytes.Count(plain, []byte("/Type /Page\n")) {
		t.Error("not every page's content is compressed")
	}
	pp, cp := writePDF(t, plain), writePDF(t, packed)
	tool(t, "qpdf", "--check", cp)
	a, b := allText(t, pp), allText(t, cp)
	if a != b {
		t.Errorf("text differs:\n--- plain\n%s\n--- compressed\n%s", a, b)
	}
	if !strings.Contains(b, "endstream und endobj") {
		t.Errorf("the words endstream and endobj are lost:\n%s", b)
	}
	again, err := compressStreams(plain)
	if err != nil || !bytes.Equal(again, packed) {
		t.Error("compressing twice gives other bytes")
	}
	// Inflating the streams gives fpdf's own bytes back.
	re := regexp.MustCompile(`(?s)<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	n := 0
	for _, m := range re.FindAllSubmatchIndex(packed, -1) {
		l, _ := strconv.Atoi(string(packed[m[2]:m[3]]))
		r, err := zlib.NewReader(bytes.NewReader(packed[m[1] : m[1]+l]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(plain, append(append([]byte("stream\n"), data...), "\nendstream"...)) {
			t.Errorf("stream %d does not inflate to a stream of the plain file", n)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no compressed stream found")
	}
}

// The bytes are those fpdf writes when it compresses by itself, also for
// a stream that holds "endstream" and "endobj" on lines of their own
// (a core font writes text as it is).
func TestCompressedMatchesFpdf(t *testing.T) {
	t.Parallel()
	var plain []byte
	var outs [2][]byte
	for i, own := range []bool{true, false} {
		doc := fpdf.New("P", "pt", "A4", "")
		doc.SetCompression(!own)
		doc.SetCreationDate(testMeta().Created)
		doc.SetModificationDate(testMeta().Created)
		doc.SetFont("Helvetica", "", 12)
		for p := range 3 {
			doc.AddPage()
			doc.Text(50, 50, "Seite "+strconv.Itoa(p)+" x\nendstream\nendobj\n1 0 obj")
			doc.Line(10, 10, 200, 200)
		}
		var buf bytes.Buffer
		if err := doc.Output(&buf); err != nil {
			t.Fatal(err)
		}
		outs[i] = buf.Bytes()
		if own {
			plain = outs[i]
			if !bytes.Contains(plain, []byte("x\nendstream\nendobj\n1 0 obj) Tj")) {
				t.Fatal("the stream does not hold the words as written")
			}
			var err error
			if outs[i], err = compressStreams(plain); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("compressStreams gives other bytes than fpdf's own compression")
	}
	p := writePDF(t, outs[0])
	tool(t, "qpdf", "--check", p)
	if a, b := allText(t, writePDF(t, plain)), allText(t, p); a != b || !strings.Contains(b, "endstream") {
		t.Errorf("text differs:\n--- plain\n%s\n--- compressed\n%s", a, b)
	}
}

// Input not laid out as fpdf writes it gives an error, never a panic or a
// corrupt file.
func TestCompressRejectsOddInput(t *testing.T) {
	t.Parallel()
	plain := plainPDF(t, "# Eins\n\nText.\n")
	page := regexp.MustCompile(`\n(\d+) 0 obj\n<</Length (\d+)>>`).FindSubmatchIndex(plain)
	if page == nil {
		t.Fatal("no uncompressed content object")
	}
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(plain)) }
	cases := map[string][]byte{
		"empty":     nil,
		"truncated": plain[:len(plain)/2],
		"no eof":    plain[:len(plain)-6],
		"length too long": edit(func(b []byte) []byte {
			return bytes.Replace(b, plain[page[4]:page[5]], []byte("9"+string(plain[page[4]:page[5]])), 1)
		}),
		"length short": edit(func(b []byte) []byte {
			l, _ := strconv.Atoi(string(plain[page[4]:page[5]]))
			s := strconv.Itoa(l - 1)
			s = strings.Repeat("0", len(plain[page[4]:page[5]])-len(s)) + s
			copy(b[page[4]:], s)
			return b
		}),
		"other dictionary": edit(func(b []byte) []byte {
			copy(b[page[3]+len(" 0 obj\n"):], "<</LENGTH")
			return b
		}),
		"xref offset": edit(func(b []byte) []byte {
			i := bytes.LastIndex(b, []byte(" 00000 n \n"))
			b[i-1]++
			return b
		}),
		"startxref": edit(func(b []byte) []byte {
			i := bytes.LastIndex(b, []byte("startxref\n"))
			b[i+len("startxref\n")] = '9'
			return b
		}),
		"garbage":   []byte("%PDF-1.3\nstartxref\n12345678901\n%%EOF\n"),
		"xref huge": edit(func(b []byte) []byte { return bytes.Replace(b, []byte("xref\n0 "), []byte("xref\n0 9"), 1) }),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := compressStreams(in)
			if err == nil {
				t.Fatalf("no error (%d bytes out)", len(out))
			}
			if !errors.Is(err, errLayout) {
				t.Errorf("error %v", err)
			}
		})
	}
}

// Prefixes and one-byte changes of a small file (every byte of the xref
// table and trailer, every seventh before): an error or a file, never a
// panic.
func TestCompressNeverPanics(t *testing.T) {
	t.Parallel()
	plain := plainPDF(t, "Text.\n")
	tail := len(plain) - 2000
	for i := 0; i < len(plain); i++ {
		if i < tail && i%7 != 0 {
			continue
		}
		compressStreams(plain[:i])
		b := bytes.Clone(plain)
		b[i] ^= 0x11
		compressStreams(b)
	}
}
