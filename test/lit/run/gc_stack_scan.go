// RUN: %gortc -o %t %s
// RUN: env GOGC=1 GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// RUN: env GORTDEBUG=gcstress=50,gcpoison=1,gccheckmark=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// RUN: env GORTDEBUG=gcstress=50,gcpoison=1 GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// A concurrent mark scans each blocked goroutine's stack after the world
// restarts, by a mark helper or by the M about to run the goroutine
// (mgcmark.cpp, "Stacks of a concurrent mark"). Each of many goroutines
// keeps a list that only its own frame references while it is blocked,
// and checks it each time it wakes; between wake-ups the main goroutine
// allocates enough for several cycles. A stack no one scanned would let
// its list be freed: poisoned (gcpoison), it fails the check. Under
// gccheckmark it also caught gort_gogo handing a new goroutine the
// scheduler's callee-saved registers, which its first Go frame saved: a
// dead churn object in the stack of a goroutine that never saw one
// (7 of 100 loaded runs before gogo cleared them, 0 of 200 after).
package main

import "runtime"

type cell struct {
	val  int
	next *cell
}

const listLen = 16

func build(seed int) *cell {
	var head *cell
	for i := 0; i < listLen; i++ {
		head = &cell{seed*1000 + i, head}
	}
	return head
}

func intact(c *cell, seed int) bool {
	for i := listLen - 1; i >= 0; i-- {
		if c == nil || c.val != seed*1000+i {
			return false
		}
		c = c.next
	}
	return c == nil
}

//go:noinline
func hold(seed int, wake <-chan int, done chan<- int) {
	mine := build(seed)
	for r := range wake {
		bad := 0
		if !intact(mine, seed) {
			bad = 1
		}
		if r%3 == seed%3 {
			mine = build(seed) // the old list becomes garbage
		}
		done <- bad
	}
}

type garbage struct {
	a, b *garbage
	pad  [4]int
}

var sink *garbage

func churn(n int) {
	for i := 0; i < n; i++ {
		sink = &garbage{a: sink}
		if i%64 == 0 {
			sink = nil
		}
	}
}

func main() {
	const goroutines = 1000
	const rounds = 8
	done := make(chan int)
	wake := make([]chan int, goroutines)
	for i := range wake {
		wake[i] = make(chan int)
		go hold(i, wake[i], done)
	}
	bad := 0
	for r := 0; r < rounds; r++ {
		churn(200000)
		for _, w := range wake {
			w <- r
		}
		for range wake {
			bad += <-done
		}
	}
	for _, w := range wake {
		close(w)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	println("bad lists:", bad)
	println("collected:", ms.NumGC >= rounds)
}

// CHECK: bad lists: 0
// CHECK-NEXT: collected: true
