// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// UNSUPPORTED: nomaps
// Precise stack maps (codegen/stack_maps.cpp, runtime/stkmap.cpp): a
// pointer that was live across one call of main and is dead across the
// next stays in its frame slot, but the map of the second call leaves it
// out, so the collector frees its object (and runs its finalizer); the
// pointers live across a call keep their objects, whose contents survive
// the collections.
package main

import "runtime"

type big struct {
	n    int
	next *big
	pad  [30]int
}

var finalized int

//go:noinline
func newBig(n int) *big {
	b := &big{n: n}
	runtime.SetFinalizer(b, func(b *big) { finalized++ })
	return b
}

//go:noinline
func churn() {
	for i := 0; i < 1000; i++ {
		_ = make([]byte, 100)
	}
}

//go:noinline
func value(b *big) int { return b.n }

// collect runs cycles until the finalizer ran or it gives up.
//
//go:noinline
func collect() {
	for i := 0; i < 20 && finalized == 0; i++ {
		runtime.GC()
		runtime.Gosched()
	}
}

func main() {
	dead := newBig(1)
	live := newBig(2)
	live.next = &big{n: 3}
	churn() // both live across this call
	n := value(dead)
	collect() // dead is not live here, live is
	println(n, finalized, live.n, live.next.n)
	// CHECK: 1 1 2 3
	collect()
	println(finalized)
	// CHECK-NEXT: 1
}
