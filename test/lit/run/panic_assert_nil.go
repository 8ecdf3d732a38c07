// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Asserting on a nil interface panics naming the missing dynamic type.
package main

type I interface{ M() }

func main() {
	var e I
	println("start")
	_ = e.(interface{ N() })
}

// CHECK: start
// CHECK-NEXT: panic: interface conversion: interface is nil, not interface { N() }
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
