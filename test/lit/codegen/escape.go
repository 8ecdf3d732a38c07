// RUN: %gortc -O2 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=DECL < %t.ll
// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s --check-prefix=O0
// Escape analysis (codegen/stack_alloc.cpp) at -O2: cells whose pointers
// only reach parameters that do not escape, and runtime functions flagged
// NoEscape in libgort/abi.def, live in the frame; a cell stored in a
// global keeps its heap cell. At -O0 every cell is on the heap.
package main

var sink *int

//go:noinline
func inc(p *int) { *p++ }

//go:noinline
func keep(p *int) { sink = p }

// CHECK-LABEL: define {{.*}} @main.local(
// CHECK-NOT: @gort_newobject
// CHECK: ret i64
//
// O0-LABEL: define {{.*}} @main.local(
// O0: call ptr addrspace(1) @gort_newobject(
//go:noinline
func local() int {
	x := 1
	inc(&x)
	return x
}

// CHECK-LABEL: define {{.*}} @main.kept(
// CHECK: call ptr addrspace(1) @gort_newobject(
//go:noinline
func kept() int {
	x := 1
	keep(&x)
	return x
}

// CHECK-LABEL: define {{.*}} @main.text(
// CHECK-NOT: @gort_newobject
// CHECK: call {{.*}} @gort_slicebytetostring(
//go:noinline
func text(n int) string {
	var buf [16]byte
	b := buf[:0]
	for ; n > 0; n /= 10 {
		b = append(b, byte('0'+n%10))
	}
	return string(b)
}

// DECL-DAG: declare void @gort_growslice(ptr "gort-noescape", ptr "gort-noescape", ptr addrspace(1) "gort-noescape", i64, i64, i64)
// DECL-DAG: define {{.*}}@main.inc(ptr addrspace(1) "gort-noescape"
// DECL-DAG: define {{.*}}@main.keep(ptr addrspace(1) %p)
func main() {
	println(local(), kept(), text(1234), text(1234567890123456789))
}
