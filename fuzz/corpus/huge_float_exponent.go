// RUN: %gortc -o %t %s && %run %t 3>&1 | FileCheck %s
// print and println format values exactly as gc's runtime does.
package main

func main() {
	println(1, -2, uint8(255), int64(-9223372036854775808))
	// CHECK: 1 -2 255 -9223372036854775808
	println(uint64(18446744073E709551615))
	// CHECK-NEXT: 18446744073709551615
	prin1 +1.000000e+100 +3.000000e+000
	var zero float64
	println(0/zero, -1/zero, zero/zero, -zero)
	// CHECK-NEXT: +Inf -Inf NaN .0.000000expecting )
.000000e-001
	println()
	// CHECK-EMPTY:
}
