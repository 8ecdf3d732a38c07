// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Strings: concatenation, comparison, indexing bytes, len, immutability
// through copies, and += in a loop.
package main

//go:noinline
func id(s string) string { return s }

func main() {
	a, b := id("abc"), id("abd")
	println(a+b, a+"-"+b+"!", len(a+b))
	println(a < b, a > b, a <= "abc", a >= "abcd", a == "abc", a != b)
	println("" < "a", "Z" < "a", "ab" < "abc", "\xff" > "\x7f")
	println(a[0], a[2], a[len(a)-1], "héllo"[2])
	c := a
	c += "def"
	println(a, c)
	acc := ""
	for i := 0; i < 5; i++ {
		acc += string(rune('0' + i))
	}
	println(acc, len(acc))
	s := "日本語"
	println(len(s), s[0], s[3:6])
	x := id("x")
	y := x + x + x + x + x + x
	println(y, y == "xxxxxx")
	var e string
	println(e+e == "", len(e+"z"))
	const k = "con" + "st"
	println(k, k[1], len(k))
	bs := []byte{'h', 'i'}
	println(string(bs)+"!", string(bs) == "hi")
}

// CHECK: abcabd abc-abd! 6
// CHECK-NEXT: true false true false true true
// CHECK-NEXT: true true true true
// CHECK-NEXT: 97 99 99 169
// CHECK-NEXT: abc abcdef
// CHECK-NEXT: 01234 5
// CHECK-NEXT: 9 230 本
// CHECK-NEXT: xxxxxx true
// CHECK-NEXT: true 1
// CHECK-NEXT: const 111 5
// CHECK-NEXT: hi! true
