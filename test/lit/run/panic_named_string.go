// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// panic with a value of a named string type quotes the string.
package main

type MyStr string

func main() {
	panic(MyStr("x y"))
}

// CHECK: panic: main.MyStr("x y")
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
