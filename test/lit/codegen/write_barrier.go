// RUN: %gortc -O2 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s --check-prefix=O0
// The concurrent collector's write barrier (codegen/write_barrier.cpp): a
// store that may overwrite a Go pointer outside the frame and the globals
// tests gort_writeBarrier first and, when it is set, calls gort_wb (a
// pointer) or gort_wbmove (a copy or clear) before storing. Stores of
// scalars, into the frame and into globals have none.
package main

import "unsafe"

type node struct {
	next *node
	name string
	n    int
}

var global *node

// A pointer field of a heap object: slot and new value.
// CHECK-LABEL: define internal fastcc void @main.setNext(
// CHECK:         [[F:%.*]] = load i32, ptr @gort_writeBarrier
// CHECK-NEXT:    [[ON:%.*]] = icmp ne i32 [[F]], 0
// CHECK-NEXT:    br i1 [[ON]], label %[[WB:.*]], label %[[CONT:.*]], !prof
// CHECK:       [[WB]]:
// CHECK-NEXT:    call void @gort_wb(ptr addrspace(1) %a, ptr addrspace(1) %b)
// CHECK-NEXT:    br label %[[CONT]]
// CHECK:       [[CONT]]:
// CHECK-NEXT:    store ptr addrspace(1) %b, ptr addrspace(1) %a
//go:noinline
func setNext(a, b *node) { a.next = b }

// A string is one pointer word (the data) and a length.
// CHECK-LABEL: define internal fastcc void @main.setName(
// CHECK:         call void @gort_wb(ptr addrspace(1) [[SLOT:%.*]], ptr addrspace(1)
// CHECK:         store ptr addrspace(1) {{.*}}, ptr addrspace(1) [[SLOT]]
//go:noinline
func setName(a *node, s string) { a.name = s }

// An int field: no barrier.
// CHECK-LABEL: define internal fastcc void @main.setInt(
// CHECK-NOT:     gort_w
// CHECK:         ret void
//go:noinline
func setInt(a *node, v int) { a.n = v }

// Ints copied between heap slots: loads of Go integers carry a TBAA tag
// that says they are no pointers, so no barrier, as in gc.
// CHECK-LABEL: define internal fastcc void @main.swapInts(
// CHECK-NOT:     gort_w
// CHECK:         ret void
//go:noinline
func swapInts(a []int, i, j int) { a[i], a[j] = a[j], a[i] }

// Pointers copied the same way keep theirs.
// CHECK-LABEL: define internal fastcc void @main.swapPtrs(
// CHECK:         call void @gort_wb(
// CHECK:         call void @gort_wb(
// CHECK:         ret void
//go:noinline
func swapPtrs(a []*node, i, j int) { a[i], a[j] = a[j], a[i] }

// A one-pointer struct, copied as a memmove of one word: a barrier,
// whatever the optimizer makes of the copy.
// CHECK-LABEL: define internal fastcc void @main.copyBox(
// CHECK:         call void @gort_wb{{(move)?}}(
// CHECK:         ret void
//go:noinline
func copyBox(a, b *box) { *a = *b }

type box struct{ p *node }

// A global: the mark start scans globals with the world stopped.
// CHECK-LABEL: define internal fastcc void @main.setGlobal(
// CHECK-NOT:     gort_w
// CHECK:         ret void
//go:noinline
func setGlobal(b *node) { global = b }

// A variable of the frame: none either.
// CHECK-LABEL: define internal fastcc i64 @main.local(
// CHECK-NOT:     gort_w
// CHECK:         ret i64
//go:noinline
func local(b *node) int {
	var x [2]*node
	x[0] = b
	return x[0].n + len(x)
}

// A struct copy is a memmove: the bulk barrier, with both ends.
// CHECK-LABEL: define internal fastcc void @main.copyNode(
// CHECK:         call void @gort_wbmove(ptr addrspace(1) %a, ptr addrspace(1) %b, i64 32)
// CHECK:         call void @llvm.memmove
//go:noinline
func copyNode(a, b *node) { *a = *b }

// copy of pointers, whatever the optimizer makes of it.
// CHECK-LABEL: define internal fastcc void @main.copyPtrs(
// CHECK:         call void @gort_wbmove(
//go:noinline
func copyPtrs(d, s []*node) { copy(d, s) }

// Clearing memory that may hold pointers: the bulk barrier without a
// source.
// CHECK-LABEL: define internal fastcc void @main.clearNode(
// CHECK:         call void @gort_wbmove(ptr addrspace(1) %a, ptr addrspace(1) null, i64 32)
//go:noinline
func clearNode(a *node) { *a = node{} }

// An unsafe.Pointer is a Go pointer too.
// CHECK-LABEL: define internal fastcc void @main.setUnsafe(
// CHECK:         call void @gort_wb(
//go:noinline
func setUnsafe(p *unsafe.Pointer, v unsafe.Pointer) { *p = v }

// At -O0 too, where every variable lives in the frame.
// O0-LABEL: define internal void @main.setNext(
// O0:         call void @gort_wb(
// O0-LABEL: define internal void @main.setInt(
// O0-NOT:     gort_w
// O0:         ret void

func main() {
	a, b := &node{}, &node{n: 1}
	setNext(a, b)
	setName(a, "x")
	setInt(a, 2)
	setGlobal(a)
	println(local(b))
	copyNode(a, b)
	s := []*node{a, b}
	copyPtrs(s, s[1:])
	clearNode(b)
	var p unsafe.Pointer
	setUnsafe(&p, unsafe.Pointer(a))
	swapInts([]int{1, 2}, 0, 1)
	swapPtrs(s, 0, 1)
	copyBox(&box{a}, &box{b})
}
