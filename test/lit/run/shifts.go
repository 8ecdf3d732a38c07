// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Shifts: an untyped constant shifted by a non-constant count takes the
// type its context would give it; shift counts of any integer type,
// including counts >= the width and signed counts.
package main

//go:noinline
func count(n int) int { return n }

func main() {
	s := uint(3)
	var i8 int8 = 1 << s // 1 has type int8
	var f float64 = 2
	var u32 uint32 = 1<<s + 1
	x := 1 << s // int
	println(i8, u32, x, f)
	var i64 int64 = 1 << 62
	println(i64<<1, i64<<2, int8(-128)>>7, uint8(255)>>7)
	n := count(70)
	println(1<<n, -1>>n, uint64(1)<<n, int32(-8)>>n)
	var by byte = 0xF0
	println(by<<2, by>>4, by<<uint8(1))
	var c int16 = 3
	println(1<<c, int64(1)<<c, c<<c)
	const k = 1 << 10
	println(k>>s, k<<s)
	arr := [4]int{1, 2, 3, 4}
	println(arr[1<<s>>2])
	m := uint(64)
	println(uint64(1)<<(m-1), int64(1)<<(m-1))
	var fi int = 1.0 << s
	println(fi == 8, len("abcd")<<1)
}

// CHECK: 8 9 8 +2.000000e+000
// CHECK-NEXT: -9223372036854775808 0 -1 1
// CHECK-NEXT: 0 -1 0 -1
// CHECK-NEXT: 192 15 224
// CHECK-NEXT: 8 8 24
// CHECK-NEXT: 128 8192
// CHECK-NEXT: 3
// CHECK-NEXT: 9223372036854775808 -9223372036854775808
// CHECK-NEXT: true 8
