// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// make with a length too large to allocate panics with gc's message.
package main

//go:noinline
func n() int { return 1 << 62 }

func main() {
	println("start")
	s := make([]int64, n())
	println(len(s))
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: makeslice: len out of range
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
