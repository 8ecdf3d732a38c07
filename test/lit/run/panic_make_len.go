// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// make with a negative length panics with gc's message.
package main

//go:noinline
func n() int { return -1 }

func main() {
	println("start")
	s := make([]int, n())
	println(len(s))
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: makeslice: len out of range
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
