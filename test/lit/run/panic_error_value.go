// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// panic with an error value prints the result of its Error method.
package main

type E struct{ what string }

func (e *E) Error() string { return "custom error: " + e.what }

func main() {
	var err error = &E{"boom"}
	panic(err)
}

// CHECK: panic: custom error: boom
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
