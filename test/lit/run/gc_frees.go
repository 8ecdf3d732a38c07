// RUN: %gortc -o %t %s
// RUN: env GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=off GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck --check-prefix=OFF %s
// It checks when cycles run and GOGC=100's goals, which gcstress and a
// GOGC of the test run's change:
// UNSUPPORTED: gcstress, gogc
// The collector frees what is no longer reachable: the program allocates
// 1 GiB in objects small and large while keeping a few of them, and the
// heap goal (gctrace, gc's format: times as milliseconds with two
// significant digits, whole from 10 ms) stays under 100 MB, and at its 4 MB
// minimum after the last, forced, cycle. (A concurrent mark keeps what is
// allocated while it runs until the next cycle, so the goal moves with how
// fast the mark goes: under qemu-aarch64 it reaches 10 MB.) Without a
// collector the heap would grow to 1 GiB; GOGC=off shows that no cycle
// runs at all.
package main

import "runtime"

type item struct {
	next *item
	buf  [96]byte
}

var kept []*item

func main() {
	var list *item
	sum := 0
	for i := 0; i < 1<<20; i++ { // 1M x 112 bytes
		it := &item{next: list}
		it.buf[i%96] = byte(i)
		list = it
		if i%1000 == 0 {
			list = nil // drop the chain
			kept = append(kept[len(kept)/2:], it)
		}
		sum += int(it.buf[i%96])
	}
	for i := 0; i < 8192; i++ { // 8192 x 64 KiB
		b := make([]byte, 64<<10)
		b[i%len(b)] = byte(i)
		sum += int(b[i%len(b)])
	}
	runtime.GC()
	for _, it := range kept {
		sum += int(it.buf[0])
	}
	println(sum, len(kept))
}

// CHECK: gc 1 @{{[0-9]+\.[0-9][0-9][0-9]}}s {{[0-9]+}}%: {{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}}+{{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}}+{{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}} ms clock, {{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}}+{{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}}/{{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}}/0+{{(0|0\.[0-9][0-9][0-9]?|[1-9]\.[0-9]|[1-9][0-9]+)}} ms cpu, {{[0-9]+}}->{{[0-9]+}}->{{[0-9]+}} MB, 4 MB goal, {{[0-9]+}} MB stacks, {{[0-9]+}} MB globals, {{[0-9]+}} P{{$}}
// CHECK-NOT: {{[0-9][0-9][0-9]+}} MB goal
// CHECK: MB, 4 MB goal, {{[0-9]+}} MB stacks, {{[0-9]+}} MB globals, {{[0-9]+}} P (forced)
// CHECK-NEXT: 134737920 2

// OFF-NOT: P{{$}}
// OFF: gc 1 @{{.*}} P (forced)
// OFF-NEXT: 134737920 2
