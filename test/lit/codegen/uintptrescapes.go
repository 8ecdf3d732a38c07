// RUN: %gortc-bin build --target x86_64-linux -O2 --emit=llvm -o - %s | FileCheck %s
// RUN: %gortc-bin build --target aarch64-linux -O2 --emit=llvm -o - %s | FileCheck %s --check-prefix=ARM
// //go:uintptrescapes (codegen/lower_func.cpp, emitCallResults): a call's
// uintptr(unsafe.Pointer) argument keeps its object alive until the call
// returns, and no longer. The pointer goes into a frame slot before the
// call (a volatile store, which the optimizer keeps), the slot is cleared
// after it, and so are the callee-saved registers, where a copy of the
// pointer would otherwise stay and be scanned wherever a callee saved it.
// A call of another function converts without either.
package main

import "unsafe"

var sink uintptr

//go:uintptrescapes
//go:noinline
func keep(a uintptr, rest ...uintptr) { sink = a }

//go:noinline
func plain(a uintptr) { sink = a }

var p = new(int)

// CHECK-LABEL: define {{.*}}@main.call(
// CHECK: store volatile ptr addrspace(1) %{{.*}}, ptr %uintptrescapes
// CHECK: call {{.*}}@main.keep(
// CHECK-NEXT: store volatile ptr addrspace(1) null, ptr %uintptrescapes
// CHECK: call void asm sideeffect "xorl %ebx, %ebx{{.*}}xorl %r15d, %r15d", "~{rbx},~{r12},~{r13},~{r14},~{r15}"()
// CHECK: call {{.*}}@main.plain(
// CHECK-NOT: store volatile
// CHECK: ret void
// ARM-LABEL: define {{.*}}@main.call(
// ARM: call void asm sideeffect "mov x19, xzr{{.*}}mov x27, xzr", "~{x19},~{x20},~{x21},~{x22},~{x23},~{x24},~{x25},~{x26},~{x27}"()
//go:noinline
func call() {
	keep(uintptr(unsafe.Pointer(p)))
	plain(uintptr(unsafe.Pointer(p)))
}

// A deferred call carries the pointers in its record, typed as pointers,
// before its arguments (a uintptr and the variadic slice).
// CHECK-LABEL: define {{.*}}@main.deferred(
// CHECK: %defer.args = alloca { ptr addrspace(1), ptr addrspace(1), i64, { ptr addrspace(1), i64, i64 } }
// and reads them after the call, so that the record lives until then.
// CHECK-LABEL: define {{.*}}@main.deferred.opendefers(
// CHECK: call fastcc void @main.keep(
// CHECK-NEXT: load volatile ptr addrspace(1)
//go:noinline
func deferred() {
	defer keep(uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(p)))
}

func main() {
	call()
	deferred()
	println(sink != 0)
}
