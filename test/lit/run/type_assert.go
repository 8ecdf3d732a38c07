// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Type assertions to concrete and interface types, comma-ok forms (which
// never panic), and assertion results being copies.
package main

type I interface{ M() int }
type J interface{ N() }
type T struct{ v int }

func (t T) M() int { return t.v }

type P struct{ v int }

func (p *P) M() int { return p.v }
func (p *P) N()     {}

func main() {
	var e interface{} = T{3}
	t := e.(T)
	println(t.v)
	t.v = 4
	println(e.(T).v)
	i, ok := e.(I)
	println(ok, i.M())
	_, ok = e.(J)
	println(ok)
	n, ok := e.(int)
	println(n, ok)
	p, ok := e.(*T)
	println(p == nil, ok)
	e = &P{7}
	j, ok := e.(J)
	println(ok, j != nil)
	i = e.(I)
	pp := i.(*P)
	println(pp.v, i.(J) != nil)
	var nilI I
	_, ok = nilI.(T)
	println(ok)
	var x interface{} = 3.5
	if f, ok := x.(float64); ok {
		println(f)
	}
	switch v := x.(type) {
	case int:
		println("int", v)
	default:
		println("other")
	}
	s, ok := x.(string)
	println(s == "", ok)
	var b interface{} = byte(1)
	_, isUint8 := b.(uint8)
	_, isInt := b.(int)
	println(isUint8, isInt)
}

// CHECK: 3
// CHECK-NEXT: 3
// CHECK-NEXT: true 3
// CHECK-NEXT: false
// CHECK-NEXT: 0 false
// CHECK-NEXT: true false
// CHECK-NEXT: true true
// CHECK-NEXT: 7 true
// CHECK-NEXT: false
// CHECK-NEXT: +3.500000e+000
// CHECK-NEXT: other
// CHECK-NEXT: true false
// CHECK-NEXT: true false
