// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// UNSUPPORTED: nomaps
// A pointer dead at a call keeps nothing alive, even where the code left
// a copy in a callee-saved register (gc's liveness is per call, and Go
// 1.19's fixedbugs/issue15277.go checks it). Each Go frame keeps the
// pointers it still uses in shadow slots its stack map lists
// (codegen/stack_maps.cpp), and runtime.GC is entered through a fence that
// saves the caller's callee-saved registers where the collector counts
// them as the caller's and clears them, so that the runtime's C++ frames,
// scanned conservatively, save no stale copy (runtime/asm_*.S,
// mgcmark.cpp). Here x lives across collect() in a callee-saved register;
// after runtime.KeepAlive it is dead, the register still holds it, and
// the runtime.GC in inuse must free it.
package main

import "runtime"

type big [1 << 20]byte

//go:noinline
func collect() {
	runtime.GC()
}

func inuse() int64 {
	runtime.GC()
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	return int64(st.HeapAlloc)
}

func main() {
	x := new(big)
	start := inuse()
	collect() // x is live across this call
	x[10] = 1
	runtime.KeepAlive(x)
	after := inuse() // and dead across this one
	println(start-after >= 1<<20)
	// CHECK: true
}
