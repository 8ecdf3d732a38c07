// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// References inside function literals in package-level initializers are
// dependencies of the variable being initialised (called or not), and
// functions pass on the dependencies of their bodies.
package main

var a = func() int { return b * 2 }() // needs b
var b = c + 1                         // needs c
var c = trace("c", 1)
var fs = []func() int{func() int { return d }}
var d = trace("d", 4)
var e, f = pair()
var g = f + 100

func pair() (int, int) {
	println("pair")
	return c, a
}

func trace(s string, v int) int {
	println("init", s)
	return v
}

func main() {
	println(a, b, c, fs[0](), d, e, f, g)
}

// CHECK: init c
// CHECK-NEXT: init d
// CHECK-NEXT: pair
// CHECK-NEXT: 4 2 1 4 4 1 4 104
