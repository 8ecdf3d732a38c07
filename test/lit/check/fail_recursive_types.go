// RUN: %gortc-bin build -verify %s
// Invalid recursive types: cycles of defined types, of struct and array
// fields, of aliases, at package level and in functions; cycles through
// pointers, slices and interfaces are fine (go.dev/issue/21273), and uses
// of the invalid types report nothing more.
package main

type A B // ERROR "invalid recursive type A"
type B A

type C struct{ d D } // ERROR "invalid recursive type C"
type D struct{ c C }

type E *E
type F []F
type G struct{ g *G }
type H interface{ M() H }

type K [2]K // ERROR "invalid recursive type K"

type B1 struct{ F B2 } // ERROR "invalid recursive type B1"
type B2 B1

type C1 [2]C2 // ERROR "invalid recursive type C1"
type C2 C3
type C3 C1

type I1 interface { // ERROR "invalid recursive type I1"
	m() I2
	I2
}

type I2 interface{ I1 }

// No follow-on errors where the invalid types are used (bug251.go).
var i1 I1 = i2
var i2 I2
var i2a I2 = i1

type I = J // ERROR "invalid recursive type I"
type J = I

func main() {
	type L struct{ l L } // ERROR "invalid recursive type L"
	type M M // ERROR "invalid recursive type M"
	type N []N
	type O = O // ERROR "invalid recursive type O"
	var e E
	var f F
	_, _ = e, f
}
