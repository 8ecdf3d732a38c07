// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// make(chan T, n) with a negative size panics with gc's message.
package main

func size() int { return -1 }

func main() {
	println("before")
	c := make(chan int, size())
	println(cap(c))
}

// CHECK: before
// CHECK-NEXT: panic: makechan: size out of range
// CHECK: exit=2
