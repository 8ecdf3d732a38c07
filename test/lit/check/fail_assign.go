// RUN: %gortc-bin build -verify %s
// Assignment mismatches, multi-value expressions in single-value context,
// no-value expressions used as values, and unassignable operands.
package main

type T struct{ a int }

func two() (int, string) { return 1, "a" }
func one(x int) int      { return x }
func noret()             {}
func get() T             { return T{} }

func main() {
	var a, b = two(), 1 // ERROR "multiple-value two\(\) \(value of type \(int, string\)\) in single-value context"
	x, y := 1 // ERROR "assignment mismatch: 2 variables but 1 value"
	x, y = one(1) // ERROR "assignment mismatch: 2 variables but one returns 1 value"
	var z int = two() // ERROR "multiple-value two\(\) \(value of type \(int, string\)\) in single-value context"
	_ = noret() // ERROR "noret\(\) \(no value\) used as value"
	p, q, r := two() // ERROR "assignment mismatch: 3 variables but two returns 2 values"
	var s string
	s, x = two() // ERROR "cannot use two\(\) \(value of type int\) as type string in assignment"
	get().a = 2 // ERROR "cannot assign to get\(\)\.a \(value of type int\)"
	str := "abc"
	str[0] = 'x' // ERROR "cannot assign to str\[0\] \(value of type byte\)"
	const c = 1
	c = 2 // ERROR "cannot assign to c \(untyped int constant 1\)"
	one(1) = 2 // ERROR "cannot assign to one\(1\) \(value of type int\)"
	len := 3
	len = "x" // ERROR "cannot use .x. \(untyped string constant\) as int value in assignment"
	_, _, _, _, _, _, _ = a, b, x, y, z, p, q
	_, _ = r, s
	_ = 1 + noret() // ERROR "noret\(\) \(no value\) used as value"
	a, b = b // ERROR "assignment mismatch: 2 variables but 1 value"
	a, b = 1, 2, 3 // ERROR "assignment mismatch: 2 variables but 3 values"
}
