// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// panic with a value of a named basic type prints the type name and the
// value in parentheses.
package main

type MyInt int

func main() {
	var v interface{} = MyInt(3)
	panic(v)
}

// CHECK: panic: main.MyInt(3)
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
