// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Closing a channel twice panics with gc's plain error.
package main

func main() {
	c := make(chan bool)
	close(c)
	println("before")
	close(c)
}

// CHECK: before
// CHECK-NEXT: panic: close of closed channel
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
