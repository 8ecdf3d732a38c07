// RUN: %gortc -O0 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=INIT < %t.ll
// Package-level variables whose initialisers are known at compile time
// are data (codegen/staticinit.cpp, gc's staticinit): pointers to literals
// and slice literals get hidden writable variables (main..stmp), a copy of
// a static variable gets its value, an interface its itab or type and the
// pointer; main..init has code only for the rest.
package main

type Range struct{ Lo, Hi uint16 }

type Table struct {
	R    []Range
	Name string
}

type I interface{ M() }

func (t *Table) M() {}

var (
	tab   = &Table{R: []Range{{1, 2}, {Lo: 3}}, Name: "t"}
	alias = tab
	arr   = [...]int8{1, 2, 3}
	iface I = tab
	calls = len(make([]int, 5))
	m     = map[int]int{1: 2}
)

// CHECK-DAG: @main.tab = internal global ptr addrspace(1) addrspacecast (ptr [[T:@main..stmp[.0-9]*]] to ptr addrspace(1))
// CHECK-DAG: @main.alias = internal global ptr addrspace(1) addrspacecast (ptr [[T]] to ptr addrspace(1))
// CHECK-DAG: [[T]] = internal global { { ptr addrspace(1), i64, i64 }, { ptr addrspace(1), i64 } } { { ptr addrspace(1), i64, i64 } { ptr addrspace(1) addrspacecast (ptr [[R:@main..stmp[.0-9]*]] to ptr addrspace(1)), i64 2, i64 2 }, { ptr addrspace(1), i64 } { ptr addrspace(1) addrspacecast (ptr @"go:string{{[.0-9]*}}" to ptr addrspace(1)), i64 1 } }
// CHECK-DAG: [[R]] = internal global [2 x { i16, i16 }] [{ i16, i16 } { i16 1, i16 2 }, { i16, i16 } { i16 3, i16 0 }]
// CHECK-DAG: @main.arr = internal global [3 x i8] c"\01\02\03"
// CHECK-DAG: @main.iface = internal global { ptr, ptr addrspace(1) } { ptr @"go:itab.*main.Table,main.I", ptr addrspace(1) addrspacecast (ptr [[T]] to ptr addrspace(1)) }
// CHECK-DAG: @main.calls = internal global i64 0
// CHECK-DAG: @main.m = internal global ptr addrspace(1) null

// INIT-LABEL: define {{.*}}@main..init(
// INIT-NOT:   @main.tab
// INIT-NOT:   @main.alias
// INIT-NOT:   @main.arr
// INIT-NOT:   @main.iface
// INIT:       store i64 %{{.*}}, ptr @main.calls
// INIT:       store ptr addrspace(1) %{{.*}}, ptr @main.m
// INIT:       ret void

func main() {
	println(tab.Name, alias == tab, arr[2], iface != nil, calls, m[1])
}
