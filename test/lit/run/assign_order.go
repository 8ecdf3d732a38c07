// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Assignment semantics: tuple assignment evaluates all index operands and
// right-hand sides before assigning (swaps, a[i], i = ...), op-assignment
// evaluates its operand once, and calls are evaluated left to right.
package main

var trace string

func t(s string, v int) int {
	trace += s
	return v
}

func idx(s string, v int) int {
	trace += s
	return v
}

type P struct{ x, y int }

func main() {
	a, b := 1, 2
	a, b = b, a
	println(a, b)
	arr := []int{10, 20, 30}
	i := 0
	i, arr[i] = 1, 99 // arr[0] is assigned: the index is evaluated first
	println(i, arr[0], arr[1])
	arr[idx("i", 1)] += t("v", 5)
	println(arr[1], trace)
	trace = ""
	x := t("a", 1) + t("b", 2)*t("c", 3)
	println(x, trace)
	trace = ""
	s := []int{t("1", 1), t("2", 2), t("3", 3)}
	println(len(s), trace)
	p := P{1, 2}
	p.x, p.y = p.y, p.x
	println(p.x, p.y)
	ps := []P{{1, 2}, {3, 4}}
	ps[0], ps[1] = ps[1], ps[0]
	println(ps[0].x, ps[1].x)
	var m [3]int
	j := 0
	for j = range m {
		m[j] = j * j
	}
	println(j, m[2])
	c := 5
	c <<= 2
	c |= 1
	c &^= 4
	c %= 7
	println(c)
	f := 1.5
	f *= 2
	f -= 0.5
	println(f)
	str := "x"
	str += str + str
	println(str)
	k := 3
	k, l := k*2, k*3
	println(k, l)
}

// CHECK: 2 1
// CHECK-NEXT: 1 99 20
// CHECK-NEXT: 25 iv
// CHECK-NEXT: 7 abc
// CHECK-NEXT: 3 123
// CHECK-NEXT: 2 1
// CHECK-NEXT: 3 1
// CHECK-NEXT: 2 4
// CHECK-NEXT: 3
// CHECK-NEXT: +2.500000e+000
// CHECK-NEXT: xxx
// CHECK-NEXT: 6 9
