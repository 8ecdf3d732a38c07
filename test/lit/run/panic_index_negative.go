// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A negative variable index reports the negative value.
package main

//go:noinline
func idx() int { return -1 }

func main() {
	var arr [4]byte
	println("start")
	arr[idx()] = 1
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: index out of range [-1]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
