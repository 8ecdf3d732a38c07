// RUN: %gortc-bin build -verify %s
// Binary operations need identical operand types (after conversion of
// untyped operands); operators must be defined on the operand type.
package main

type MyInt int
type T struct{ a int }

func main() {
	var i int = 1
	var f float64 = 2
	var s string = "s"
	var m MyInt = 3
	var i8 int8 = 4
	var b bool
	_ = i + f // ERROR "invalid operation: i \+ f \(mismatched types int and float64\)"
	_ = i + m // ERROR "invalid operation: i \+ m \(mismatched types int and MyInt\)"
	_ = s + i // ERROR "invalid operation: s \+ i \(mismatched types string and int\)"
	_ = i8 * i // ERROR "invalid operation: i8 \* i \(mismatched types int8 and int\)"
	_ = s * s // ERROR "invalid operation: operator \* not defined on s \(variable of type string\)"
	_ = -s // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	_ = !i // ERROR "invalid operation: operator ! not defined on i \(variable of type int\)"
	_ = ^f // ERROR "invalid operation: operator \^ not defined on f \(variable of type float64\)"
	_ = i && true // ERROR "invalid operation: i && true \(mismatched types int and untyped bool\)"
	_ = b || 1 // ERROR "invalid operation: b \|\| 1 \(mismatched types bool and untyped int\)"
	_ = f % 2 // ERROR "invalid operation: operator % not defined on f \(variable of type float64\)"
	_ = f << 1 // ERROR "invalid operation: shifted operand f \(variable of type float64\) must be integer"
	_ = i == s // ERROR "invalid operation: i == s \(mismatched types int and string\)"
	_ = T{} < T{} // ERROR "invalid operation: T\{\} < T\{\} \(operator < not defined on struct\)"
	_ = []int{} == []int{} // ERROR "invalid operation: \[\]int\{\} == \[\]int\{\} \(slice can only be compared to nil\)"
	_ = i < b // ERROR "invalid operation: i < b \(mismatched types int and bool\)"
	_ = "a" + 1 // ERROR "invalid operation: .a. \+ 1 \(mismatched types untyped string and untyped int\)"
	_ = 1.5 + "x" // ERROR "invalid operation: 1\.5 \+ .x. \(mismatched types untyped float and untyped string\)"
	_ = m + 1.5 // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = s[0] + "x" // ERROR "invalid operation: s\[0\] \+ .x. \(mismatched types byte and untyped string\)"
	i += f // ERROR "invalid operation: i \+= f \(mismatched types int and float64\)"
	s -= "x" // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	m = m + i8 // ERROR "invalid operation: m \+ i8 \(mismatched types MyInt and int8\)"
}
