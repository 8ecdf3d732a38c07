// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Interface comparison compares dynamic types and values; comparing two
// interfaces holding the same uncomparable dynamic type panics with gc's
// message.
package main

type K struct {
	A int
	S string
}

type I interface{ M() }
type T int

func (T) M() {}

type U int

func (U) M() {}

func main() {
	var a, b interface{} = 1, 1
	println(a == b, a != b)
	b = int64(1)
	println(a == b)
	a, b = "s", "s"
	println(a == b, a == "s", "t" == b)
	a, b = K{1, "x"}, K{1, "x"}
	println(a == b, a == K{1, "y"})
	var i, j I = T(1), T(1)
	println(i == j, i == I(U(1)), i == T(1), i != T(2))
	var e interface{} = i
	println(e == i, e == T(1))
	var p1, p2 *int = new(int), new(int)
	a, b = p1, p1
	println(a == b)
	b = p2
	println(a == b)
	a, b = []int{1}, 1 // different dynamic types: no panic
	println(a == b)
	a, b = [1]float64{0}, [1]float64{-0.0}
	println(a == b)
	a, b = []int{1}, []int{1}
	println(a == b)
}

// CHECK: true false
// CHECK-NEXT: false
// CHECK-NEXT: true true false
// CHECK-NEXT: true false
// CHECK-NEXT: true false true true
// CHECK-NEXT: true true
// CHECK-NEXT: true
// CHECK-NEXT: false
// CHECK-NEXT: false
// CHECK-NEXT: true
// CHECK-NEXT: panic: runtime error: comparing uncomparable type []int
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
