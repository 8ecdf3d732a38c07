// RUN: %gortc-bin build -verify %s
// Duplicate declarations in one block: variables, types, functions,
// methods, parameters, fields and struct/method name clashes.
package main

var dup int
var dup string // ERROR "dup redeclared in this block"

type T struct{}

func (T) M() {}
func (T) M() {} // ERROR "T\.M redeclared in this block"

type T int // ERROR "T redeclared in this block"

func f() {}
func f() {} // ERROR "f redeclared in this block"

func g(a int, a string) {} // ERROR "a redeclared in this block"

func h() (r int, r string) { return } // ERROR "r redeclared in this block" "result parameter r not in scope at return"

type S struct {
	x int
	x string // ERROR "x redeclared"
}

type F struct{ x int }

func (F) x() {} // ERROR "field and method with the same name x"

type E struct {
	T
	T // ERROR "T redeclared"
}

func main() {
	a := 1
	a := 2 // ERROR "no new variables on left side of :="
	var b, b int // ERROR "b declared but not used" "b redeclared in this block"
	{
		a := 3
		_ = a
	}
	const c = 1
	var c int // ERROR "c redeclared in this block"
	type c2 int
	type c2 string // ERROR "c2 redeclared in this block"
	_ = a
}

func main() {} // ERROR "main redeclared in this block"

func init() int { return 1 } // ERROR "func init must have no arguments and no return values"

func rangeTwice() {
	for a, a := range []int{1} { // ERROR "a redeclared in this block"
		println(a)
	}
}
