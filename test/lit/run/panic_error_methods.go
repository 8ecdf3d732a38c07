// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Unrecovered panic values print through their Error or String methods.
package main

type E struct{ msg string }

func (e *E) Error() string { return "E: " + e.msg }

type S int

func (s S) String() string { return "S!" }

func main() {
	defer func() {
		recover()
		panic(S(3))
	}()
	panic(&E{"bad"})
}

// CHECK: panic: E: bad [recovered]
// CHECK-NEXT: {{^[[:space:]]}}panic: S!
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
