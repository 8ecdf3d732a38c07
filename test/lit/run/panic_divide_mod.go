// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Integer remainder by zero panics like division; float division by zero
// does not.
package main

//go:noinline
func zero() int32 { return 0 }

func main() {
	f := 1.0
	var fz float64
	println(f/fz, -f/fz)
	println(int32(7) % zero())
}

// CHECK: +Inf -Inf
// CHECK-NEXT: panic: runtime error: integer divide by zero
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
