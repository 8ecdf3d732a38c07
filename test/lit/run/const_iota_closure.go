// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// iota may be used inside function literals within constant declarations
// (go.dev/issue/22345); unsafe can be dot-imported.
package main

import . "unsafe"

const (
	a = iota * 10
	b = len([iota]byte{})
	c = Sizeof(func() int { return iota }())
	d = Sizeof(func() { type _ [iota]byte })
	e = iota + len("xy")
)

type T struct {
	x int8
	y int64
}

func main() {
	println(a, b, c, d, e)
	var t T
	println(Sizeof(t), Alignof(t.y), Offsetof(t.y))
}

// CHECK: 0 1 8 8 6
// CHECK-NEXT: 16 8 8
