package output

import "errors"

// errNoExchange says the system cannot exchange two directories in one
// rename; swap then falls back to two renames.
var errNoExchange = errors.New("atomic exchange not supported")

// exchangeDirs is exchange, replaceable by tests of the fallback.
var exchangeDirs = exchange
