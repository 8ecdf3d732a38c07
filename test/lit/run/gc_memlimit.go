// RUN: %gortc -o %t %s
// RUN: env GOGC=off GOMEMLIMIT=40MiB GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=off GOMEMLIMIT=41943040 GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=off GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck --check-prefix=OFF %s
// RUN: env GOGC=off GOMEMLIMIT= GODEBUG=gctrace=1 %run %t 2>&1 | FileCheck --check-prefix=OFF %s
// RUN: env GOMEMLIMIT=12x not %run %t 2>&1 | FileCheck --check-prefix=BAD %s
// GOMEMLIMIT, gc's soft memory limit: with GOGC=off no cycle runs until
// the heap nears the limit, and then the heap goal keeps it under the
// limit (16 MB live, 256 MB allocated). An empty value sets no limit; a
// malformed one is fatal, as in gc.
// UNSUPPORTED: gcstress
package main

type node struct {
	next *node
	pad  [56]byte
}

var live []*node

// The garbage escapes through sink, so that escape analysis
// (codegen/stack_alloc.cpp) cannot keep it in the frame.
var sink *node

func main() {
	// 16 MB that stays live.
	for i := 0; i < 1<<18; i++ {
		live = append(live, &node{})
	}
	// 256 MB of garbage.
	sum := 0
	for i := 0; i < 1<<22; i++ {
		n := &node{}
		n.pad[i%56] = byte(i)
		sum += int(n.pad[i%56])
		sink = n
	}
	println(sum, len(live))
}

// CHECK: gc 1 @{{.*}} MB goal, {{[0-9]+}} MB stacks, {{[0-9]+}} MB globals, {{[0-9]+}} P{{$}}
// CHECK-NOT: {{[4-9][0-9]|[0-9][0-9][0-9]+}} MB goal
// CHECK: 534773760 262144

// OFF-NOT: gc 1 @
// OFF: 534773760 262144

// BAD: GOMEMLIMIT=12x
// BAD-NEXT: fatal error: malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`
