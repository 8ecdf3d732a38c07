// RUN: %gortc-bin build -verify %s
// Errors from types: invalid operations on operand kinds, indexing,
// builtins with wrong operands.
package main

type T struct{ a int }
type MyInt int

func two() (int, string) { return 1, "a" }
func one(x int) int      { return x }
func noret()             {}

func main() {
	var i int = 1
	var f float64 = 2
	var s string = "s"
	var m MyInt = 3
	_ = i + f // ERROR "invalid operation: i \+ f \(mismatched types int and float64\)"
	_ = i + m // ERROR "invalid operation: i \+ m \(mismatched types int and MyInt\)"
	_ = s + i // ERROR "invalid operation: s \+ i \(mismatched types string and int\)"
	_ = s * s // ERROR "invalid operation: operator \* not defined on s \(variable of type string\)"
	_ = -s // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	_ = !i // ERROR "invalid operation: operator ! not defined on i \(variable of type int\)"
	_ = i && true // ERROR "invalid operation: i && true \(mismatched types int and untyped bool\)"
	_ = f % 2 // ERROR "invalid operation: operator % not defined on f \(variable of type float64\)"
	_ = f << 1 // ERROR "invalid operation: shifted operand f \(variable of type float64\) must be integer"
	_ = i == s // ERROR "invalid operation: i == s \(mismatched types int and string\)"
	_ = T{} < T{} // ERROR "invalid operation: T\{\} < T\{\} \(operator < not defined on struct\)"
	_ = []int{} == []int{} // ERROR "invalid operation: \[\]int\{\} == \[\]int\{\} \(slice can only be compared to nil\)"
	var a, b = two(), 1 // ERROR "multiple-value two\(\) \(value of type \(int, string\)\) in single-value context"
	x, y := 1 // ERROR "assignment mismatch: 2 variables but 1 value"
	x, y = one(1) // ERROR "assignment mismatch: 2 variables but one returns 1 value"
	var z int = two() // ERROR "multiple-value two\(\) \(value of type \(int, string\)\) in single-value context"
	one() // ERROR "not enough arguments in call to one"
	one(1, 2) // ERROR "too many arguments in call to one"
	one("s") // ERROR "cannot use .s. \(untyped string constant\) as int value in argument to one"
	noret(1) // ERROR "too many arguments in call to noret"
	_ = noret() // ERROR "noret\(\) \(no value\) used as value"
	i = "str" // ERROR "cannot use .str. \(untyped string constant\) as int value in assignment"
	s = 'c' // ERROR "cannot use 'c' \(untyped rune constant 99\) as string value in assignment"
	m = i // ERROR "cannot use i \(variable of type int\) as type MyInt in assignment"
	i++
	s++ // ERROR "invalid operation: s\+\+ \(non-numeric type string\)"
	_ = a
	_ = b
	_ = z
	_ = x + y
	var arr [3]int
	_ = arr[5] // ERROR "invalid argument: index 5 out of bounds \[0:3\]"
	_ = arr[-1] // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = s[1.5] // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = i[0] // ERROR "invalid operation: cannot index i \(variable of type int\)"
	_ = len(i) // ERROR "invalid argument: i \(variable of type int\) for len"
	_ = cap(s) // ERROR "invalid argument: s \(variable of type string\) for cap"
	_ = append(i, 1) // ERROR "first argument to append must be a slice; have i \(variable of type int\)"
	_ = make(int) // ERROR "invalid argument: cannot make int; type must be slice, map, or channel"
	_ = new(1) // ERROR "1 is not a type"
	i.foo() // ERROR "i\.foo undefined \(type int has no field or method foo\)"
	i() // ERROR "invalid operation: cannot call non-function i \(variable of type int\)"
	_ = T{1, 2} // ERROR "too many values in T\{…\}"
	_ = T{b: 1} // ERROR "unknown field 'b' in struct literal of type T"
	_ = &1 // ERROR "invalid operation: cannot take address of 1 \(untyped int constant\)"
	*i = 1 // ERROR "invalid operation: cannot indirect i \(variable of type int\)"
	_ = unsafeX // ERROR "undefined: unsafeX"
}
