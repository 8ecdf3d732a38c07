// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// runtime.Caller, Callers, CallersFrames and FuncForPC (runtime/go/symtab.go
// over libgort's frame walk and symbol and line tables): skip counts,
// methods, inlined calls expanded into their own frames, goroutines, a
// stack grown across many segments, gc's runtime frames (go 1.19's output).
package main

import "runtime"

type T struct{}

//go:noinline
func (T) where(skip int) (string, int) {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "?", 0
	}
	return base(file), line
}

func base(file string) string {
	for i := len(file) - 1; i >= 0; i-- {
		if file[i] == '/' {
			return file[i+1:]
		}
	}
	return file
}

//go:noinline
func names(skip, max int) []string {
	pcs := make([]uintptr, max)
	n := runtime.Callers(skip, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []string
	for {
		f, more := frames.Next()
		out = append(out, f.Function)
		if !more {
			break
		}
	}
	return out
}

// Small enough to be inlined into its callers.
func inlined() []string { return names(1, 3) }

func deep(n int) []string {
	var pad [64]int
	if n == 0 {
		return names(1, 3)
	}
	r := deep(n - 1)
	pad[n%64] = len(r)
	return r[:pad[n%64]]
}

func main() {
	// CHECK: runtime_callers.go 14
	println(T{}.where(0))
	// CHECK-NEXT: runtime_callers.go 63
	println(T{}.where(1))
	// CHECK-NEXT: runtime.Callers main.names
	n := names(0, 2)
	println(n[0], n[1])
	// CHECK-NEXT: main.names main.inlined main.main
	n = inlined()
	println(n[0], n[1], n[2])
	// CHECK-NEXT: main.names main.deep main.deep
	n = deep(5000)
	println(n[0], n[1], n[2])

	pc, file, line, ok := runtime.Caller(0)
	fn := runtime.FuncForPC(pc)
	ffile, fline := fn.FileLine(pc)
	// CHECK-NEXT: main.main 74 true true true
	println(fn.Name(), line, ok, fn.Entry() <= pc, ffile == file && fline == line)
	var nilFunc *runtime.Func
	// CHECK-NEXT: true true
	println(nilFunc.Name() == "", runtime.FuncForPC(0) == nil)

	done := make(chan int)
	go func() {
		_, _, l, _ := runtime.Caller(0)
		done <- l
	}()
	// CHECK-NEXT: 85
	println(<-done)

	// CHECK-NEXT: main: main.frames main.main runtime.main runtime.goexit
	println("main:" + frames(1))
	// CHECK-NEXT: panic: main.viaPanic.func1 runtime.gopanic main.viaPanic main.main runtime.main runtime.goexit
	println("panic:" + viaPanic())
	// CHECK-NEXT: loopdefer: main.viaLoopDefer.func1 main.viaLoopDefer main.main runtime.main runtime.goexit
	println("loopdefer:" + viaLoopDefer())
	d := make(chan string)
	go func() { d <- frames(1) }()
	// CHECK-NEXT: goroutine: main.frames main.main.func2 runtime.goexit
	println("goroutine:" + <-d)
}

// The functions of the caller's stack, as runtime.Callers reports them:
// with gc's runtime frames (runtime.main and runtime.goexit at the bottom,
// runtime.gopanic above the deferred calls a panic runs).
func frames(skip int) string {
	pcs := make([]uintptr, 16)
	n := runtime.Callers(skip, pcs)
	fs := runtime.CallersFrames(pcs[:n])
	s := ""
	for {
		f, more := fs.Next()
		s += " " + f.Function
		if !more {
			break
		}
	}
	return s
}

//go:noinline
func viaPanic() (s string) {
	defer func() {
		recover()
		s = frames(2)
	}()
	panic("x")
}

//go:noinline
func viaLoopDefer() (s string) {
	for i := 0; i < 1; i++ {
		defer func() { s = frames(2) }()
	}
	return ""
}
