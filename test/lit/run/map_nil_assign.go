// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Assigning to an entry of a nil map panics with gc's message (reads work).
package main

func main() {
	var m map[string]int
	println("before", m["x"])
	m["x"] = 1
	println("unreachable")
}

// CHECK: before 0
// CHECK-NEXT: panic: assignment to entry in nil map
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
