//go:build linux && (amd64 || arm64)

package output

import (
	"os"
	"syscall"
	"unsafe"
)

// renameat2(2) arguments; its number (sysRenameat2, per architecture) is
// not exported by package syscall on amd64.
const (
	atFDCWD        = -0x64
	renameExchange = 0x2 // RENAME_EXCHANGE
)

// exchange swaps the directories a and b in one step: each path then
// names what the other named. Filesystems without RENAME_EXCHANGE
// (and kernels before 3.15) give errNoExchange.
func exchange(a, b string) error {
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	fd := atFDCWD
	_, _, errno := syscall.Syscall6(sysRenameat2, uintptr(fd), uintptr(unsafe.Pointer(pa)), uintptr(fd), uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	switch errno {
	case 0:
		return nil
	case syscall.ENOSYS, syscall.EINVAL, syscall.EOPNOTSUPP:
		return errNoExchange
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: errno}
}
