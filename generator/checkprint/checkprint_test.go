package checkprint

import (
	"testing"

	"trustdocs/generator/diag"
)

func TestGitHubEscaping(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{File: "a,b:c%.yaml", Line: 3, Col: 7}, Severity: diag.Warning, Msg: "100% sure:\r\nnext, line"}
	want := "::warning file=a%2Cb%3Ac%25.yaml,line=3,col=7::100%25 sure:%0D%0Anext, line"
	if got := GitHubCommand(d); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := GitHubCommand(diag.Diagnostic{Msg: "whole site"}); got != "::error::whole site" {
		t.Errorf("got %s", got)
	}
	if got := GitHubCommand(diag.Diagnostic{Pos: diag.Pos{File: "f"}, Msg: "m"}); got != "::error file=f::m" {
		t.Errorf("got %s", got)
	}
}

// Colour only where the caller says stderr wants it, and only in text.
func TestColour(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{File: "f.yaml", Line: 1, Col: 2}, Severity: diag.Warning, Msg: "m"}
	p, _ := New(Text, nil, nil, true, true)
	if got := p.textLine(d); got != "\x1b[1mf.yaml:1:2:\x1b[0m \x1b[1;33mwarning:\x1b[0m m" {
		t.Errorf("got %q", got)
	}
	if p, _ := New(JSON, nil, nil, true, true); p.colourErr || p.colourOut {
		t.Error("JSON in colour")
	}
	if p, _ := New(Text, nil, nil, false, false); p.textLine(d) != "f.yaml:1:2: warning: m" {
		t.Errorf("no colour wanted: %q", p.textLine(d))
	}
	if _, err := New("xml", nil, nil, false, false); err == nil || err.Error() != `unknown --format "xml": use text, json, github` {
		t.Errorf("unknown format: %v", err)
	}
}
