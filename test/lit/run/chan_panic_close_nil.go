// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Closing a nil channel panics with gc's plain error.
package main

func main() {
	var c chan int
	println("before")
	close(c)
}

// CHECK: before
// CHECK-NEXT: panic: close of nil channel
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
