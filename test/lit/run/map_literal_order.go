// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Found by gosmith: a map literal stores its static entries (constant or
// nil keys and elements, and array or struct literals of those) first and
// then every other entry in source order, as gc does (walk/order.go,
// OMAPLIT), so with equal keys the last dynamic entry wins.
package main

type P struct{ x, y int }

var k = 1
var trace []int

func key(n, v int) int { trace = append(trace, v); return n }

func main() {
	// A dynamic entry is stored after every static one.
	m1 := map[int]string{k: "dynamic", 1: "static"}
	println(len(m1), m1[1])
	m2 := map[int]string{1: "static", k: "dynamic"}
	println(len(m2), m2[1])

	// Dynamic entries go in in source order, each evaluated when stored.
	m3 := map[int]int{key(1, 10): 10, 2: 20, key(1, 30): 30, key(2, 40): 40}
	println(len(m3), m3[1], m3[2], len(trace), trace[0], trace[1], trace[2])

	// Struct and array keys made of constants are static.
	var pk = P{1, 2}
	m4 := map[P]string{pk: "dynamic", {1, 2}: "static"}
	println(m4[P{1, 2}])
	m5 := map[[2]int]string{{k, 2}: "dynamic", {1, 2}: "static"}
	println(m5[[2]int{1, 2}])

	// A constant converted to an interface is not static.
	m6 := map[interface{}]string{1: "first", interface{}(k): "second"}
	println(m6[1])
	var ik interface{} = 1
	m7 := map[interface{}]string{ik: "dynamic", 1: "constant"}
	println(m7[1])

	// nil values are static; a value computed at run time is not.
	s := "run time"
	m8 := map[string]*int{"a": nil}
	m9 := map[int]string{k: s, 1: "const"}
	println(len(m8), m9[1])
}

// CHECK: 1 dynamic
// CHECK-NEXT: 1 dynamic
// CHECK-NEXT: 2 30 40 3 10 30 40
// CHECK-NEXT: dynamic
// CHECK-NEXT: dynamic
// CHECK-NEXT: second
// CHECK-NEXT: constant
// CHECK-NEXT: 1 run time
