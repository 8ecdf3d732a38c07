// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A full slice expression whose max exceeds the capacity.
package main

//go:noinline
func sub3(s []int, a, b, c int) []int { return s[a:b:c] }

func main() {
	s := make([]int, 4, 8)
	println(len(sub3(s, 0, 1, 9)))
}

// CHECK: panic: runtime error: slice bounds out of range [::9] with capacity 8
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
