// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// s[a:b] with a > b.
package main

//go:noinline
func sub(s []int, a, b int) []int { return s[a:b] }

func main() {
	s := make([]int, 10)
	println(len(sub(s, 3, 2)))
}

// CHECK: panic: runtime error: slice bounds out of range [3:2]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
