// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Indexing a string out of range panics like a slice.
package main

//go:noinline
func get(s string, i int) byte { return s[i] }

func main() {
	println(get("abc", 0))
	println(get("abc", 3))
}

// CHECK: 97
// CHECK-NEXT: panic: runtime error: index out of range [3] with length 3
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
