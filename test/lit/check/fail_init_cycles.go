// RUN: %gortc-bin build -verify %s
// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines
// Initialization cycles among package-level variables and constants,
// through functions, methods and function literals, are reported once per
// cycle, at its first object in source order that is on the cycle (the
// algorithm of go/types' initorder.go).
package main

var (
	x int = a
	a int = b // ERROR "initialization loop for a"
	b int = c
	c int = a
)

var m, n = f() // ERROR "initialization loop for n"
var o = n

func f() (int, int) { return o, o }

var lit = func() int { return lit2 }() // ERROR "initialization loop for lit"
var lit2 = lit

var self = func() { self() } // ERROR "initialization loop for self"

type T struct{}

func (T) get() int { return viaMethod }

var viaMethod = T{}.get() // ERROR "initialization loop for viaMethod"

const A = 1 + B // ERROR "initialization loop for A"
const B = C - 1 // ERROR "initialization loop for B"
const C = A + B + 1

const selfConst = selfConst // ERROR "initialization loop for selfConst"

// Recursive functions are fine.
func even(n int) bool { return n == 0 || odd(n-1) }
func odd(n int) bool  { return n != 0 && even(n-1) }

var parity = even(10)

func main() {}

// CHECK:      {{.*}}fail_init_cycles.go:11:2: initialization loop for a
// CHECK-NEXT: {{.*}}fail_init_cycles.go:11:2: a refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:12:2: b refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:13:2: c refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:11:2: a
// CHECK-NEXT: {{.*}}fail_init_cycles.go:16:8: initialization loop for n
// CHECK-NEXT: {{.*}}fail_init_cycles.go:16:8: n refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:19:6: f refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:17:5: o refers to
// CHECK-NEXT: {{.*}}fail_init_cycles.go:16:8: n
