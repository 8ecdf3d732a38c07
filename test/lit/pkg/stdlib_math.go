// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Packages math and math/bits from Go 1.19's sources. Their assembly-only
// functions come from libgort: math's arch* bodies (runtime/stdlib_math.cpp),
// internal/cpu's cpuid/xgetbv (runtime/cpu_<goarch>.S); math/bits panics
// with runtime.overflowError and divideError, variables it reaches by
// //go:linkname.
package main

import (
	"math"
	"math/bits"
)

func main() {
	// CHECK: -3.000000e+000 +3.000000e+000 -2.000000e+000 +1.414214e+000 NaN -1.000000e+000
	println(math.Floor(-2.5), math.Ceil(2.1), math.Trunc(-2.7), math.Sqrt(2), math.Max(3, math.NaN()), math.Min(-1, 0))
	// CHECK-NEXT: +2.718282e+000 +2.302585e+000 +5.000000e+000 +1.024000e+003
	println(math.Exp(1), math.Log(10), math.Hypot(3, 4), math.Exp2(10))
	i, f := math.Modf(3.25)
	// CHECK-NEXT: +3.000000e+000 +2.500000e-001 +Inf 4609434218613702656 +3.141593e+000
	println(i, f, math.Inf(1), math.Float64bits(1.5), math.Pi)
	// CHECK-NEXT: true NaN +Inf
	println(math.Signbit(math.Copysign(0, -1)), math.Sqrt(-1), math.Sqrt(math.Inf(1)))
	hi, lo := bits.Mul64(1<<63, 4)
	// CHECK-NEXT: 2 0 63 8 16
	println(hi, lo, bits.LeadingZeros64(1), bits.OnesCount(255), bits.Reverse8(8))
	for _, y := range []uint64{3, 0} {
		func() {
			defer func() {
				e := recover().(error)
				_, isRuntime := e.(interface{ RuntimeError() })
				println(e.Error(), isRuntime)
			}()
			println(bits.Div64(5, 0, y))
		}()
	}
	// CHECK-NEXT: runtime error: integer overflow true
	// CHECK-NEXT: runtime error: integer divide by zero true
}
