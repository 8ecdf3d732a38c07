// RUN: %gortc-bin build -verify %s
// A named pointer type has no methods, not even those of its base type;
// its fields remain accessible. (go.dev/issue/9017)
package main

type T struct{ x int }

func (T) mT() {}

type S struct{ T }

func (S) mS() {}

type P *S

type I interface{ mT() }

func main() {
	var s S
	var p P = &s
	var i I
	p.x = 1
	p.T.mT()
	(*p).mS()
	p.mS() // ERROR "p\.mS undefined \(type P has no field or method mS\)"
	p.mT() // ERROR "p\.mT undefined \(type P has no field or method mT\)"
	i = *p
	i = p // ERROR "cannot use p \(variable of type P\) as type I in assignment:"
	_ = i
}
