// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A range clause assigning to existing operands evaluates their index
// expressions before assigning (like a parallel assignment), so
// `for i, x[i] = range y` stores into x at the old i.
package main

func main() {
	x := []int{10, 20}
	y := []int{99}
	i := 1
	for i, x[i] = range y {
		break
	}
	println(i, x[0], x[1])
	m := [3]rune{}
	j := 2
	for j, m[j] = range "ab" {
	}
	println(j, m[0], m[1], m[2])
}

// CHECK: 0 10 99
// CHECK-NEXT: 1 98 0 97
