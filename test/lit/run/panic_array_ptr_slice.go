// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Slicing an array beyond its length.
package main

//go:noinline
func hi() int { return 11 }

func main() {
	var a [10]int
	p := &a
	println(len(p[2:hi()]))
}

// CHECK: panic: runtime error: slice bounds out of range [:11] with length 10
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
