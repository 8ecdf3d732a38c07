// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// new(T), &T{...} and variables whose address escapes are allocated with
// gort_newobject, passing the static type descriptor of T; the result is a
// Go pointer (addrspace(1)).
package main

type T struct {
	A int
	P *int
}

// CHECK: @"type:main.T" = linkonce_odr constant { i64, i64,

// CHECK-LABEL: define internal ptr addrspace(1) @main.newT(
// CHECK:         call ptr addrspace(1) @gort_newobject(ptr @"type:main.T")
func newT() *T { return new(T) }

// CHECK-LABEL: define internal ptr addrspace(1) @main.newInt(
// CHECK:         call ptr addrspace(1) @gort_newobject(ptr @"type:int")
func newInt() *int { return new(int) }

// CHECK-LABEL: define internal ptr addrspace(1) @main.lit(
// CHECK:         [[NEW:%.*]] = call ptr addrspace(1) @gort_newobject(ptr @"type:main.T")
// CHECK:         call void @llvm.memmove.p1.p0.i64(ptr addrspace(1) align 8 [[NEW]], ptr align 8 %complit, i64 16, i1 false)
// CHECK:         ret ptr addrspace(1)
func lit() *T { return &T{A: 1} }

// A local whose address is returned lives in a heap cell.
// CHECK-LABEL: define internal ptr addrspace(1) @main.escape(
// CHECK:         %x.cell = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
// CHECK-NEXT:    store i64 5, ptr addrspace(1) %x.cell
// CHECK:         store ptr addrspace(1) %x.cell, ptr %result
func escape() *int {
	x := 5
	return &x
}

// CHECK-LABEL: define internal ptr addrspace(1) @main.array(
// CHECK:         call ptr addrspace(1) @gort_newobject(ptr @"type:[3]string")
func array() *[3]string { return &[3]string{"a"} }

func main() {
	_, _, _, _, _ = newT(), newInt(), lit(), escape(), array()
}
