// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// go and defer of the builtin copy: both operands are evaluated at the
// statement (also when they come from one multi-valued call), the copy
// happens when the deferred call runs.
package main

func pair() ([]int, []int) { return []int{0, 0, 0}, []int{7, 8} }

func f() (r []int) {
	r = make([]int, 3)
	s := []int{1, 2, 3, 4}
	defer copy(r, s)
	s = []int{9}
	return r
}

func g() (b []byte) {
	b = make([]byte, 5)
	defer copy(b, "hello world")
	defer copy(b[1:], "XY")
	return b
}

func h() {
	d, s := pair()
	defer func() { println(d[0], d[1], d[2]) }()
	defer copy(pair())
	defer copy(d, s)
}

func main() {
	r := f()
	println(r[0], r[1], r[2])
	// CHECK: 1 2 3
	println(string(g()))
	// CHECK-NEXT: hello
	h()
	// CHECK-NEXT: 7 8 0
	x := make([]int, 2)
	done := make(chan bool)
	go copy(x, []int{5, 6})
	go func() { done <- true }()
	<-done
	println("done")
	// CHECK-NEXT: done
}
