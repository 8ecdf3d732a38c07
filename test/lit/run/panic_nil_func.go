// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Calling a nil function value is a nil dereference.
package main

func main() {
	var f func(int) int
	println("start")
	println(f(1))
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
