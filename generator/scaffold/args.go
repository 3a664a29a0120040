package scaffold

import (
	"fmt"
	"slices"
	"strings"

	"trustdocs/generator/load"
)

// CheckArgs says what is wrong with a kind and an id to make a skeleton for.
func CheckArgs(kind, id string) error {
	if !slices.Contains(Kinds, kind) {
		return fmt.Errorf("unknown kind %q: use %s", kind, strings.Join(Kinds, ", "))
	}
	if !load.ValidID(id) {
		return fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens, e.g. backup-server", id)
	}
	return nil
}
