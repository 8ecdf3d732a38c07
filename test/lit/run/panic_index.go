// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// An out-of-range index panics with gc's "index out of range [i] with length
// n" message and exit status 2.
package main

//go:noinline
func at(s []int, i int) int { return s[i] }

func main() {
	s := []int{1, 2, 3}
	println(at(s, 2))
	println(at(s, 5))
}

// CHECK: 3
// CHECK-NEXT: panic: runtime error: index out of range [5] with length 3
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
