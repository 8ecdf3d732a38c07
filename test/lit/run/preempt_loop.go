// RUN: %gortc -o %t %s
// RUN: env GOGC=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: %gortc -O0 -o %t0 %s
// RUN: env GOGC=1 %run %t0 2>&1 | FileCheck %s
// Goroutines spin in loops without calls while main allocates: every
// collection stops the world, and the spinning goroutines must stop too.
// Each loop polls for preemption at its header (codegen/preempt_poll.cpp):
// an endless loop, an endless loop around a counted one, and a counted
// loop whose count is absurd. Without the polls this program hangs at its
// first collection.
package main

var x, y, z int

type T struct{ a [4]int }

var sink *T

func main() {
	go func() {
		for {
			x++
		}
	}()
	go func() {
		for {
			for i := 0; i < 100; i++ {
				y++
			}
		}
	}()
	go func() {
		for i := 0; i >= 0; i++ {
			z--
		}
	}()
	for i := 0; i < 200000; i++ {
		sink = &T{}
	}
	println("done")
}

// CHECK: done
