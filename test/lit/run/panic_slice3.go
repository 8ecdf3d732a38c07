// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Full slice expressions s[a:b:c] check c against cap, then b against c.
package main

//go:noinline
func sub3(s []int, a, b, c int) []int { return s[a:b:c] }

func main() {
	s := make([]int, 4, 8)
	println(cap(sub3(s, 1, 2, 8)))
	println(cap(sub3(s, 1, 5, 3)))
}

// CHECK: 7
// CHECK-NEXT: panic: runtime error: slice bounds out of range [:5:3]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
