// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Go's integer semantics: wrapping, truncated division, shifts by large
// counts, conversions.
package main

//go:noinline
func div(a, b int) (int, int) { return a / b, a % b }

func main() {
	var i8 int8 = 127
	i8++
	println(i8)
	// CHECK: -128
	var u8 uint8 = 0
	u8--
	println(u8)
	// CHECK-NEXT: 255
	q, r := div(-7, 2)
	println(q, r)
	// CHECK-NEXT: -3 -1
	q, r = div(-9223372036854775808, -1)
	println(q, r)
	// CHECK-NEXT: -9223372036854775808 0
	var s uint = 70
	println(1<<s, -1>>s, uint64(1)<<(s-7))
	// CHECK-NEXT: 0 -1 9223372036854775808
	x := 300
	y := int64(1<<40 + 5)
	println(int8(x), uint16(-1+x*0), int32(y))
	// CHECK-NEXT: 44 65535 5
	f := 2.9
	println(int(f), int(-f), uint8(f))
	// CHECK-NEXT: 2 -2 2
	const big = 1 << 100
	println(big >> 98)
	// CHECK-NEXT: 4
}
