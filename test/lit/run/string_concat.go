// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// A sum of strings is one concatenation of all its operands, nested sums
// and parentheses included (gc's OADDSTR, concatstrings); s += a + b
// concatenates s, a and b, reading s after a and b are evaluated, as gc.
package main

type name string

var s string
var trace string

func f(x string) string {
	trace += x
	s += "!"
	return x
}

func main() {
	a, b, c, d := "a", "bb", "", "dddd"
	println(a + b + c + d)
	// CHECK: abbdddd
	println(a + (b + (c + d)) + (a + b))
	// CHECK-NEXT: abbddddabb
	println(c + c + c, len(c+c+c), c+a+c == a)
	// CHECK-NEXT:  0 true
	println("<" + a + "-" + "-" + b + ">")
	// CHECK-NEXT: <a--bb>

	var n name = "n"
	n += name(a) + "x" + n
	println(n, len(n))
	// CHECK-NEXT: naxn 4

	s = "s"
	s += f("1") + f("2") + "|"
	println(s, trace)
	// CHECK-NEXT: s!!12| 12

	m := map[int]string{}
	m[1] += a + b
	m[1] += m[1] + "."
	println(len(m), m[1])
	// CHECK-NEXT: 1 abbabb.

	// Long sums and many pieces.
	x := ""
	for i := 0; i < 100; i++ {
		x += string(rune('a'+i%26)) + string(rune('A'+i%26)) + "-"
	}
	println(len(x), x[:12], x[297:])
	// CHECK-NEXT: 300 aA-bB-cC-dD- vV-
}
