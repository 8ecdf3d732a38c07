// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// make with a capacity smaller than the length panics with gc's message.
package main

//go:noinline
func n(v int) int { return v }

func main() {
	s := make([]byte, n(2), n(10))
	println(len(s), cap(s))
	s = make([]byte, n(5), n(3))
	println(len(s))
}

// CHECK: 2 10
// CHECK-NEXT: panic: runtime error: makeslice: cap out of range
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
