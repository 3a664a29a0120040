//go:build !linux

package output

// exchange is not available here: swap renames the old output aside first.
func exchange(a, b string) error { return errNoExchange }
