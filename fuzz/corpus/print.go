// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// print and println format values exactly as gc's runtime does.
package main

func main() {
	println(1, -2, uint8(255), int64(-9223372036854775808))
	// CHECK: 1 -2 255 -9223372036854775808
	println(uint64(18446744073709551615))
	// CHECK-NEXT: 18446744073709551615
	println(1.5, -0.25, 1e100, 3.0)
	// CHECK-NEXT: +1.500000e+000 -2.500000e-001 +1.000000e+100 +3.000000e+000
	var zero float64
	println(1/zero, -1/zero, zero/zero, -zero)
	// CHECK-NEXT: +Inf -Inf NaN -0.000000e+000
	println(true, false, "str", 'x')
	// CHECK-NEXT: true false str 120
	print("a", 1, "b", 2, "\n")
	// CHECK-NEXT: a1b2
	println(complex(1, -2))
	// CHECK-NEXT: (+1.000000e+000-2.000000e+000i)
	println(float32(0.1))
	// CHECK-NEXT: +1.000000e-001
	println()
	// CHECK-EMPTY:
}
