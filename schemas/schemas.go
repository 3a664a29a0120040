// Package schemas holds the JSON Schemas of trustdocs' files: the register
// of subprocessors the build writes (subprocessors.schema.json, embedded
// here and published with the site), and under content/ one per kind of
// content file, recorded from the loader (generator/load/schema.go).
package schemas

import "embed"

// FS holds the register's schema.
//
//go:embed subprocessors.schema.json
var FS embed.FS
