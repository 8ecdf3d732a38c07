// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Package testing from Go 1.19's sources, outside `go test`: AllocsPerRun
// counts heap allocations through runtime.ReadMemStats, including objects
// the tiny allocator packs into one block (gc counts those in Mallocs and
// Frees); testing.Benchmark runs a benchmark. testing imports
// runtime/trace: gortc has no execution tracer, so trace.Start returns
// runtime.StartTrace's error and tracing stays off, while regions and
// tasks run their code as gc's do with tracing off. The block and mutex
// profile rates are kept and reported back.
package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/trace"
	"testing"
)

type small struct{ int }
type ptrs struct{ a [4]*int }

var gs *small
var gp *ptrs

func allocSmall() { gs = &small{} }
func allocPtrs()  { gp = &ptrs{} }
func noAlloc()    { t := &small{}; _ = t }

func main() {
	fmt.Println("allocs:", testing.AllocsPerRun(100, allocSmall),
		testing.AllocsPerRun(100, allocPtrs), testing.AllocsPerRun(100, noAlloc))

	var m1, m2 runtime.MemStats
	runtime.ReadMemStats(&m1)
	for i := 0; i < 1000; i++ {
		allocSmall()
	}
	runtime.ReadMemStats(&m2)
	fmt.Println("mallocs:", m2.Mallocs-m1.Mallocs)

	r := testing.Benchmark(func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			allocPtrs()
		}
	})
	fmt.Println("benchmark ran:", r.N > 0)

	err := trace.Start(io.Discard)
	fmt.Println("trace.Start:", err)
	fmt.Println("trace enabled:", trace.IsEnabled())
	ctx, task := trace.NewTask(context.Background(), "task")
	ran := false
	trace.WithRegion(ctx, "region", func() { ran = true })
	trace.Log(ctx, "k", "v")
	task.End()
	trace.Stop()
	fmt.Println("region ran:", ran)

	runtime.SetBlockProfileRate(1)
	fmt.Println("mutex fraction:", runtime.SetMutexProfileFraction(5),
		runtime.SetMutexProfileFraction(-1), runtime.SetMutexProfileFraction(0))
}

// CHECK: allocs: 1 1 0
// CHECK-NEXT: mallocs: 1000
// CHECK-NEXT: benchmark ran: true
// CHECK-NEXT: trace.Start: runtime: execution tracing is not supported by gortc
// CHECK-NEXT: trace enabled: false
// CHECK-NEXT: region ran: true
// CHECK-NEXT: mutex fraction: 0 5 5
