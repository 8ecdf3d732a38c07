// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A defined type may name another defined type whose declaration is still
// being checked, when the cycle goes through a type literal: the types
// share the underlying type (Go's test/fixedbugs/bug443.go).
package main

type T1 struct{ F *T2 }
type T2 T1
type T3 T2

func (*T3) M() int { return 3 }
func (t *T2) N() int { return 2 } // T2's underlying type is resolved late

type L1 struct{ next *L2 }
type L2 L1


func main() {
	var t T2
	t.F = &t
	var t3 T3
	println(t.F == &t, t3.M(), t3.F == nil, t.N())
	var l L2
	println(l.next == nil)
}

// CHECK: true 3 true 2
// CHECK-NEXT: true
