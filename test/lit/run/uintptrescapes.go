// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -mllvm -gortc-stack-maps=false -o %t.nomaps %s && %run %t.nomaps 2>&1 | FileCheck %s
// //go:uintptrescapes (codegen/lower_func.cpp): an unsafe.Pointer that a
// call's argument converts to uintptr keeps its object alive while the
// call runs, though the callee never uses it (Go 1.19's
// fixedbugs/issue24491b.go), and no longer: after the call the object is
// collected. Without the pragma's support the objects were finalized
// during the calls on both targets, with and without stack maps. A go or
// defer statement's call keeps them too (its record holds them).
package main

import (
	"runtime"
	"time"
	"unsafe"
)

var finalized [8]bool

type obj struct {
	n   int
	pad [7]int
}

func newObj(i int) unsafe.Pointer {
	o := &obj{n: i}
	runtime.SetFinalizer(o, func(*obj) { finalized[i] = true })
	return unsafe.Pointer(o)
}

// early[i] reports object i finalized while a call that was passed it
// runs.
var early [8]bool

func keptAll() bool {
	for _, e := range early {
		if e {
			return false
		}
	}
	return true
}

//go:uintptrescapes
//go:noinline
func ignore(a, b uintptr, c ...uintptr) {
	runtime.GC()
	runtime.GC()
	time.Sleep(time.Millisecond) // the finalizer goroutine's turn
	for i := 1; i <= 3; i++ {
		early[i] = finalized[i]
	}
}

type T struct{}

//go:uintptrescapes
//go:noinline
func (T) ignore(a uintptr) {
	runtime.GC()
	runtime.GC()
	time.Sleep(time.Millisecond)
	early[4] = finalized[4]
}

func waitFinalized(i int) bool {
	for n := 0; n < 100 && !finalized[i]; n++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	return finalized[i]
}

var finished = make(chan bool, 3)

//go:uintptrescapes
//go:noinline
func later(i int, a uintptr) {
	runtime.GC()
	runtime.GC()
	time.Sleep(time.Millisecond)
	early[i] = finalized[i]
	finished <- true
}

func main() {
	ignore(uintptr(newObj(1)), uintptr(newObj(2)), uintptr(newObj(3)))
	T{}.ignore(uintptr(newObj(4)))
	println("kept during the calls:", keptAll())
	println("freed after:", waitFinalized(1), waitFinalized(2), waitFinalized(4))

	go func() {
		defer later(5, uintptr(newObj(5)))
		runtime.GC()
		time.Sleep(time.Millisecond)
	}()
	go later(6, uintptr(newObj(6)))
	for i := 0; i < 2; i++ {
		<-finished
	}
	println("kept during go and defer calls:", keptAll())
}

// CHECK: kept during the calls: true
// CHECK-NEXT: freed after: true true true
// CHECK-NEXT: kept during go and defer calls: true
