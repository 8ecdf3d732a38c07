// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Conversions between string, []byte and []rune copy the data; invalid
// UTF-8 and invalid code points become U+FFFD.
package main

func main() {
	s := "héllo, 世界"
	b := []byte(s)
	r := []rune(s)
	println(len(s), len(b), len(r))
	b[0] = 'H'
	println(s[0], b[0], string(b))
	r[7] = '地'
	println(string(r), r[1], r[8])
	back := string(r[:2])
	println(back, len(back))
	bad := string([]byte{0xff, 'a', 0xe4, 0xb8})
	rs := []rune(bad)
	println(len(bad), len(rs), rs[0], rs[1], rs[2])
	println(string([]rune{-1, 0x41, 0xD800, 0x110000}))
	println(string(rune(0x4e16)), string(rune(0xD800)) == "\uFFFD")
	var empty []byte
	println(string(empty) == "", len([]rune("")))
	type MyBytes []byte
	mb := MyBytes("xyz")
	println(string(mb), len(mb))
	bs := []byte("abc")
	str := string(bs)
	bs[0] = 'z'
	println(str, string(bs))
}

// CHECK: 14 14 9
// CHECK-NEXT: 104 72 Héllo, 世界
// CHECK-NEXT: héllo, 地界 233 30028
// CHECK-NEXT: hé 3
// CHECK-NEXT: 4 4 65533 97 65533
// CHECK-NEXT: �A��
// CHECK-NEXT: 世 true
// CHECK-NEXT: true 0
// CHECK-NEXT: xyz 3
// CHECK-NEXT: abc zbc
