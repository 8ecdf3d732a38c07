// RUN: %gortc -o %t %s && env GOGC=off %run %t 2>&1 | FileCheck %s
// RUN: %gortc -O0 -o %t0 %s && env GOGC=off %run %t0 2>&1 | FileCheck %s
// UNSUPPORTED: gcstress
// Collections shrink stacks (runtime/stack.cpp, shrinkStacks): the
// segments a goroutine grew into and left are freed, as are the stacks of
// exited goroutines on the global free list and pool chunks left unused;
// the goroutines then grow again as needed. GOGC=off: only runtime.GC()
// collects, so the stacks are measured before and after one.
package main

import "runtime"

// deep recurses n levels (not a tail call, nor one with an accumulator
// that LLVM could turn into a loop).
//
//go:noinline
func deep(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	x := deep(n - 1)
	return x ^ (x >> 3) + int(pad[n%64])
}

func stackInuse() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.StackInuse
}

func main() {
	const n = 500
	release := make(chan bool)
	ready := make(chan bool)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			s := deep(3000 + i%100)
			ready <- true
			<-release
			// Grow again after the collection freed the segments.
			done <- s + deep(3000+i%100)
		}(i)
	}
	for i := 0; i < n; i++ {
		<-ready
	}
	before := stackInuse()
	// The first cycle keeps the segments the goroutines entered since the
	// last one (they might still be crossing into them); the second frees
	// them.
	runtime.GC()
	runtime.GC()
	after := stackInuse()
	// Each goroutine used about 128 KiB; blocked, it needs 8 KiB.
	println("blocked:", before > 40<<20, after < before/8)
	// CHECK: blocked: true true
	close(release)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println("sum:", sum)
	// CHECK-NEXT: sum: 671739870
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched() // until every worker has exited
	}
	runtime.GC()
	exited := stackInuse()
	// The exited goroutines' stacks are free or reused.
	println("exited:", exited <= after)
	// CHECK-NEXT: exited: true
}
