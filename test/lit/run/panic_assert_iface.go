// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A failed assertion to an interface type names the missing method.
package main

type I interface{ M() }
type T int

func (T) N() {}

func main() {
	var e interface{} = T(1)
	println("start")
	_ = e.(I)
}

// CHECK: start
// CHECK-NEXT: panic: interface conversion: main.T is not main.I: missing method M
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
