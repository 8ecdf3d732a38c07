// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A constant shift count may be an untyped float or complex constant with
// an integral value; it shifts as the uint it is representable as (Go's
// test/shift3.go).
package main

const M = 1<<64 - 1

func main() {
	var x int = 1
	println(x<<2., x<<(1+0i), x<<(M+0.), x<<(M+0.+0i), x>>(1.<<x))
}

// CHECK: 4 2 0 0 0
