package release

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"trustdocs/generator/model"
)

// strictDecode is what decodeSnapshot did before it parsed a snapshot
// once: the strict decoder on the bytes.
func strictDecode(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// A snapshot parsed once decodes to what the strict decoder gives; a key
// the model does not know, at any depth, is still refused with the strict
// decoder's message.
func TestStrictDecodeParsesOnce(t *testing.T) {
	files, _ := filepath.Glob("../../content/releases/*/" + InfoFile)
	snaps, _ := filepath.Glob("../../content/releases/*/de.yaml")
	if len(snaps) == 0 {
		t.Skip("content/ has no releases")
	}
	files = append(files, snaps[len(snaps)-1]) // the latest snapshot (a decode takes 30 ms)
	refused := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any = &model.Resolved{}
		var want any = &model.Resolved{}
		if filepath.Base(f) == InfoFile {
			v, want = &Info{}, &Info{}
		}
		if err := decodeSnapshot(data, v, true); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := strictDecode(data, want); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !reflect.DeepEqual(v, want) {
			t.Errorf("%s decodes differently parsed once", f)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		// An unknown key in every mapping of the file, one at a time.
		var maps []*yaml.Node
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				maps = append(maps, n)
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&doc)
		step := max(1, len(maps)/20) // some 20 places per file
		for i := 0; i < len(maps); i += step {
			m := maps[i]
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "unknown_key"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "x"})
			edited, err := yaml.Marshal(&doc)
			m.Content = m.Content[:len(m.Content)-2]
			if err != nil {
				t.Fatal(err)
			}
			got := decodeSnapshot(edited, reflect.New(reflect.TypeOf(v).Elem()).Interface(), true)
			wantErr := strictDecode(edited, reflect.New(reflect.TypeOf(v).Elem()).Interface())
			if wantErr == nil {
				continue // a map of the model (IDs, languages): any key goes
			}
			if strings.Contains(wantErr.Error(), "unknown_key") {
				refused++
			}
			if got == nil || got.Error() != wantErr.Error() {
				t.Errorf("%s, key added at line %d: %v, want %v", f, m.Line, got, wantErr)
			}
		}
	}
	if refused < 20 {
		t.Errorf("only %d unknown keys refused: the test tests little", refused)
	}
}
