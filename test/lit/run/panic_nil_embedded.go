// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Selecting a field promoted through a nil embedded pointer panics.
package main

type In struct{ x int }
type Out struct {
	*In
	y int
}

func main() {
	o := Out{y: 1}
	println(o.y)
	println(o.x)
}

// CHECK: 1
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
