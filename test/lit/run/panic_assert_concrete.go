// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A failed type assertion from interface{} to a concrete type panics with
// gc's "interface conversion" message.
package main

type T struct{}

func main() {
	var e interface{} = "str"
	println("start")
	_ = e.(T)
}

// CHECK: start
// CHECK-NEXT: panic: interface conversion: interface {} is string, not main.T
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
