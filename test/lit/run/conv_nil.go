// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Converting untyped nil to a slice, pointer, function or interface type
// yields that type's nil value.
package main

type P *int

func main() {
	s := []int(nil)
	var e error = error(nil)
	var i interface{} = interface{}(nil)
	p := (*int)(nil)
	q := P(nil)
	f := (func())(nil)
	println(s == nil, len(s), e == nil, i == nil, p == nil, q == nil, f == nil)
	println(append([]int(nil)) == nil)
}

// CHECK: true 0 true true true true true
// CHECK-NEXT: true
