// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Pointers: new, &T{} and &x escape to the heap; pointer identity;
// automatic dereference for fields; pointers to array elements and fields.
package main

type T struct {
	A int
	B [3]int
}

func newInt(v int) *int {
	x := v
	return &x // escapes
}

func inc(p *int) { *p++ }

func main() {
	p := new(int)
	println(*p)
	*p = 5
	inc(p)
	println(*p)
	a, b := newInt(1), newInt(1)
	println(*a == *b, a == b, a != nil)
	t := &T{A: 1}
	t.B[1] = 2
	pa := &t.A
	pb := &t.B[2]
	*pa = 10
	*pb = 30
	println(t.A, t.B[1], t.B[2])
	var s T
	ps := &s
	ps.A = 4
	println(s.A, (*ps).A)
	pp := &ps
	(*pp).A = 6
	println(s.A, (**pp).B[0])
	arr := []int{1, 2, 3}
	e := &arr[1]
	*e = 20
	println(arr[1])
	var nilp *T
	println(nilp == nil)
	n := new(T)
	println(n.A, len(n.B))
	cnt := new([4]string)
	cnt[3] = "x"
	println(cnt[3], len(cnt))
	ptrs := make([]*int, 3)
	for i := range ptrs {
		ptrs[i] = new(int)
		*ptrs[i] = i * i
	}
	println(*ptrs[0], *ptrs[1], *ptrs[2], ptrs[0] != ptrs[1])
	type E struct{}
	e1, e2 := &E{}, &E{}
	_ = e1 == e2 // unspecified for zero-size objects; must compile
	println(*newInt(42))
}

// CHECK: 0
// CHECK-NEXT: 6
// CHECK-NEXT: true false true
// CHECK-NEXT: 10 2 30
// CHECK-NEXT: 4 4
// CHECK-NEXT: 6 0
// CHECK-NEXT: 20
// CHECK-NEXT: true
// CHECK-NEXT: 0 3
// CHECK-NEXT: x 4
// CHECK-NEXT: 0 1 4 true
// CHECK-NEXT: 42
