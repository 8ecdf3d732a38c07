// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Taking the address of a field or an array element of a local variable
// (&t.b, &a[i], w.arr[:], a pointer method called on w.t or a[i], a method
// value of one) takes the address of the variable itself: it must move to
// the heap (Checker::markAddrTaken), not stay in a frame that returns.
// Before, only &x of a whole variable did, and these pointers dangled.
package main

type T struct{ a, b int }

type W struct {
	t   T
	arr [4]int
	ts  [2]T
}

func (t *T) setB(v int) { t.b = v }
func (t *T) getB() int  { return t.b }

//go:noinline
func field(v int) *int {
	var t T
	t.b = v
	return &t.b
}

//go:noinline
func elem(v int) *int {
	var a [4]int
	a[2] = v
	return &a[2]
}

//go:noinline
func sliceOfField(v int) []int {
	var w W
	w.arr[1] = v
	return w.arr[:]
}

//go:noinline
func ptrMethodOnField(v int) *T {
	var w W
	p := &w.t
	w.t.setB(v)
	return p
}

//go:noinline
func methodValueOfElem(v int) func() int {
	var w W
	w.ts[1].b = v
	return w.ts[1].getB
}

//go:noinline
func nested(v int) *int {
	var w W
	w.ts[1].a = v
	return &(w.ts[1]).a
}

// Through a pointer, the pointee is addressed, not the local.
//go:noinline
func throughPointer(v int) *int {
	p := &T{}
	p.b = v
	return &p.b
}

func pick[E any](xs [3]E, i int) *E { return &xs[i] }

//go:noinline
func clobber(n int) int {
	var big [128]int
	for i := range big {
		big[i] = n + i
	}
	return big[n%128]
}

func main() {
	p := field(11)
	q := elem(22)
	s := sliceOfField(33)
	r := ptrMethodOnField(44)
	m := methodValueOfElem(55)
	n := nested(66)
	t := throughPointer(77)
	g := pick([3]string{"a", "b", "c"}, 1)
	clobber(5)
	println(*p, *q, s[1], r.b, m(), *n, *t, *g)
	// CHECK: 11 22 33 44 55 66 77 b
}
