// Package runtime is gortc's Go-facing part of Go's package runtime: the
// declarations programs and the standard library import. Functions
// declared here without bodies are libgort's (runtime/*.cpp define them
// under their Go symbols, "runtime.GC", with the Go calling convention of
// libgort/abi.h; libgort/runtime_pkg.def lists them); the rest is Go,
// compiled with the program like any imported package.
package runtime

// GOOS is the running program's operating system target.
const GOOS string = "linux"

// Compiler is the name of the compiler toolchain that built the running
// binary.
const Compiler = "gortc"

// Breakpoint executes a breakpoint trap.
func Breakpoint()

// Stack formats a stack trace of the calling goroutine into buf and
// returns the number of bytes written to buf. If all is true, Stack
// formats stack traces of all other goroutines into buf after the trace
// for the current goroutine.
func Stack(buf []byte, all bool) int

// GC runs a garbage collection and finishes sweeping (runtime/mgc.cpp).
func GC()

// GOMAXPROCS sets the maximum number of CPUs that can run Go code at once
// and returns the previous setting; n < 1 only reads it.
func GOMAXPROCS(n int) int

// Goexit runs the calling goroutine's deferred calls and ends it.
func Goexit()

// Gosched yields the processor, letting other goroutines run.
func Gosched()

// SetFinalizer sets the finalizer associated with obj to finalizer: once
// the collector finds obj unreachable, a goroutine of the runtime calls
// finalizer(obj) (runtime/mfinal.cpp, mfinal_fing.cpp). A nil finalizer
// removes obj's finalizer.
func SetFinalizer(obj any, finalizer any)

// KeepAlive marks x as reachable until this call.
func KeepAlive(x any)

// NumCPU returns the number of CPUs usable by the process at start-up.
func NumCPU() int

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int
