// RUN: %gortc-bin build -verify %s
// Statement-level errors: unused expressions, unassignable operands,
// declaration cycles, invalid recursive types, shadowed results, misuse of
// nil, iota and [...].
package main

type T struct{ a int }

func get() T { return T{} }

func res() (x int) {
	{
		x := 2
		_ = x
		return // ERROR "result parameter x not in scope at return"
	}
}

type R struct{ r R } // ERROR "invalid recursive type R"

type A = B // ERROR "invalid recursive type A"
type B = A

var c1 = c2 // ERROR "initialization loop for c1"
var c2 = c1

func (int) M() {} // ERROR "cannot define new methods on non-local type int"

func (t *T) P() {}

type PT *T

func (p PT) Q() {} // ERROR "invalid receiver type PT \(pointer or interface type\)"

func main() {
	x := 1
	x + 1 // ERROR "x \+ 1 \(value of type int\) is not used"
	x == 1 // ERROR "x == 1 \(untyped bool value\) is not used"
	get().a = 2 // ERROR "cannot assign to get\(\)\.a \(value of type int\)"
	s := "abc"
	s[0] = 'x' // ERROR "cannot assign to s\[0\] \(value of type byte\)"
	_ = iota // ERROR "cannot use iota outside constant declaration"
	var f, g func()
	_ = f == g // ERROR "invalid operation: f == g \(func can only be compared to nil\)"
	_ = f == nil
	get().P() // ERROR "cannot call pointer method P on T"
	T{}.P() // ERROR "cannot call pointer method P on T"
	var i interface{ M(); M() } // ERROR "duplicate method M"
	_ = i
	len("a") // ERROR "len\(.a.\) \(constant 1 of type int\) is not used"
	_ = nil // ERROR "use of untyped nil in assignment to _ identifier"
	var n = nil // ERROR "use of untyped nil in variable declaration"
	_ = n
	var arr [2]int
	for i, j, k := range arr { // ERROR "i declared but not used" "j declared but not used" "range clause permits at most two iteration variables"
	}
	type E struct{ T; T } // ERROR "T redeclared"
	_ = [...]int // ERROR "invalid use of \[\.\.\.\] array \(outside a composite literal\)" "\[\.\.\.\]int \(type\) is not an expression"
	_ = x.(int) // ERROR "invalid operation: x \(variable of type int\) is not an interface"
	var _ = map[[]int]int{} // ERROR "invalid map key type \[\]int"
	var e interface{} // ERROR "e declared but not used"
	_ = e.(type) // ERROR "invalid AST: use of \.\(type\) outside type switch"
}
