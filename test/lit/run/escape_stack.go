// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Escape analysis (codegen/stack_alloc.cpp): heap cells whose pointers do
// not outlive their function move into its frame at -O1 and above. Every
// case here must behave as if each cell were on the heap: objects made in
// a loop stay distinct while an older one is still in use, and start from
// zero in every iteration, pointers passed down a deep recursion (across
// stack segments) stay valid, the heap objects a frame object refers to
// survive collections, and what escapes (returned, stored, captured by a
// goroutine or a defer) keeps its heap cell.
package main

import "runtime"

//go:noinline
func fib(n int, acc *int) {
	if n < 2 {
		*acc += n
		return
	}
	x := n - 1
	y := [2]int{n - 2, 0}
	fibp(&x, acc)
	fibp(&y[0], acc)
}

//go:noinline
func fibp(n *int, acc *int) { fib(*n, acc) }

// The previous iteration's object is read through prev: the objects of two
// iterations must differ.
//go:noinline
func loop() int {
	sum := 0
	var prev *int
	for i := 1; i <= 4; i++ {
		x := i * 10
		p := &x
		if prev != nil {
			sum += *prev * 100
		}
		sum += *p
		prev = p
	}
	return sum
}

//go:noinline
func bump(p *[4]int, i int) int {
	p[i%4] += i
	return p[0] + p[1] + p[2] + p[3]
}

// Each iteration's array starts from zero, whether it lives in the frame
// (one slot, zeroed again every iteration) or on the heap.
//go:noinline
func loopFresh() int {
	sum := 0
	for i := 1; i <= 5; i++ {
		var a [4]int
		sum = sum*10 + bump(&a, i)
	}
	return sum
}

//go:noinline
func deep(n int, p *int) {
	var pad [32]int
	pad[n%32] = n
	if n == 0 {
		*p = 1
		return
	}
	deep(n-1, p)
	*p += pad[n%32] - n + 1
}

type box struct {
	data []int
	next *box
}

//go:noinline
func churn() {
	var keep [][]int
	for i := 0; i < 200; i++ {
		s := make([]int, 1000)
		for j := range s {
			s[j] = -1
		}
		keep = append(keep, s)
		if len(keep) > 4 {
			keep = keep[1:]
		}
	}
	runtime.GC()
}

//go:noinline
func sumBox(b *box) int {
	churn()
	t := 0
	for ; b != nil; b = b.next {
		for _, v := range b.data {
			t += v
		}
	}
	return t
}

// The frame objects hold the only references to heap slices.
//go:noinline
func gcHeld(n int) int {
	inner := box{data: make([]int, n)}
	outer := &box{data: make([]int, n), next: &inner}
	for i := range inner.data {
		inner.data[i] = i
		outer.data[i] = 2 * i
	}
	return sumBox(outer)
}

// A buffer in the frame, grown onto the heap by append (growslice copies
// from the frame) and turned into a string (a copy too).
//go:noinline
func digits(n, reps int) string {
	var buf [8]byte
	b := buf[:0]
	for r := 0; r < reps; r++ {
		for m := n; m > 0; m /= 10 {
			b = append(b, byte('0'+m%10))
		}
		if r == 0 {
			churn()
		}
	}
	return string(b)
}

//go:noinline
func mk(v int) *int {
	x := v
	return &x
}

var global *int

//go:noinline
func stash(p *int) { global = p }

//go:noinline
func viaGoroutine() int {
	x := 0
	done := make(chan bool)
	go func() {
		x = 7
		done <- true
	}()
	<-done
	return x
}

//go:noinline
func viaDefer() (r int) {
	x := 1
	defer func() { r = x * 3 }()
	x = 5
	return 0
}

//go:noinline
func recovered() (r int) {
	x := 2
	p := &x
	defer func() {
		recover()
		r = *p
	}()
	var a []int
	*p = 9
	_ = a[x]
	return 0
}

//go:noinline
func squares() int {
	s := make([]int, 8)
	for i := range s {
		s[i] = i * i
	}
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

func main() {
	acc := 0
	fib(20, &acc)
	// CHECK: fib 6765
	println("fib", acc)
	// CHECK-NEXT: loop 6100 12345
	println("loop", loop(), loopFresh())
	d := 0
	deep(50000, &d)
	// CHECK-NEXT: deep 50001
	println("deep", d)
	// CHECK-NEXT: gc 1498500
	println("gc", gcHeld(1000))
	a, b := mk(1), mk(2)
	// CHECK-NEXT: returned 1 2 false
	println("returned", *a, *b, a == b)
	y := 3
	stash(&y)
	y = 4
	// CHECK-NEXT: stored 4
	println("stored", *global)
	p, q := new(int), new(int)
	*p, *q = 1, 2
	// CHECK-NEXT: distinct false 1 2
	println("distinct", p == q, *p, *q)
	// CHECK-NEXT: goroutine 7 defer 15 recovered 9
	println("goroutine", viaGoroutine(), "defer", viaDefer(), "recovered", recovered())
	// CHECK-NEXT: squares 140
	println("squares", squares())
	// CHECK-NEXT: digits 4321 432143214321432143214321
	println("digits", digits(1234, 1), digits(1234, 6))
}
