// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --implicit-check-not="worker 2 finished"
// Package runtime: GOMAXPROCS, Gosched, Goexit (deferred calls run, the goroutine
// ends), NumGoroutine, NumCPU, GOOS, GC, KeepAlive, and runtime.Error for
// run-time errors.
package main

import "runtime"

func worker(id int, done chan bool) {
	defer func() { done <- true }()
	defer println("worker", id, "deferred before Goexit")
	if id == 2 {
		runtime.Goexit()
	}
	println("worker", id, "finished")
}

func main() {
	old := runtime.GOMAXPROCS(1)
	println("old >= 1:", old >= 1, "now:", runtime.GOMAXPROCS(0))
	done := make(chan bool)
	for i := 1; i <= 3; i++ {
		go worker(i, done)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	runtime.Gosched()
	runtime.GC()
	runtime.KeepAlive(done)
	println("goroutines:", runtime.NumGoroutine(), runtime.NumCPU() >= 1, runtime.GOOS)
	var e runtime.Error
	defer func() {
		r := recover()
		e = r.(runtime.Error)
		println("runtime.Error:", e.Error())
	}()
	var a []int
	_ = a[1]
}

// The workers' order is the scheduler's: sysmon may preempt main while it
// starts them (under qemu especially).
// CHECK: old >= 1: true now: 1
// CHECK-DAG: worker 3 finished
// CHECK-DAG: worker 3 deferred before Goexit
// CHECK-DAG: worker 1 finished
// CHECK-DAG: worker 1 deferred before Goexit
// CHECK-DAG: worker 2 deferred before Goexit
// CHECK: goroutines: 1 true linux
// CHECK-NEXT: runtime.Error: runtime error: index out of range [1] with length 0
// CHECK: exit=0
