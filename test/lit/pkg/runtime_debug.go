// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// runtime.Stack (the calling goroutine, or all of them with the world
// stopped) and package runtime/debug over libgort (runtime/stdlib_debug.cpp):
// the pacer settings, thread and stack limits, GC statistics, debug.Stack.
// SetGCPercent returns the GOGC the program started with, 100 here:
// UNSUPPORTED: gogc
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

func f(ch chan bool) { <-ch }

func main() {
	buf := make([]byte, 4096)
	n := runtime.Stack(buf, false)
	s := string(buf[:n])
	fmt.Println(strings.HasPrefix(s, "goroutine 1 [running]:\nmain.main("), strings.Contains(s, ".go:"))
	ch := make(chan bool)
	go f(ch)
	time.Sleep(time.Millisecond)
	n = runtime.Stack(buf, true)
	s = string(buf[:n])
	// main.f is inlined into its go wrapper, whose frames tracebacks hide.
	fmt.Println(strings.Contains(s, "main.f("), strings.Count(s, "goroutine "))
	close(ch)
	fmt.Println(debug.SetGCPercent(50), debug.SetGCPercent(100))
	fmt.Println(debug.SetMaxStack(1<<20) > 0, debug.SetMaxThreads(500))
	fmt.Println(debug.SetMemoryLimit(-1) == 1<<63-1)
	debug.FreeOSMemory()
	var st debug.GCStats
	runtime.GC()
	debug.ReadGCStats(&st)
	fmt.Println(st.NumGC > 0, len(st.Pause) > 0)
	fmt.Println(len(debug.Stack()) > 0, runtime.Compiler)
	_, ok := debug.ReadBuildInfo()
	fmt.Println(ok)
}

// CHECK: true true
// CHECK-NEXT: false 2
// CHECK-NEXT: 100 50
// CHECK-NEXT: true 10000
// CHECK-NEXT: true
// CHECK-NEXT: true true
// CHECK-NEXT: true gortc
// CHECK-NEXT: false
