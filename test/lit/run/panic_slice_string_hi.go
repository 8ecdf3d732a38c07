// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A string slice's high bound beyond the length reports "with length".
package main

//go:noinline
func sub(s string, a, b int) string { return s[a:b] }

func main() {
	println(sub("hello", 1, 3))
	println(sub("hello", 1, 6))
}

// CHECK: el
// CHECK-NEXT: panic: runtime error: slice bounds out of range [:6] with length 5
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
