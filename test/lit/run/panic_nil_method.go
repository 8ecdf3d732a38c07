// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Calling a method through a nil interface is a nil dereference.
package main

type I interface{ M() }

func main() {
	var i I
	println("start")
	i.M()
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
