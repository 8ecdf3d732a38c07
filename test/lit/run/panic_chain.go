// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A panic in a deferred call during a panic prints the chain, as gc.
package main

func main() {
	defer func() {
		panic("second")
	}()
	panic("first")
}

// CHECK: panic: first
// CHECK-NEXT: {{^[[:space:]]}}panic: second
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
