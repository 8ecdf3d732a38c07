// RUN: %gortc-bin build -verify %s
// Constant overflow, truncation and representability, division by zero,
// negative shifts and constant array bounds, in gc 1.19's wording.
package main

const big = 1 << 100

type Small int8

func takesByte(b byte) {}

func main() {
	var a int8 = 300 // ERROR "cannot use 300 \(untyped int constant\) as int8 value in variable declaration \(overflows\)"
	var b uint8 = -1 // ERROR "cannot use -1 \(untyped int constant\) as uint8 value in variable declaration \(overflows\)"
	var c int = big // ERROR "cannot use big \(untyped int constant 1267650600228229401496703205376\) as int value in variable declaration \(overflows\)"
	var d int32 = 1e10 // ERROR "cannot use 1e10 \(untyped float constant 1e\+10\) as int32 value in variable declaration \(truncated\)"
	var e int = 1.5 // ERROR "cannot use 1\.5 \(untyped float constant\) as int value in variable declaration \(truncated\)"
	var f float32 = 1e100 // ERROR "cannot use 1e100 \(untyped float constant 1e\+100\) as float32 value in variable declaration \(overflows\)"
	var g uint = 1 << 64 // ERROR "cannot use 1 << 64 \(untyped int constant 18446744073709551616\) as uint value in variable declaration \(overflows\)"
	var h Small = 200 // ERROR "cannot use 200 \(untyped int constant\) as Small value in variable declaration \(overflows\)"
	takesByte(256) // ERROR "cannot use 256 \(untyped int constant\) as byte value in argument to takesByte \(overflows\)"
	const k int8 = 127 + 1 // ERROR "cannot use 127 \+ 1 \(untyped int constant 128\) as int8 value in constant declaration \(overflows\)"
	const l = uint8(255) + 1 // ERROR "uint8\(255\) \+ 1 \(constant 256 of type uint8\) overflows uint8"
	x := 10
	_ = x / 0 // ERROR "invalid operation: division by zero"
	_ = 1.0 / 0 // ERROR "invalid operation: division by zero"
	_ = x % 0 // ERROR "invalid operation: division by zero"
	const m = 1 << 62 * 4
	var n int64 = m // ERROR "cannot use m \(untyped int constant 18446744073709551616\) as int64 value in variable declaration \(overflows\)"
	var o = big // ERROR "cannot use big \(untyped int constant 1267650600228229401496703205376\) as int value in variable declaration \(overflows\)"
	var p byte = 'é'
	var q rune = "s" // ERROR "cannot use .s. \(untyped string constant\) as rune value in variable declaration"
	var r = string(1.5) // ERROR "cannot convert 1\.5 \(untyped float constant\) to type string"
	const s = -1
	var t uint = s // ERROR "cannot use s \(untyped int constant -1\) as uint value in variable declaration \(overflows\)"
	_ = x << -1 // ERROR "invalid operation: negative shift count -1 \(untyped int constant\)"
	_ = x << 1.5 // ERROR "1\.5 \(untyped float constant\) truncated to uint"
	var u [big]int // ERROR "array length big \(untyped int constant 1267650600228229401496703205376\) must be integer"
	var v = [3]int{1, 2, 3, 4} // ERROR "index 3 is out of bounds \(>= 3\)"
	w := []int{0: 1, 0: 2} // ERROR "duplicate index 0 in array or slice literal"
	var y complex64 = 1e100i // ERROR "cannot use 1e100i \(untyped complex constant \(0 \+ 1e\+100i\)\) as complex64 value in variable declaration \(overflows\)"
	_, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _ = a, b, c, d, e, f, g, h, n, o, p, q, r, t, u, v, w, y, l
}
