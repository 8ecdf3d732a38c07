// RUN: %gortc-bin build -verify %s
// Using a value where a type is expected describes the operand; a function
// naming itself in its own signature is no declaration cycle.
// (go.dev/issue/3783, go.dev/issue/4610)
package main

var i int

const byte = 3

func foo(x foo) {} // ERROR "foo \(value of type func\(\)\) is not a type"

func (*i) bar() {} // ERROR "i \(variable of type int\) is not a type"

type T struct{ f i } // ERROR "i \(variable of type int\) is not a type"

func noValue() {}

var useFunc = noValue

func main() {
	var n byte // ERROR "byte \(untyped int constant 3\) is not a type"
	var m noValue // ERROR "noValue \(value of type func\(\)\) is not a type"
	var p *main // ERROR "main \(value of type func\(\)\) is not a type"
	const c = 1
	var q c // ERROR "c \(untyped int constant 1\) is not a type"
	_, _, _, _ = n, m, p, q
}
