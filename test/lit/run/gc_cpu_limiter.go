// RUN: %gortc -o %t %s
// RUN: env GOMEMLIMIT=4MiB GORTDEBUG=gclimitcap=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOMEMLIMIT=4MiB GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck --check-prefix=TRACE %s
// gc's CPU limiter (runtime/mgclimit.cpp): a live heap of 16 MB under a
// 4 MiB limit leaves every cycle almost no runway, and four goroutines
// allocating would spend most of their time assisting (a death spiral);
// once the collector has taken more CPU time than the program for a
// while (here 1 us per P: GORTDEBUG=gclimitcap), allocations stop
// assisting and the heap grows past its goal. The program's results must
// not change, and MemStats.GCCPUFraction counts the cycles' marking (the
// limiter's own arithmetic is unit-tested: test/unit/runtime/gc_test.cpp).
// UNSUPPORTED: gcstress
package main

import (
	"runtime"
	"sync"
)

type node struct {
	next *node
	n    int
	pad  [5]int
}

var live []*node
var sinks [4]*node

func main() {
	for i := 0; i < 1<<18; i++ { // 16 MB live
		live = append(live, &node{n: i})
	}
	var wg sync.WaitGroup
	sums := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1<<18; i++ { // 16 MB of garbage each
				sinks[g] = &node{next: sinks[g], n: i}
				if i%100 == 99 {
					for p := sinks[g]; p != nil; p = p.next {
						sums[g] += p.n
					}
					sinks[g] = nil
				}
			}
		}(g)
	}
	wg.Wait()
	sum := 0
	for _, n := range live {
		sum += n.n
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	println(sum, sums[0], sums[3])
	println(ms.NumGC > 10, ms.GCCPUFraction > 0, ms.GCCPUFraction <= 1)
}

// CHECK: 34359607296 34348073950 34348073950
// CHECK-NEXT: true true true

// Each line gives the collector's share of the CPU so far, and its CPU
// time: the start's pause + assists/helpers/idle + the termination's.
// TRACE: gc 1 @{{[0-9.]+}}s {{[0-9]+}}%: {{[0-9.]+}}+{{[0-9.]+}}+{{[0-9.]+}} ms clock, {{[0-9.]+}}+{{[0-9.]+}}/{{[0-9.]+}}/0+{{[0-9.]+}} ms cpu, {{[0-9]+}}->{{[0-9]+}}->{{[0-9]+}} MB, {{[0-9]+}} MB goal, {{[0-9]+}} MB stacks, {{[0-9]+}} MB globals, {{[0-9]+}} P
// TRACE: 34359607296 34348073950 34348073950
