// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Equality of comparable types: floats (NaN, -0), complex, strings,
// pointers, arrays and structs element by element, channels excluded, and
// interfaces holding those; ordering of integers, floats and strings.
package main

type S struct {
	a int8
	b int64 // padding before b must not matter
	s string
	f float64
}

type Arr [3]S

//go:noinline
func nan() float64 {
	z := 0.0
	return z / z
}

func main() {
	n := nan()
	println(n == n, n != n, n < n, n > n, n <= 1, 1 < n)
	negz := -0.0 * n * 0
	z := 0.0
	negz = -z
	println(z == negz, 1/z == 1/negz)
	c1, c2 := complex(1, n), complex(1, n)
	println(c1 == c2, complex(1, 2) == complex(1, 2))
	s1 := S{1, 2, "x", 0.5}
	s2 := S{1, 2, "x", 0.5}
	println(s1 == s2, s1 != s2)
	s2.s = "y"
	println(s1 == s2)
	s3 := S{f: n}
	println(s3 == s3)
	a1 := Arr{s1, s1, s1}
	a2 := a1
	println(a1 == a2)
	a2[2].b = 3
	println(a1 == a2, a1 != a2)
	var e1, e2 interface{} = a1, a1
	println(e1 == e2)
	e1, e2 = n, n
	println(e1 == e2)
	e1, e2 = "abc", "ab"+"c"
	println(e1 == e2)
	x, y := 1, 1
	px, py := &x, &y
	println(px == py, px == &x, *px == *py)
	println(-3 < 2, uint(3) > uint(2), int8(-1) < int8(0), uint8(255) > uint8(0))
	println("abc" < "abd", "ab" < "abc", "" < "a", "b" > "abc", "é" > "z")
	println(1.5 >= 1.5, -1.0 < -0.5, 2.0 <= 1.0)
	var i8a, i8b int8 = -128, 127
	println(i8a < i8b, uint8(i8a) > uint8(i8b))
	type pair struct{ a, b interface{} }
	println(pair{1, "x"} == pair{1, "x"}, pair{1, "x"} == pair{1, 2})
}

// CHECK: false true false false false false
// CHECK-NEXT: true false
// CHECK-NEXT: false true
// CHECK-NEXT: true false
// CHECK-NEXT: false
// CHECK-NEXT: false
// CHECK-NEXT: true
// CHECK-NEXT: false true
// CHECK-NEXT: true
// CHECK-NEXT: false
// CHECK-NEXT: true
// CHECK-NEXT: false true true
// CHECK-NEXT: true true true true
// CHECK-NEXT: true true true true true
// CHECK-NEXT: true true false
// CHECK-NEXT: true true
// CHECK-NEXT: true false
