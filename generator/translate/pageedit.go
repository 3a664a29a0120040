package translate

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// editPage gives the new bytes of a translated page (pages/NAME.LANG.md):
// its title and body replaced where not nil, and its source hash set. With
// data nil the page is new.
func editPage(name string, data []byte, title, body *string, hash string) ([]byte, error) {
	if title != nil {
		t := strings.Join(strings.Fields(*title), " ") // a title is one line
		title = &t
	}
	if body != nil {
		b := strings.TrimLeft(strings.TrimRight(*body, " \t\n"), "\n") + "\n"
		body = &b
	}
	if data == nil {
		if title == nil || body == nil {
			return nil, fmt.Errorf("%s: a new page needs both its title and its body", name)
		}
		t, err := renderScalar(*title, false, 0)
		if err != nil {
			return nil, err
		}
		return []byte("---\ntitle: " + t + "\nsource: " + hash + "\n---\n" + *body), nil
	}

	bom := bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	crlf := bytes.Contains(data, []byte("\r\n"))
	if crlf {
		if bytes.Count(data, []byte("\r\n")) != bytes.Count(data, []byte("\n")) {
			return nil, fmt.Errorf("%s mixes Windows and Unix line ends: save it with one kind first", name)
		}
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	text := string(data)
	if !strings.HasPrefix(text, "---\n") {
		return nil, fmt.Errorf("%s: the page has no front matter", name)
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return nil, fmt.Errorf("%s: the front matter is not closed", name)
	}
	front, rest := text[4:4+end+1], text[4+end+1:]
	closing, after, _ := strings.Cut(rest, "\n") // "---" and the body
	fd, err := parseYAMLDoc(name, []byte(front))
	if err != nil {
		return nil, err
	}
	fd.lineShift = 1
	if len(fd.root.Content) != 1 || fd.root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the front matter is not a mapping", name)
	}
	if err := fd.set(fd.root.Content[0], "title", title, "source", hash); err != nil {
		return nil, err
	}
	newFront, err := fd.result()
	if err != nil {
		return nil, err
	}
	if body != nil {
		after = *body
	}
	out := []byte("---\n" + string(newFront) + closing + "\n" + after)
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if bom {
		out = append([]byte{0xEF, 0xBB, 0xBF}, out...)
	}
	return out, nil
}
