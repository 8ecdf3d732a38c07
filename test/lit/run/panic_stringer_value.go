// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// panic with a value that has a String method prints its result.
package main

type S struct{ n int }

func (s S) String() string { return "S with n" }

func main() {
	panic(S{1})
}

// CHECK: panic: S with n
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
