// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s --match-full-lines
// runtime/pprof over libgort's profiles (runtime/mprof.cpp, cpuprof.cpp):
// a CPU profile whose samples name the function that burnt the time
// (SIGPROF, setitimer), a heap profile sampled at MemProfileRate that
// names the allocating function, a goroutine profile that counts the
// goroutines and carries their pprof labels (inherited by the goroutines
// started under pprof.Do), block and mutex profiles recording a contended
// sync.Mutex, and the thread creation profile. Without the runtime's
// hooks runtime/pprof does not build.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"
)

var sink [][]byte

//go:noinline
func allocate() {
	for i := 0; i < 2000; i++ {
		sink = append(sink, make([]byte, 4096))
	}
}

// cpuTime is the process's user CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano())
}

// burnCPU spins until the process has used d more of CPU time (so that a
// loaded machine still gives the profiler its samples), or 20 s passed.
//
//go:noinline
func burnCPU(d time.Duration) int {
	n := 0
	for start, t0 := time.Now(), cpuTime(); cpuTime()-t0 < d && time.Since(start) < 20*time.Second; {
		for i := 0; i < 100000; i++ {
			n += i * i % 7
		}
	}
	return n
}

func protoStrings(b []byte) string {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "gzip: " + err.Error()
	}
	raw, _ := io.ReadAll(zr)
	return string(raw)
}

func main() {
	// CPU profile.
	var cpu bytes.Buffer
	if err := pprof.StartCPUProfile(&cpu); err != nil {
		fmt.Println("StartCPUProfile:", err)
		return
	}
	if err := pprof.StartCPUProfile(io.Discard); err == nil {
		fmt.Println("second StartCPUProfile succeeded")
	}
	burnCPU(300 * time.Millisecond)
	pprof.StopCPUProfile()
	s := protoStrings(cpu.Bytes())
	fmt.Println("cpu profile has samples/count:", strings.Contains(s, "samples"), strings.Contains(s, "cpu"))
	fmt.Println("cpu profile names main.burnCPU:", strings.Contains(s, "main.burnCPU"))

	// Heap profile.
	runtime.MemProfileRate = 4096
	allocate()
	runtime.GC()
	var heap bytes.Buffer
	pprof.Lookup("heap").WriteTo(&heap, 1)
	hs := heap.String()
	fmt.Println("heap profile header:", strings.HasPrefix(hs, "heap profile: "))
	fmt.Println("heap profile names main.allocate:", strings.Contains(hs, "main.allocate+"))

	// Goroutine profile with labels.
	var wg sync.WaitGroup
	block := make(chan int)
	pprof.Do(context.Background(), pprof.Labels("worker", "blocked"), func(context.Context) {
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); <-block }()
		}
	})
	time.Sleep(50 * time.Millisecond)
	var gr bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&gr, 1)
	gs := gr.String()
	fmt.Println("goroutine profile total:", strings.Contains(gs, "goroutine profile: total 4"))
	fmt.Println("goroutine profile labels:", strings.Contains(gs, `# labels: {"worker":"blocked"}`))
	fmt.Println("goroutine profile blocked in main.main.func:", strings.Contains(gs, "3 @"))
	n, ok := runtime.GoroutineProfile(nil)
	fmt.Println("GoroutineProfile(nil):", n, ok)

	// Block and mutex profiles.
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	var mu sync.Mutex
	mu.Lock()
	done := make(chan bool)
	go func() { mu.Lock(); mu.Unlock(); done <- true }()
	time.Sleep(20 * time.Millisecond)
	mu.Unlock()
	<-done
	close(block)
	wg.Wait()
	var bp, mp bytes.Buffer
	pprof.Lookup("block").WriteTo(&bp, 1)
	pprof.Lookup("mutex").WriteTo(&mp, 1)
	fmt.Println("block profile names main.main:", strings.Contains(bp.String(), "main.main"))
	fmt.Println("mutex profile names main.main:", strings.Contains(mp.String(), "main.main+"))
	var tc bytes.Buffer
	pprof.Lookup("threadcreate").WriteTo(&tc, 1)
	fmt.Println("threadcreate:", strings.HasPrefix(tc.String(), "threadcreate profile: total "))
}

// CHECK: cpu profile has samples/count: true true
// CHECK-NEXT: cpu profile names main.burnCPU: true
// CHECK-NEXT: heap profile header: true
// CHECK-NEXT: heap profile names main.allocate: true
// CHECK-NEXT: goroutine profile total: true
// CHECK-NEXT: goroutine profile labels: true
// CHECK-NEXT: goroutine profile blocked in main.main.func: true
// CHECK-NEXT: GoroutineProfile(nil): 4 false
// CHECK-NEXT: block profile names main.main: true
// CHECK-NEXT: mutex profile names main.main: true
// CHECK-NEXT: threadcreate: true
