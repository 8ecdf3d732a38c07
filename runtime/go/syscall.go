package runtime

import "unsafe"

// The runtime services of packages syscall, os and time that are easier
// said in Go (gc: runtime1.go, env_posix.go, os_linux.go, timestub.go,
// syscall_*); libgort has the rest (runtime/stdlib_syscall.cpp,
// runtime/proc.cpp's timers).

// argc and argv of the process, and a Go string of a NUL-terminated C
// string, without copying (libgort: runtime/runtime1.cpp).
func argc() int
func argv() unsafe.Pointer
func gostringnocopy(p *byte) string

// walltime is the wall clock in nanoseconds since 1970 and nanotime the
// monotonic clock (libgort).
func walltime() int64
func nanotime() int64

// throw prints "fatal error: s" and ends the program (libgort).
func throw(s string)

func argvIndex(argv unsafe.Pointer, i int) *byte {
	return *(**byte)(unsafe.Pointer(uintptr(argv) + uintptr(i)*unsafe.Sizeof(uintptr(0))))
}

// The command line and the environment, as Go strings (gc: goargs,
// goenvs). The environment follows argv's terminating null.
var argslice = goargs()
var envs = goenvs()

func goargs() []string {
	n, v := argc(), argv()
	s := make([]string, n)
	for i := range s {
		s[i] = gostringnocopy(argvIndex(v, i))
	}
	return s
}

func goenvs() []string {
	n, v := argc(), argv()
	k := 0
	for argvIndex(v, n+1+k) != nil {
		k++
	}
	s := make([]string, k)
	for i := range s {
		s[i] = gostringnocopy(argvIndex(v, n+1+i))
	}
	return s
}

func gogetenv(key string) string {
	for _, s := range envs {
		if len(s) > len(key) && s[len(key)] == '=' && s[:len(key)] == key {
			return s[len(key)+1:]
		}
	}
	return ""
}

// defaultGOROOT is the GOROOT of the Go toolchain gortc mirrors (Debian's
// golang-1.19-go).
const defaultGOROOT = "/usr/lib/go-1.19"

// GOROOT returns the root of the Go tree: the GOROOT environment variable
// if set, else the toolchain's root.
func GOROOT() string {
	s := gogetenv("GOROOT")
	if s != "" {
		return s
	}
	return defaultGOROOT
}

// Version returns the Go tree's version string.
func Version() string {
	return "go1.19"
}

//go:linkname os_runtime_args os.runtime_args
func os_runtime_args() []string { return append([]string{}, argslice...) }

//go:linkname syscall_runtime_envs syscall.runtime_envs
func syscall_runtime_envs() []string { return append([]string{}, envs...) }

// Without cgo there is no C environment to update (gc: the same).
//
//go:linkname syscall_setenv_c syscall.setenv_c
func syscall_setenv_c(k string, v string) {}

//go:linkname syscall_unsetenv_c syscall.unsetenv_c
func syscall_unsetenv_c(k string) {}

// os_beforeExit runs before os.Exit: gc's flushes race-detector and
// coverage state, neither of which gortc has.
//
//go:linkname os_beforeExit os.runtime_beforeExit
func os_beforeExit(exitCode int) {}

const _ENOTSUP = 95

// syscall.AllThreadsSyscall and AllThreadsSyscall6 (syscall.Setuid ...):
// running a system call on every thread needs the world stopped with each
// M taking part, which libgort cannot do yet; it reports ENOTSUP, as gc
// does where it cannot either (with cgo).
//
//go:linkname syscall_runtime_doAllThreadsSyscall syscall.runtime_doAllThreadsSyscall
func syscall_runtime_doAllThreadsSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, err uintptr) {
	return ^uintptr(0), 0, _ENOTSUP
}

// syscall.cgocaller is reached only through cgo's libc hooks, which a
// gortc program never has.
//
//go:linkname syscall_cgocaller syscall.cgocaller
func syscall_cgocaller(fn unsafe.Pointer, args ...uintptr) uintptr {
	throw("syscall: cgocaller without cgo")
	return 0
}

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64) {
	ns := walltime()
	return ns / 1e9, int32(ns % 1e9), nanotime()
}

// runtime/debug.ReadBuildInfo: gortc embeds no module information.
//
//go:linkname debug_modinfo runtime/debug.modinfo
func debug_modinfo() string { return "" }
