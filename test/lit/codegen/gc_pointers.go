// RUN: %gortc -O0 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=LIT < %t.ll
// Go pointers live in addrspace(1), which the datalayout marks non-integral
// (ni:1), everywhere they appear: plain pointers, the data of strings and
// slices, the data word of interfaces, closure objects and the cells of
// captured variables. Type descriptors and itabs are static (addrspace 0).
// Every Go function keeps a frame pointer.
package main

// CHECK: target datalayout = "{{.*}}-ni:1"

type I interface{ M() }

// CHECK-LABEL: define internal ptr addrspace(1) @main.ptr(
// CHECK-SAME:    ptr %ctx, ptr addrspace(1) %p) [[FN:#[0-9]+]]
func ptr(p *int) *int { return p }

// CHECK-LABEL: define internal { ptr addrspace(1), i64 } @main.str(ptr %ctx, { ptr addrspace(1), i64 } %s)
func str(s string) string { return s }

// CHECK-LABEL: define internal { ptr addrspace(1), i64, i64 } @main.slice(ptr %ctx, { ptr addrspace(1), i64, i64 } %s)
func slice(s []byte) []byte { return s }

// CHECK-LABEL: define internal { ptr, ptr addrspace(1) } @main.iface(ptr %ctx, { ptr, ptr addrspace(1) } %i)
func iface(i I) I { return i }

// CHECK-LABEL: define internal { ptr, ptr addrspace(1) } @main.eface(ptr %ctx, { ptr, ptr addrspace(1) } %e)
func eface(e interface{}) interface{} { return e }

// A func value is a pointer to a closure object on the GC heap.
// CHECK-LABEL: define internal ptr addrspace(1) @main.closure(
// CHECK:         [[CELL:%.*]] = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
// CHECK:         [[CLO:%.*]] = call ptr addrspace(1) @gort_newobject(ptr @"type:struct{
// CHECK:         [[SLOT:%.*]] = getelementptr inbounds { ptr, ptr addrspace(1) }, ptr addrspace(1) [[CLO]], i32 0, i32 1
// The store into the new closure object has its write barrier (write_barrier.go).
// CHECK:         load i32, ptr @gort_writeBarrier
// CHECK:         call void @gort_wb(ptr addrspace(1) [[SLOT]], ptr addrspace(1) [[CELL]])
// CHECK:         store ptr addrspace(1) [[CELL]], ptr addrspace(1) [[SLOT]]
func closure(x int) func() int {
	return func() int { x++; return x }
}

// CHECK-LABEL: define internal i64 @main.closure.func1(ptr %ctx)
// LIT-LABEL: define internal i64 @main.closure.func1(
// LIT-SAME:    ptr %ctx) [[LIT:#[0-9]+]]
// CHECK:         %x.cell = load ptr addrspace(1), ptr
// CHECK:         load i64, ptr addrspace(1) %x.cell

// Struct fields that are Go pointers are in addrspace(1) too.
type node struct {
	next *node
	name string
}

// CHECK-LABEL: define internal ptr addrspace(1) @main.next(ptr %ctx, ptr addrspace(1) %n)
// CHECK:         load ptr addrspace(1), ptr addrspace(1)
func next(n *node) *node { return n.next }

func main() {
	x := 1
	_, _, _, _, _, _, _ = ptr(&x), str(""), slice(nil), iface(nil), eface(nil), closure(1), next(&node{})
}

// CHECK: attributes [[FN]] = { {{.*}}"frame-pointer"="all"
// LIT: attributes [[LIT]] = { {{.*}}"frame-pointer"="all"
