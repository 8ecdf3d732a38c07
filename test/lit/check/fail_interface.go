// RUN: %gortc-bin build -verify %s
// Interface satisfaction: missing methods, pointer receivers, wrong
// signatures, case-folded near misses, impossible type assertions and
// assertions on non-interfaces.
package main

type I interface {
	M()
	N(int) string
}

type T struct{}

func (T) M() {}

type P struct{}

func (*P) M()             {}
func (*P) N(int) string { return "" }

type W struct{}

func (W) M()        {}
func (W) N() string { return "" }

type L struct{}

func (L) m()            {}
func (L) N(int) string { return "" }

type J interface{ I }

func takesI(i I) {}

func main() {
	var i I = T{} // ERROR "cannot use T\{\} \(value of type T\) as type I in variable declaration:"
	var j I = P{} // ERROR "cannot use P\{\} \(value of type P\) as type I in variable declaration:"
	var k I = W{} // ERROR "cannot use W\{\} \(value of type W\) as type I in variable declaration:"
	var l I = L{} // ERROR "cannot use L\{\} \(value of type L\) as type I in variable declaration:"
	var jj J = &W{} // ERROR "cannot use &W\{\} \(value of type \*W\) as type J in variable declaration:"
	takesI(T{}) // ERROR "cannot use T\{\} \(value of type T\) as type I in argument to takesI:"
	_ = i.(T) // ERROR "impossible type assertion: i\.\(T\)"
	_ = i.(W) // ERROR "impossible type assertion: i\.\(W\)"
	_ = i.(*P)
	x := 1
	_ = x.(int) // ERROR "invalid operation: x \(variable of type int\) is not an interface"
	var pi *I
	pi.M() // ERROR "pi\.M undefined \(type \*I is pointer to interface, not interface\)"
	var e interface{} = 1
	var i2 I = e // ERROR "cannot use e \(variable of type interface\{\}\) as type I in variable declaration:"
	_, _, _, _, _ = j, k, l, jj, i2
}
