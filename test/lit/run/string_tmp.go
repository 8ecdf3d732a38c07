// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// string(b) of a byte slice as a map lookup's key or a comparison's
// operand shares b's bytes instead of copying them (gc's
// slicebytetostringtmp, FuncLowerer::emitTempString): lookups, comma-ok
// lookups and every comparison see b's bytes as they are at the
// operation; a string kept (a map assignment's key, a variable) is a copy.
package main

type name string

var calls int

//go:noinline
func mutate(b []byte) string {
	calls++
	b[0] = 'z'
	return "zz"
}

func main() {
	m := map[string]int{"ab": 1, "cd": 2}
	b := []byte("ab")
	// CHECK: lookup 1 0
	println("lookup", m[string(b)], m[string(b[:1])])
	v, ok := m[string(b)]
	// CHECK-NEXT: commaok 1 true
	println("commaok", v, ok)
	named := map[name]int{"ab": 3}
	// CHECK-NEXT: named 3
	println("named", named[name(b)])
	// CHECK-NEXT: compare true false true false true
	println("compare", string(b) == "ab", string(b) != "ab", "aa" < string(b), string(b) > "b", string(b) == string(b))
	// A kept key is a copy: changing b afterwards does not change it.
	m[string(b)] = 10
	s := string(b)
	b[0] = 'c'
	b[1] = 'd'
	// CHECK-NEXT: kept 10 ab 2
	println("kept", m["ab"], s, m[string(b)])
	c := []byte("zz")
	// CHECK-NEXT: order true 1
	println("order", string(c) == mutate(c), calls)
	var empty []byte
	// CHECK-NEXT: empty true 0
	println("empty", string(empty) == "", m[string(empty)])
}
