// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// UNSUPPORTED: nomaps
// Stack objects with precise stack maps (codegen/stack_maps.cpp
// ObjectLiveness, runtime/mgcmark.cpp StackObjects): a variable whose
// address is taken lives in its frame as a stack object, scanned only
// while the code may still use it or a live pointer reaches it. Once
// dead, the pointers it still holds keep nothing alive; a live one keeps
// its referents, whose contents survive. A pointer argument a call does
// not use afterwards is not kept alive by the caller either, and a
// variable the program only writes keeps what it holds until nil is
// stored over it (gc's "sink" variables).
package main

import (
	"runtime"
	"time"
)

type heapObj [8]int64

type stackObj struct {
	h *heapObj
}

var (
	finalized [4]bool
	sink      *heapObj
)

//go:noinline
func newObj(i int) *heapObj {
	h := new(heapObj)
	for j := range h {
		h[j] = int64(i*100 + j)
	}
	runtime.SetFinalizer(h, func(*heapObj) { finalized[i] = true })
	return h
}

//go:noinline
func gc() {
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
}

// waitFinalizer gives the finalizer goroutine time to run object i's
// finalizer, which a collection that found the object dead queued; it
// collects nothing itself. The finalizer goroutine may run on another
// thread, which a loaded machine may run late.
func waitFinalizer(i int) bool {
	for n := 0; n < 200 && !finalized[i]; n++ {
		time.Sleep(time.Millisecond)
	}
	return finalized[i]
}

//go:noinline
func use(p *stackObj) int64 { return p.h[7] }

// deadObject: s is reached through p until its last use; after that the
// stack object is dead although its frame still holds s.h.
//
//go:noinline
func deadObject(h *heapObj, b bool) int64 {
	var s stackObj
	s.h = h
	p := &null
	if b {
		p = &s
	}
	n := use(p)
	gc() // neither p nor s is used below
	return n
}

var null = stackObj{h: &heapObj{}}

// liveObject: s is used after the collections, so its referent stays.
//
//go:noinline
func liveObject(h *heapObj) int64 {
	var s stackObj
	s.h = h
	p := &s
	gc()
	return use(p)
}

//go:noinline
func argument(h *heapObj) int64 {
	gc() // the caller passed h and no longer uses it
	return 0
}

func main() {
	n := deadObject(newObj(0), true)
	println(n, waitFinalizer(0))
	// CHECK: 7 true
	println(liveObject(newObj(1)), finalized[1])
	// CHECK-NEXT: 107 false
	gc()
	println(waitFinalizer(1))
	// CHECK-NEXT: true
	n = argument(newObj(2))
	println(n, waitFinalizer(2))
	// CHECK-NEXT: 0 true
	sink = newObj(3)
	gc()
	println(finalized[3])
	// CHECK-NEXT: false
	sink = nil
	gc()
	println(waitFinalizer(3))
	// CHECK-NEXT: true
}
