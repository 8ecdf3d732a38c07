// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// print and println of every printable type: integers of each size, floats,
// complex, bools, strings, pointers, slices, nil, and interfaces (printed as
// (type,data) pairs; only nil and equality are stable so they are checked).
package main

type MyInt int
type MyStr string
type MyBool bool
type MyFloat float32

func main() {
	println(int8(-8), int16(-16), int32(-32), int64(-64), int(-1))
	println(uint8(8), uint16(16), uint32(32), uint64(64), uint(1), uintptr(99))
	println(float32(1.5), float64(-2.25), float32(1)/3, 1e-300, 123456789.0)
	println(complex64(complex(1, 2)), complex128(complex(-0.5, 1e10)))
	println(true, false, "", "s p a c e", 'r', byte('b'))
	println(MyInt(3), MyStr("named"), MyBool(true), MyFloat(0.5))
	print(1, 2, "x", true, 3.0, "\n")
	print()
	print("no newline")
	print("\n")
	var p *int
	var s []int
	var e interface{}
	var err error
	var f func()
	println(p, e, err)
	println(s == nil, f == nil)
	println(len(s), cap(s))
	x := 0
	q := &x
	println(q != nil)
	println(1e21, 1e20, 100.0, 0.000001, -0.0)
	var nz float64
	println(-nz, 1/nz > 0)
	println(float32(16777217), float32(3.4028234e38))
	println("multi\nline", "tab\tbed")
	println(int64(-9223372036854775807-1), uint64(1<<63))
}

// CHECK: -8 -16 -32 -64 -1
// CHECK-NEXT: 8 16 32 64 1 99
// CHECK-NEXT: +1.500000e+000 -2.250000e+000 +3.333333e-001 +1.000000e-300 +1.234568e+008
// CHECK-NEXT: (+1.000000e+000+2.000000e+000i) (-5.000000e-001+1.000000e+010i)
// CHECK-NEXT: true false  s p a c e 114 98
// CHECK-NEXT: 3 named true +5.000000e-001
// CHECK-NEXT: 12xtrue+3.000000e+000
// CHECK-NEXT: no newline
// CHECK-NEXT: 0x0 (0x0,0x0) (0x0,0x0)
// CHECK-NEXT: true true
// CHECK-NEXT: 0 0
// CHECK-NEXT: true
// CHECK-NEXT: +1.000000e+021 +1.000000e+020 +1.000000e+002 +1.000000e-006 +0.000000e+000
// CHECK-NEXT: -0.000000e+000 true
// CHECK-NEXT: +1.677722e+007 +3.402823e+038
// CHECK-NEXT: multi
// CHECK-NEXT: line tab	bed
// CHECK-NEXT: -9223372036854775808 9223372036854775808
