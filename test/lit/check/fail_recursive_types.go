// RUN: %gortc-bin build -verify %s
// Invalid recursive types: cycles of defined types, of struct and array
// fields, of aliases, at package level and in functions; cycles through
// pointers, slices and interfaces are fine. (go.dev/issue/21273)
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

type I = J // ERROR "invalid recursive type I"
type J = I

func main() {
	type L struct{ l L } // ERROR "invalid recursive type L"
	type M M // ERROR "invalid recursive type M"
	type N []N
	var e E
	var f F
	_, _ = e, f
}
