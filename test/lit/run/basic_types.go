// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Every basic type: extreme values, wrapping arithmetic, bit operations,
// float32 rounding and float/int conversions.
package main

func main() {
	var b bool = true
	var i8 int8 = -128
	var i16 int16 = -32768
	var i32 int32 = -2147483648
	var i64 int64 = -9223372036854775808
	var u8 uint8 = 255
	var u16 uint16 = 65535
	var u32 uint32 = 4294967295
	var u64 uint64 = 18446744073709551615
	var i int = 1 << 62
	var u uint = 1<<64 - 1
	var up uintptr = 0xdeadbeef
	var by byte = 'A'
	var r rune = '世'
	println(b, i8, i16, i32, i64)
	println(u8, u16, u32, u64)
	println(i, u, up, by, r)
	i8--
	u16++
	i32 = i32 - 1
	u32 += 2
	println(i8, u16, i32, u32)
	println(i8/3, i16%7, -7%3, 7%-3, u64/10, u64%10)
	println(^u8, ^i32, u32>>31, i64>>63, u8&^0x0f)
	var f32 float32 = 1.0 / 3.0
	var f64 float64 = 1.0 / 3.0
	println(f32, f64, float64(f32), float32(f64) == f32)
	f32 = 16777216
	println(f32+1, f32*f32, float32(0.1)+float32(0.2), 0.1+0.2)
	var h float32 = 3.4e38
	println(h*10, -h*10, h/1e30)
	m, n := float32(-2.75), 200.9
	println(int32(m), uint8(n), int64(f64*3e18))
	println(len("héllo"), "héllo"[1], string(r), string(rune(65)))
	var s string
	println(s == "", len(s))
}

// CHECK: true -128 -32768 -2147483648 -9223372036854775808
// CHECK-NEXT: 255 65535 4294967295 18446744073709551615
// CHECK-NEXT: 4611686018427387904 18446744073709551615 3735928559 65 19990
// CHECK-NEXT: 127 0 2147483647 1
// CHECK-NEXT: 42 -1 -1 1 1844674407370955161 5
// CHECK-NEXT: 0 -2147483648 0 -1 240
// CHECK-NEXT: +3.333333e-001 +3.333333e-001 +3.333333e-001 true
// CHECK-NEXT: +1.677722e+007 +2.814750e+014 +3.000000e-001 +3.000000e-001
// CHECK-NEXT: +Inf -Inf +3.400000e+008
// CHECK-NEXT: -2 200 1000000000000000000
// CHECK-NEXT: 6 195 世 A
// CHECK-NEXT: true 0
