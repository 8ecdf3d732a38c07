// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Methods may be declared with an alias of the receiver type (or a pointer
// to it); they belong to the aliased defined type.
package main

type T struct{ v int }
type A = T
type AA = A

func (a A) Get() int      { return a.v }
func (a *AA) Set(v int)   { a.v = v }
func (t T) Twice() int    { return 2 * t.v }
func (a *A) Incr() *A     { a.v++; return a }

type I interface {
	Get() int
	Twice() int
}

func main() {
	t := T{1}
	t.Set(5)
	var i I = t
	println(t.Get(), i.Get(), i.Twice())
	var a A = t
	a.Incr().Incr()
	println(a.Get(), t.Get(), (*T).Get(&a), T.Twice(a))
	f := a.Get
	println(f())
}

// CHECK: 5 5 10
// CHECK-NEXT: 7 5 7 14
// CHECK-NEXT: 7
