// RUN: %gortc-bin build -verify %s
// Undefined identifiers, fields and methods, through values, pointers,
// types and embedded fields, in gc 1.19's wording.
package main

type Inner struct{ x int }

func (Inner) m() {}

type T struct {
	Inner
	a int
}

func main() {
	var t T
	p := &t
	_ = undefinedVar // ERROR "undefined: undefinedVar"
	undefinedFunc(1) // ERROR "undefined: undefinedFunc"
	var u UndefType // ERROR "undefined: UndefType"
	_ = u
	t.b = 1 // ERROR "t\.b undefined \(type T has no field or method b\)"
	_ = p.c // ERROR "p\.c undefined \(type \*T has no field or method c\)"
	t.mm() // ERROR "t\.mm undefined \(type T has no field or method mm\)"
	T.zz() // ERROR "T\.zz undefined \(type T has no field or method zz\)"
	_ = t.a.b // ERROR "t\.a\.b undefined \(type int has no field or method b\)"
	_ = t.Inner.y // ERROR "t\.Inner\.y undefined \(type Inner has no field or method y\)"
	_ = t.x
	t.m()
	_ = Inner.m
	_ = (*T).nope // ERROR "\(\*T\)\.nope undefined \(type \*T has no field or method nope\)"
	type local struct{}
	_ = local{}.f // ERROR "local\{\}\.f undefined \(type local has no field or method f\)"
}
