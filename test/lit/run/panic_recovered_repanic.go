// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A recovered panic that is re-panicked prints "[recovered]", as gc.
package main

func main() {
	defer func() {
		r := recover()
		panic(r.(string) + " again")
	}()
	panic("first")
}

// CHECK: panic: first [recovered]
// CHECK-NEXT: {{^[[:space:]]}}panic: first again
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
