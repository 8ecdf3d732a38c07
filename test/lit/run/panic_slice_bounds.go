// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// s[a:b] with b > cap(s) reports the cap.
package main

//go:noinline
func sub(s []int, a, b int) []int { return s[a:b] }

func main() {
	s := make([]int, 3, 5)
	println(len(sub(s, 1, 5)))
	println(len(sub(s, 0, 6)))
}

// CHECK: 4
// CHECK-NEXT: panic: runtime error: slice bounds out of range [:6] with capacity 5
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
