// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %exitcode %run %t notptr 2>&1 | FileCheck --check-prefix=NOTPTR %s
// RUN: %exitcode %run %t notfunc 2>&1 | FileCheck --check-prefix=NOTFUNC %s
// RUN: %exitcode %run %t badarg 2>&1 | FileCheck --check-prefix=BADARG %s
// RUN: %exitcode %run %t twice 2>&1 | FileCheck --check-prefix=TWICE %s
// RUN: %exitcode %run %t inner 2>&1 | FileCheck --check-prefix=INNER %s
// runtime.SetFinalizer: finalizers run once their objects are unreachable,
// with every kind of parameter gc accepts and with results of every shape;
// a removed finalizer never runs; of two objects with finalizers, the one
// the other references is finalized after it; a finalizer that keeps its
// object resurrects it without running again; globals and zero-size
// objects are accepted and ignored; the finalizer goroutine is not counted
// by NumGoroutine. The collector scans stacks conservatively, so a few
// objects may be kept by stale words: the counts allow 10%.
package main

import (
	"os"
	"runtime"
	"time"
)

const N = 200

type T struct {
	id   int
	next *T
	pad  [4]int
}

func (t *T) Name() string { return "T" }

type Namer interface{ Name() string }

type Big struct{ a, b, c, d, e int }

var (
	ranPtr, ranAny, ranNamer, ranScalar, ranAggr, ranRemoved int
	ranStrErr, ranFloats                                     int
	anyTypeOK, namerOK                                       = true, true
	chainOrderOK                                             = true
	finalizedHead                                            [N]bool
	ranChainTail                                             int
	resurrected                                              []*T
	ranResurrect                                             int
	global                                                   T
)

//go:noinline
func allocate() {
	for i := 0; i < N; i++ {
		runtime.SetFinalizer(&T{id: i}, func(t *T) { ranPtr++ })
		runtime.SetFinalizer(&T{id: i}, func(x any) {
			if _, ok := x.(*T); !ok {
				anyTypeOK = false
			}
			ranAny++
		})
		runtime.SetFinalizer(&T{id: i}, func(n Namer) {
			if n.Name() != "T" {
				namerOK = false
			}
			ranNamer++
		})
		runtime.SetFinalizer(&T{id: i}, func(t *T) (int, string, float64) {
			ranScalar++
			return t.id, "done", 1.5
		})
		runtime.SetFinalizer(&T{id: i}, func(t *T) (Big, [64]int, Big) {
			ranAggr++
			return Big{a: 1}, [64]int{63: 2}, Big{e: 3}
		})
		// Results returned through a hidden buffer (x86-64) and in x87
		// registers.
		runtime.SetFinalizer(&T{id: i}, func(t *T) (string, error) {
			ranStrErr++
			return "s", nil
		})
		runtime.SetFinalizer(&T{id: i}, func(t *T) (float64, float64, float64) {
			ranFloats++
			return 1, 2, 3
		})
		r := &T{id: i}
		runtime.SetFinalizer(r, func(t *T) { ranRemoved++ })
		runtime.SetFinalizer(r, nil)

		// head -> tail: the tail is finalized after the head.
		tail := &T{id: i}
		head := &T{id: i, next: tail}
		runtime.SetFinalizer(tail, func(t *T) {
			if !finalizedHead[t.id] {
				chainOrderOK = false
			}
			ranChainTail++
		})
		runtime.SetFinalizer(head, func(t *T) { finalizedHead[t.id] = true })

		runtime.SetFinalizer(&T{id: i}, func(t *T) {
			ranResurrect++
			resurrected = append(resurrected, t)
		})
	}
}

func collect(done func() bool) {
	for i := 0; i < 200 && !done(); i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func enough(n int) bool { return n >= N*9/10 }

func main() {
	if len(os.Args) > 1 {
		bad(os.Args[1])
		return
	}
	allocate()
	collect(func() bool {
		return enough(ranPtr) && enough(ranAny) && enough(ranNamer) &&
			enough(ranScalar) && enough(ranAggr) && enough(ranStrErr) &&
			enough(ranFloats) && enough(ranChainTail) &&
			enough(ranResurrect)
	})
	// More cycles: resurrected objects must not be finalized again, and
	// removed finalizers must stay removed.
	for i := 0; i < 5; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	println("pointer", enough(ranPtr))
	println("any", enough(ranAny), anyTypeOK)
	println("interface", enough(ranNamer), namerOK)
	println("scalar results", enough(ranScalar))
	println("aggregate results", enough(ranAggr))
	println("buffer and x87 results", enough(ranStrErr), enough(ranFloats))
	println("removed", ranRemoved)
	println("chain", enough(ranChainTail), chainOrderOK)
	println("resurrected once", enough(ranResurrect), ranResurrect == len(resurrected))
	for _, t := range resurrected {
		if t.pad != [4]int{} {
			println("resurrected object damaged")
		}
	}

	runtime.SetFinalizer(&global, func(*T) { println("global finalized") })
	runtime.SetFinalizer(new(struct{}), func(*struct{}) { println("zero-size finalized") })
	runtime.GC()
	time.Sleep(time.Millisecond)
	println("goroutines", runtime.NumGoroutine())
}

// CHECK: pointer true
// CHECK-NEXT: any true true
// CHECK-NEXT: interface true true
// CHECK-NEXT: scalar results true
// CHECK-NEXT: aggregate results true
// CHECK-NEXT: buffer and x87 results true true
// CHECK-NEXT: removed 0
// CHECK-NEXT: chain true true
// CHECK-NEXT: resurrected once true true
// CHECK-NEXT: goroutines 1
// CHECK-NOT: finalized

type Other struct{ x int }

func bad(what string) {
	switch what {
	case "notptr":
		runtime.SetFinalizer(1, func(int) {})
	case "notfunc":
		runtime.SetFinalizer(new(T), 42)
	case "badarg":
		runtime.SetFinalizer(new(T), func(*Other) {})
	case "twice":
		t := new(T)
		runtime.SetFinalizer(t, func(*T) {})
		runtime.SetFinalizer(t, func(*T) {})
	case "inner":
		t := new(T)
		runtime.SetFinalizer(&t.next, func(**T) {})
	}
}

// NOTPTR: fatal error: runtime.SetFinalizer: first argument is int, not pointer
// NOTPTR: exit=2
// NOTFUNC: fatal error: runtime.SetFinalizer: second argument is int, not a function
// NOTFUNC: exit=2
// BADARG: fatal error: runtime.SetFinalizer: cannot pass *main.T to finalizer func(*main.Other)
// BADARG: exit=2
// TWICE: fatal error: runtime.SetFinalizer: finalizer already set
// TWICE: exit=2
// INNER: fatal error: runtime.SetFinalizer: pointer not at beginning of allocated block
// INNER: exit=2
