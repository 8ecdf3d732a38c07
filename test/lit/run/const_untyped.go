// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Untyped constant arithmetic is exact; typed constants, iota and implicit
// conversion of untyped constants to their context's type.
package main

const (
	Big   = 1 << 100
	Small = Big >> 99
	Third = 1.0 / 3
	Pi    = 3.14159265358979323846264338327950288
	Str   = "ab" + "cd"
	Rn    = 'a' + 1
	Bo    = 1 < 2 && Str == "abcd"
	Cx    = (1 + 2i) * (3 - 1i)
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	_
	Thursday
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const (
	a, b = iota, iota * 10
	c, d
)

const typed int8 = 100

func main() {
	println(Small, Big/Big, Big%7, Big>>90)
	println(Third, Third*3 == 1, Pi)
	println(Str, len(Str), Rn, string(rune(Rn)), Bo)
	println(Cx, real(Cx), imag(Cx))
	println(Sunday, Monday, Tuesday, Thursday)
	println(KB, MB, GB)
	println(a, b, c, d)
	println(typed+27, typed/3, -typed)
	var f float32 = Third
	var u uint8 = 'z'
	var r = Rn
	var i = 7 / 2
	var g = 7 / 2.0
	println(f, u, r, i, g)
	println(1e3, 1_000_000, 0x_ff, 0o17, 017, 0b1010, 0x1p-2, 'a', '\n', '\x41', '\u00e9')
	const h = 9007199254740993 // 2^53+1, exact as a constant
	println(h, float64(h), h-9007199254740992)
	println(5 % 3, -5 % 3, 5.0 / 2, 1 << 3 >> 1, ^0, ^uint8(0), 7 &^ 5)
	const s = len("héllo")
	var arr [s]int
	println(len(arr), s)
}

// CHECK: 2 1 2 1024
// CHECK-NEXT: +3.333333e-001 true +3.141593e+000
// CHECK-NEXT: abcd 4 98 b true
// CHECK-NEXT: (+5.000000e+000+5.000000e+000i) +5.000000e+000 +5.000000e+000
// CHECK-NEXT: 0 1 2 4
// CHECK-NEXT: 1024 1048576 1073741824
// CHECK-NEXT: 0 0 1 10
// CHECK-NEXT: 127 33 -100
// CHECK-NEXT: +3.333333e-001 122 98 3 +3.500000e+000
// CHECK-NEXT: +1.000000e+003 1000000 255 15 15 10 +2.500000e-001 97 10 65 233
// CHECK-NEXT: 9007199254740993 +9.007199e+015 1
// CHECK-NEXT: 2 -2 +2.500000e+000 4 -1 255 2
// CHECK-NEXT: 6 6
