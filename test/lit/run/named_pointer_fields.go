// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Fields, including promoted ones, can be selected through a value of a
// named pointer type (methods cannot: see check/fail_named_pointer.go).
package main

type T struct{ x int }

func (T) mT() int { return 7 }

type S struct {
	T
	y int
}

type P *S

func main() {
	s := S{T{1}, 2}
	var p P = &s
	p.y = 20
	p.T.x = 10
	println(s.x, s.y, p.x, p.T.mT(), (*p).mT())
}

// CHECK: 10 20 10 7 7
