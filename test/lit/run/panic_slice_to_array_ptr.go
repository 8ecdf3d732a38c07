// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Converting a slice to an array pointer checks the length.
package main

func main() {
	s := []int{1, 2}
	p := (*[2]int)(s)
	println(p[1])
	q := (*[4]int)(s)
	println(q[0])
}

// CHECK: 2
// CHECK-NEXT: panic: runtime error: cannot convert slice with length 2 to pointer to array with length 4
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
