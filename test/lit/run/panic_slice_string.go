// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Slicing a string beyond its length reports the length.
package main

//go:noinline
func sub(s string, a int) string { return s[a:] }

func main() {
	println(sub("hello", 5) == "")
	println(sub("hello", 6))
}

// CHECK: true
// CHECK-NEXT: panic: runtime error: slice bounds out of range [6:5]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
