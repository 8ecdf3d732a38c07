// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// In a tuple assignment the nil and bounds checks of a place belong to its
// store, which comes after the stores to its left: m[2] is set before *p,
// p[1] or p.i panics (Go's test/fixedbugs/issue23017.go). The operands of
// a place are still evaluated, with their checks, before any store.
package main

func check(name string, want, got int) {
	if want != got {
		println(name, "wanted", want, "got", got)
		return
	}
	println(name, "ok")
}

type T struct{ i int }

func deref() {
	m := map[int]int{}
	var p *int
	defer func() {
		println(recover() != nil)
		check("deref", 42, m[2])
	}()
	m[2], *p = 42, 2
}

func index() {
	m := map[int]int{}
	p := []int{}
	defer func() {
		println(recover() != nil)
		check("index", 2, m[2])
	}()
	m[2], p[1] = 2, 2
}

func field() {
	m := map[int]int{}
	var p *T
	defer func() {
		println(recover() != nil)
		check("field", 3, m[2])
	}()
	m[2], p.i = 3, 2
}

func rebind() {
	var x T
	p := &x
	p, p.i = new(T), 4
	check("rebind", 4, x.i)
}

func operand() {
	var a []int
	var b []int
	defer func() {
		println(recover() != nil)
		check("operand", 0, len(a))
	}()
	// b[5] is an operand of a's index: it panics before a is assigned.
	a, a[b[5]] = []int{1}, 1
}

func main() {
	deref()
	index()
	field()
	rebind()
	operand()
}

// CHECK: true
// CHECK-NEXT: deref ok
// CHECK-NEXT: true
// CHECK-NEXT: index ok
// CHECK-NEXT: true
// CHECK-NEXT: field ok
// CHECK-NEXT: rebind ok
// CHECK-NEXT: true
// CHECK-NEXT: operand ok
