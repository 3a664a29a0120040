// Package themes embeds the default theme: document templates, UI message
// files and styles. A site's --theme directory shadows it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default is the default theme as a file system rooted at themes/default.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed directive above guarantees the folder exists
	}
	return sub
}
