// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Function literals are named as gc names them: F.funcN directly in F,
// L.N inside literal L, glob..funcN in package-level initializers.
package main

func apply(f func()) { f() }

var other = func() {}

var g = func() {
	func() {
		panic("boom")
	}()
}

func main() {
	x := 1
	f := func() { x++ }
	f()
	other()
	apply(func() {
		h := func() {
			if x > 1 {
				g()
			}
		}
		h()
	})
}

// CHECK: panic: boom
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main.glob..func2.1(
// CHECK: main.glob..func2(
// CHECK: main.main.func2.1(
// CHECK: main.main.func2(
// CHECK: main.apply(
// CHECK: main.main(
// CHECK: exit=2
