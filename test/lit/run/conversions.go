// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Named and unnamed types: assignability of identical underlying types and
// explicit conversions between named types, numeric types and strings.
package main

type Celsius float64
type Fahrenheit float64

func CToF(c Celsius) Fahrenheit { return Fahrenheit(c*9/5 + 32) }

type IntSlice []int
type Point struct{ X, Y int }
type Pair struct{ X, Y int }
type MyString string
type Fn func(int) int

func apply(f Fn, v int) int { return f(v) }

func main() {
	c := Celsius(100)
	println(CToF(c), CToF(-40))
	var s []int = IntSlice{1, 2, 3} // assignable: one side is unnamed
	is := IntSlice(s)
	println(len(is), is[2])
	p := Point{1, 2}
	q := Pair(p)
	q.X = 10
	println(p.X, q.X, q.Y)
	anon := struct{ X, Y int }{5, 6}
	p = anon
	println(p.X, p.Y)
	ms := MyString("hi")
	str := string(ms) + "!"
	println(ms, str, MyString("a") < MyString("b"))
	double := func(x int) int { return x * 2 }
	println(apply(double, 21), apply(Fn(double), 4))
	var i64 int64 = -1
	println(uint32(i64), uint64(i64), int8(i64), uint16(int8(i64-1)))
	var u32 uint32 = 0x80000000
	println(int32(u32), int64(u32), int64(int32(u32)))
	var f float64 = -3.99
	println(int(f), int64(f), float32(f), Celsius(f))
	var x int = 65
	println(string(rune(x)), string(rune(-1)), string(rune(0x10FFFF+1)) == "\uFFFD")
	var b byte = 200
	println(int8(b), rune(b), float64(b))
	type local int
	var l local = 3
	println(int(l)+1, l*l)
}

// CHECK: +2.120000e+002 -4.000000e+001
// CHECK-NEXT: 3 3
// CHECK-NEXT: 1 10 2
// CHECK-NEXT: 5 6
// CHECK-NEXT: hi hi! true
// CHECK-NEXT: 42 8
// CHECK-NEXT: 4294967295 18446744073709551615 -1 65534
// CHECK-NEXT: -2147483648 2147483648 -2147483648
// CHECK-NEXT: -3 -3 -3.990000e+000 -3.990000e+000
// CHECK-NEXT: A � true
// CHECK-NEXT: -56 200 +2.000000e+002
// CHECK-NEXT: 4 9
