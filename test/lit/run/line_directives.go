// RUN: %gortc -O0 -o %t0 %s && %exitcode %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %exitcode %run %t2 2>&1 | FileCheck %s
// Line directives (//line at the start of a line, /*line*/ anywhere) set
// the file, line and column that runtime.Caller, CallersFrames and
// tracebacks report for the code after them; an index or slice panics at
// its "[" (Go 1.19's test/fixedbugs/issue29504.go is the other test).
package main

import "runtime"

func where() {
	_, file, line, _ := runtime.Caller(1)
	for i := len(file) - 1; i >= 0; i-- {
		if file[i] == '/' {
			file = file[i+1:]
			break
		}
	}
	println(file, line)
}

var i = 5

func index(a []int) int {
	return a /*line idx.go:70:9*/ [ /*line :80:1*/ i]
}

func try(f func()) {
	defer func() {
		r := recover()
		var pcs [8]uintptr
		n := runtime.Callers(3, pcs[:])
		frames := runtime.CallersFrames(pcs[:n])
		for {
			// The first frame of package main (gc has runtime.goPanicIndex
			// above it).
			fr, more := frames.Next()
			if len(fr.Function) > 5 && fr.Function[:5] == "main." || !more {
				println(r.(error).Error(), "at", fr.Line, fr.Function)
				break
			}
		}
	}()
	f()
}

func main() {
	// A directive holds until the next one: index's /*line :80:1*/ above.
	where()
	// CHECK: idx.go 104
//line gen.y:100
	where()
	// CHECK-NEXT: gen.y 100
	where() /*line :7:3*/; where()
	// CHECK-NEXT: gen.y 102
	// CHECK-NEXT: gen.y 7
	/*line other.y:500*/ where(); where()
	// CHECK-NEXT: other.y 500
	// CHECK-NEXT: other.y 500
	where()
	// CHECK-NEXT: other.y 503
	try(func() { index(nil) })
	// CHECK-NEXT: runtime error: index out of range [5] with length 0 at 70 main.index
	try(func() {
		s := "abc"
		_ = s /*line :90:1*/ [ /*line :91:1*/ i:]
	})
	// CHECK-NEXT: runtime error: slice bounds out of range [5:3] at 90 main.main.func2
//line final.y:1000
	var a []int
	_ = a[i]
	// CHECK-NEXT: panic: runtime error: index out of range [5] with length 0
	// CHECK: main.main()
	// CHECK-NEXT: {{^}}	final.y:1001 +0x
	// CHECK: exit=2
}
