// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// runtime.GC yields before its cycle (runtime/runtime_pkg.cpp), as gc's
// parks its caller while the mark runs: a goroutine readied just before,
// holding the only reference to an object, runs and exits first, and the
// cycle finds the object dead. Before, with one P the goroutine had not
// run, its frame kept the object, and the finalizer never ran (AArch64,
// 3 of 3; Go 1.19's typeparam/chans.go timed out the same way under load).
package main

import (
	"runtime"
	"time"
)

type obj struct {
	n   int
	pad [7]int
}

var finalized = make(chan bool, 1)

// start gives a new goroutine the only reference to an object, and
// returns once the goroutine waits on c with it.
//
//go:noinline
func start(c chan int) {
	o := &obj{n: 1}
	runtime.SetFinalizer(o, func(*obj) { finalized <- true })
	go func(o *obj) {
		n := <-c
		o.n += n
	}(o)
	runtime.Gosched() // the goroutine runs until it waits
}

func main() {
	c := make(chan int)
	start(c)
	c <- 1 // readies the goroutine; it has not run yet
	runtime.GC()
	select {
	case <-finalized:
		println("finalized")
	case <-time.After(2 * time.Second):
		println("kept")
	}
}

// CHECK: finalized
