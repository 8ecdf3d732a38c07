// RUN: %gortc -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// RUN: env GORTDEBUG=gcstress=50,gcpoison=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// Package-level variables are scanned by their types' pointer bitmaps
// (the root table codegen emits; mgcmark.cpp scanDataSegment), as in gc:
// an object whose address only a uintptr holds is unreachable, and its
// finalizer runs, while the pointer words of the same variables keep
// theirs alive. Covers a struct with both kinds of words, arrays of each,
// and a static composite literal (&mixed{...}), which is a variable of
// its own. Scanned conservatively, as every writable word was before the
// table, none of the three objects behind a uintptr would be finalized.
package main

import (
	"runtime"
	"unsafe"
)

type obj struct {
	name string
	next *obj
	pad  [2]int
}

type mixed struct {
	addr uintptr
	ptr  *obj
	n    [3]int
}

var (
	m     mixed
	addrs [64]uintptr
	ptrs  [8]*obj
	lit   = &mixed{n: [3]int{1, 2, 3}}
)

var finalized = make(chan string, 16)

func track(name string) *obj {
	o := &obj{name: name}
	runtime.SetFinalizer(o, func(o *obj) { finalized <- o.name })
	return o
}

// Runs on a goroutine of its own, so that no frame still holds the
// objects once it has exited.
func setup(done chan bool) {
	m.addr = uintptr(unsafe.Pointer(track("m.addr")))
	m.ptr = track("m.ptr")
	addrs[17] = uintptr(unsafe.Pointer(track("addrs[17]")))
	ptrs[5] = track("ptrs[5]")
	lit.addr = uintptr(unsafe.Pointer(track("lit.addr")))
	lit.ptr = track("lit.ptr")
	done <- true
}

func main() {
	done := make(chan bool)
	go setup(done)
	<-done
	got := map[string]bool{}
	for i := 0; i < 50 && len(got) < 3; i++ {
		runtime.GC()
		for more := true; more; {
			select {
			case name := <-finalized:
				got[name] = true
			default:
				more = false
			}
		}
		if len(got) < 3 {
			runtime.Gosched()
		}
	}
	for _, name := range []string{"m.addr", "addrs[17]", "lit.addr", "m.ptr", "ptrs[5]", "lit.ptr"} {
		println(name, got[name])
	}
	// The live ones are intact; the addresses are still there.
	println(m.ptr.name, ptrs[5].name, lit.ptr.name, lit.n[2])
	println(m.addr != 0, addrs[17] != 0, lit.addr != 0)
}

// CHECK: m.addr true
// CHECK-NEXT: addrs[17] true
// CHECK-NEXT: lit.addr true
// CHECK-NEXT: m.ptr false
// CHECK-NEXT: ptrs[5] false
// CHECK-NEXT: lit.ptr false
// CHECK-NEXT: m.ptr ptrs[5] lit.ptr 3
// CHECK-NEXT: true true true
