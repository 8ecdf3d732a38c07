// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A failed assertion between two non-empty interfaces' dynamic types names
// both concrete types and the interface.
package main

type I interface{ M() }
type A int
type B int

func (A) M() {}
func (B) M() {}

func main() {
	var i I = A(1)
	println("start")
	_ = i.(B)
}

// CHECK: start
// CHECK-NEXT: panic: interface conversion: main.I is main.A, not main.B
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
