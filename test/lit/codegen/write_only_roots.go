// RUN: %gortc --emit=llvm -o - %s | FileCheck %s
// A pointer variable the program only writes (gc's "sink") keeps every
// store (codegen/pipeline.cpp keepWriteOnlyRoots): the collector reads it,
// so storing nil over a pointer lets the object go, as with gc. Listed as
// used, the optimizer leaves it alone. A variable that is also read is
// left to the optimizer.
package main

import "runtime"

var sink *[8]int
var read *[8]int

//go:noinline
func fill() {
	sink = new([8]int)
	runtime.GC()
	sink = nil
	read = new([8]int)
	runtime.GC()
	read = nil
}

func main() {
	fill()
	println(read == nil)
}

// CHECK: @llvm.compiler.used = {{.*}}@main.sink
// CHECK-NOT: @main.read{{[,\]]}}
// CHECK: define {{.*}}@main.fill(
// CHECK: store ptr addrspace(1) %{{.*}}, ptr @main.sink
// CHECK: store ptr addrspace(1) null, ptr @main.sink
