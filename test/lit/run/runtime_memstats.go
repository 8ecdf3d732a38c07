// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// runtime.ReadMemStats (runtime/mstats.cpp) into gc's runtime.MemStats
// (runtime/go/mstats.go, laid out as gc 1.19's), and MemProfileRate: heap
// bytes and objects grow with allocation and fall back after a collection
// (also when collections run during the loop, under GOGC=1 or gcstress);
// the collector's counts, pauses and times; the size classes.
package main

import (
	"runtime"
	"unsafe"
)

var keep [][]byte

func main() {
	var m runtime.MemStats
	// MemProfileRate is 0 in a program that never reads the memory
	// profile: gc's linker zeroes it, libgort/gort.ld lets the runtime see
	// that runtime.MemProfile was dropped (runtime/mprof.cpp).
	// CHECK: 5776 4288 4312 0
	println(unsafe.Sizeof(m), unsafe.Offsetof(m.NumGC), unsafe.Offsetof(m.BySize), runtime.MemProfileRate)
	runtime.MemProfileRate = 0

	runtime.GC()
	runtime.ReadMemStats(&m)
	a0, mallocs0, total0 := m.Alloc, m.Mallocs, m.TotalAlloc
	keep = make([][]byte, 1000)
	for i := range keep {
		keep[i] = make([]byte, 1000)
	}
	runtime.ReadMemStats(&m)
	// CHECK-NEXT: true true true true true
	println(m.Alloc-a0 >= 1000*1000, m.Mallocs-mallocs0 >= 1000, m.TotalAlloc-total0 >= 1000*1000, m.HeapAlloc == m.Alloc, m.HeapObjects == m.Mallocs-m.Frees)

	keep = nil
	runtime.GC()
	runtime.ReadMemStats(&m)
	// CHECK-NEXT: true true true true true true
	println(m.Alloc < a0+100000, m.Frees >= 999, m.NumGC >= 2, m.NumForcedGC >= 2, m.PauseNs[(m.NumGC+255)%256] > 0, m.PauseTotalNs >= m.PauseNs[(m.NumGC+255)%256])
	// CHECK-NEXT: true true true true true
	println(m.LastGC == m.PauseEnd[(m.NumGC+255)%256], m.LastGC > 1600000000e9, m.EnableGC, m.GCCPUFraction >= 0 && m.GCCPUFraction < 1, m.NextGC > 0)
	// CHECK-NEXT: true true true true
	println(m.Sys >= m.HeapSys+m.StackSys, m.HeapSys >= m.HeapInuse+m.HeapIdle-m.HeapReleased, m.HeapInuse > 0, m.StackInuse > 0)
	// The 1000-byte objects are of the 1024-byte class.
	// CHECK-NEXT: 0 8 16 18432 1024 true true
	println(m.BySize[0].Size, m.BySize[1].Size, m.BySize[2].Size, m.BySize[60].Size, m.BySize[32].Size, m.BySize[32].Mallocs >= 1000, m.BySize[32].Frees >= 999)
}
