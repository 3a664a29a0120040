package validate

import (
	"trustdocs/generator/model"
)

// eachText calls fn for every human-readable text of the site, with words
// that name it in a message ("title of subsystem \"darz\"").
func eachText(s *model.Site, fn func(t model.Text, what string)) {
	for _, f := range model.Texts(s) {
		fn(*f.Text, f.What)
	}
}
