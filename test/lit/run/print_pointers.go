// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// println of pointer-shaped values, as gc's runtime prints them: slices as
// [len/cap]data, interfaces as (type,data) pairs, pointers and funcs as hex
// addresses, nil as 0x0.
package main

type I interface{ M() }
type T int

func (T) M() {}

func main() {
	var s []int
	println(s)
	// CHECK: [0/0]0x0
	s = make([]int, 2, 5)
	println(s)
	// CHECK-NEXT: [2/5]0x{{[0-9a-f]+}}
	x := 1
	println(&x)
	// CHECK-NEXT: 0x{{[0-9a-f]+}}
	var e interface{}
	println(e)
	// CHECK-NEXT: (0x0,0x0)
	e = 5
	println(e)
	// CHECK-NEXT: (0x{{[0-9a-f]+}},0x{{[0-9a-f]+}})
	var i I = T(1)
	println(i)
	// CHECK-NEXT: (0x{{[0-9a-f]+}},0x{{[0-9a-f]+}})
	var f func()
	println(f)
	// CHECK-NEXT: 0x0
	f = main
	println(f)
	// CHECK-NEXT: 0x{{[0-9a-f]+}}
	var p *int
	print(p, " ", s[:0], "\n")
	// CHECK-NEXT: 0x0 [0/5]0x{{[0-9a-f]+}}
}
