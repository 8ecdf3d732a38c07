// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Deferred calls run LIFO at return, with arguments and receivers evaluated
// at the defer statement; deferred closures can change named results.
package main

type T struct{ n int }

func (t T) show(s string)   { println("show", t.n, s) }
func (t *T) pshow(s string) { println("pshow", t.n, s) }

func named() (x int) {
	defer func() { x *= 2 }()
	return 21
}

func args() {
	i := 1
	defer println("deferred i =", i)
	i = 2
	t := T{1}
	defer t.show("value receiver, evaluated at defer")
	defer t.pshow("pointer receiver, sees later change")
	t.n = 5
}

func loop() {
	for i := 0; i < 3; i++ {
		defer func(n int) { println("loop", n) }(i)
	}
}

type I interface{ M() }

func (t T) M() { println("M", t.n) }

func iface() {
	var i I = T{9}
	defer i.M()
	i = T{10}
}

func builtins() {
	m := map[int]int{1: 1}
	defer println("len after delete:", len(m))
	defer delete(m, 1)
}

func main() {
	println(named())
	args()
	loop()
	iface()
	builtins()
	defer println("main: last")
	defer println("main: first")
}

// CHECK: 42
// CHECK-NEXT: pshow 5 pointer receiver, sees later change
// CHECK-NEXT: show 1 value receiver, evaluated at defer
// CHECK-NEXT: deferred i = 1
// CHECK-NEXT: loop 2
// CHECK-NEXT: loop 1
// CHECK-NEXT: loop 0
// CHECK-NEXT: M 9
// CHECK-NEXT: len after delete: 1
// CHECK-NEXT: main: first
// CHECK-NEXT: main: last
// CHECK: exit=0
