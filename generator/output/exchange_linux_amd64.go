package output

// sysRenameat2 is the number of the renameat2 system call here.

const sysRenameat2 = 316
