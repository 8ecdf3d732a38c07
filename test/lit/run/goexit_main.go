// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// runtime.Goexit in main runs main's deferred calls; once every other
// goroutine is done the program dies with gc's message.
package main

import "runtime"

func main() {
	done := make(chan bool)
	go func() {
		defer close(done)
		println("worker runs")
	}()
	defer println("main deferred runs")
	runtime.Goexit()
	println("unreachable")
}

// The two goroutines' lines may come in either order.
// CHECK-DAG: main deferred runs
// CHECK-DAG: worker runs
// CHECK: fatal error: no goroutines (main called runtime.Goexit) - deadlock!
// CHECK: exit=2
