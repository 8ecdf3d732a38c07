// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A send on a closed channel panics with gc's plain error.
package main

func main() {
	c := make(chan int, 1)
	close(c)
	println("before")
	c <- 1
}

// CHECK: before
// CHECK-NEXT: panic: send on closed channel
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
