// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// panic(nil) prints "panic: nil" (gc 1.19).
package main

func main() {
	println("start")
	panic(nil)
}

// CHECK: start
// CHECK-NEXT: panic: nil
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
