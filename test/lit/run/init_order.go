// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Package-level declarations may appear in any order; variables are
// initialised in dependency order (through function bodies and methods),
// then init functions run in source order, then main.
package main

var a = c + b // initialised third
var b = f()   // second
var c = 1     // first
var total = sum(nums...)
var nums = []int{a, b, c}
var d, e = pair()
var viaMethod = T{5}.Get()
var (
	x1 = trace("x1", y1)
	y1 = trace("y1", 0)
	z1 = trace("z1", 3)
)
var fn = later

func init() {
	println("init 1", a, b, c)
	c = 100
}

func f() int {
	println("f called, c =", c)
	return c + 1
}

func pair() (int, int) { return 7, 8 }

func sum(vs ...int) int {
	s := 0
	for _, v := range vs {
		s += v
	}
	return s
}

type T struct{ v int }

func (t T) Get() int { return t.v + k }

const k = 10

func trace(name string, v int) int {
	println("init", name)
	return v + 1
}

func init() {
	println("init 2", c, total, d, e, viaMethod)
}

func later() string { return "later" }

func main() {
	println("main", x1, y1, z1, fn())
}

// CHECK: f called, c = 1
// CHECK-NEXT: init y1
// CHECK-NEXT: init x1
// CHECK-NEXT: init z1
// CHECK-NEXT: init 1 3 2 1
// CHECK-NEXT: init 2 100 6 7 8 15
// CHECK-NEXT: main 2 1 4 later
