// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// panic with a string prints it unquoted, then the goroutine header.
package main

func main() {
	panic("boom")
}

// CHECK: panic: boom
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
