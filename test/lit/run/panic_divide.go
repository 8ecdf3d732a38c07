// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Integer division by zero panics with gc's message and exit status 2.
package main

//go:noinline
func zero() int { return 0 }

func main() {
	println("before")
	println(1 / zero())
}

// CHECK: before
// CHECK-NEXT: panic: runtime error: integer divide by zero
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
