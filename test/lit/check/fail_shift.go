// RUN: %gortc-bin build -verify %s
// Shift errors: non-integer operands (also untyped constants that become
// floats from their context), negative or non-integer counts, and
// constant overflow.
package main

func main() {
	s := uint(3)
	f := 1.5
	_ = f << s // ERROR "invalid operation: shifted operand f \(variable of type float64\) must be integer"
	_ = 1.0 << s // ERROR "invalid operation: 1\.0 << s \(shift of type float64\)"
	var g float64 = 1 << s // ERROR "invalid operation: 1 << s \(shift of type float64\)"
	_ = 1 << -1 // ERROR "invalid operation: negative shift count -1 \(untyped int constant\)"
	_ = 1 << 1.5 // ERROR "1\.5 \(untyped float constant\) truncated to uint"
	_ = 1 << f // ERROR "invalid operation: shift count f \(variable of type float64\) must be integer"
	var i8 int8 = 1 << 8 // ERROR "cannot use 1 << 8 \(untyped int constant 256\) as int8 value in variable declaration \(overflows\)"
	const big = 1 << 1000000 // ERROR "invalid operation: invalid shift count 1000000 \(untyped int constant\)"
	_ = "s" << 1 // ERROR "invalid operation: shifted operand .s. \(untyped string constant\) must be integer"
	var b bool
	_ = b << 1 // ERROR "invalid operation: shifted operand b \(variable of type bool\) must be integer"
	_, _ = g, i8
}
