package main

import (
	"trustdocs/generator/build"
	"trustdocs/generator/diag"
)

// buildEditions builds the one edition of --audience into the output
// directory, or, without it, every edition into OUT/<audience>/ with the
// leak check between them. Content that names no audiences and marks
// nothing has one edition, built into the output directory as before.
func buildEditions(o build.Options) (*build.Result, *diag.List, error) {
	if o.Audience != "" || build.Editions(o.Content) == nil {
		return build.Build(o)
	}
	res, diags, err := build.BuildEditions(o)
	if res == nil {
		return nil, diags, err
	}
	return &res.Result, diags, err
}
