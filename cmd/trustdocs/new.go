package main

import (
	"fmt"
	"io"
	"strings"

	"trustdocs/generator/load"
	"trustdocs/generator/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new subsystem|vendor|measure|site ID", "Writes a skeleton for a new subsystem, vendor, measure or site: every field, a\ncomment explaining each, and the texts left empty for you to write. 'trustdocs\ncheck' then lists exactly what is still missing. Refuses an ID that exists.", stdout, stderr)
	content := fs.String("content", "content", "content `directory`")
	pos, code, ok := parse(fs, args, stdout)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "trustdocs new: give a kind (%s) and an id, e.g. 'trustdocs new subsystem backup-server'\n", strings.Join(scaffold.Kinds, ", "))
		return exitUsage
	}
	kind, id := pos[0], pos[1]
	if !contains(scaffold.Kinds, kind) {
		fmt.Fprintf(stderr, "trustdocs new: unknown kind %q: use %s\n", kind, strings.Join(scaffold.Kinds, ", "))
		return exitUsage
	}
	if !load.ValidID(id) {
		fmt.Fprintf(stderr, "trustdocs new: %q is not a valid id: use lower-case letters, digits and single hyphens, e.g. backup-server\n", id)
		return exitUsage
	}
	// Errors elsewhere in the content (other skeletons not yet filled in)
	// do not stop a new skeleton; only the languages must be known.
	site, diags := load.Load(*content)
	if len(site.Languages) == 0 {
		printDiagnostics(stderr, diags)
		fmt.Fprintf(stderr, "%s: site.yaml must load (with its languages) before 'trustdocs new'\n", *content)
		return exitContent
	}
	sk, err := scaffold.Make(site, kind, id)
	if err == nil {
		err = scaffold.Write(sk)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trustdocs new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote %s: fill in its fields and texts; 'trustdocs check --content %s' lists what is still missing\n", sk.Path, *content)
	return exitOK
}
