// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A deferred nil func value panics when the deferred call runs, not at the
// defer statement.
package main

func main() {
	var f func()
	defer f()
	println("body runs first")
}

// CHECK: body runs first
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc={{.*}}]
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
