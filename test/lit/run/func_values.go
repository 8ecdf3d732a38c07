// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Function types: top-level functions and method values as values, named
// function types, funcs in structs, slices and arrays, nil comparisons and
// non-capturing literals.
package main

type Op func(a, b int) int

func add(a, b int) int { return a + b }
func sub(a, b int) int { return a - b }

type Calc struct {
	name string
	op   Op
}

func apply(op Op, a, b int) int { return op(a, b) }

func pick(name string) func(int, int) int {
	switch name {
	case "add":
		return add
	case "mul":
		return func(a, b int) int { return a * b }
	}
	return nil
}

type T struct{ base int }

func (t T) Add(x int) int { return t.base + x }

func main() {
	calcs := []Calc{{"add", add}, {"sub", sub}, {"mul", pick("mul")}}
	for _, c := range calcs {
		println(c.name, c.op(7, 3), apply(c.op, 2, 2))
	}
	var ops [2]Op
	ops[0] = sub
	println(ops[0](1, 2), ops[1] == nil)
	f := pick("none")
	println(f == nil, pick("add") != nil)
	var g func(int, int) int = add
	var h Op = g // assignable: identical underlying types, one unnamed
	println(h(1, 1))
	t := T{10}
	m := t.Add
	me := T.Add
	println(m(5), me(T{1}, 1))
	sq := func(x int) int { return x * x }
	println(sq(9), func(s string) int { return len(s) }("four"))
	type pair struct{ f, g func() string }
	p := pair{func() string { return "f" }, func() string { return "g" }}
	println(p.f() + p.g())
}

// CHECK: add 10 4
// CHECK-NEXT: sub 4 0
// CHECK-NEXT: mul 21 4
// CHECK-NEXT: -1 true
// CHECK-NEXT: true true
// CHECK-NEXT: 2
// CHECK-NEXT: 15 2
// CHECK-NEXT: 81 4
// CHECK-NEXT: fg
