// RUN: %gortc --emit=llvm -o - %s | FileCheck %s
// Every package-level variable, and every static composite literal, gets
// an entry in the collector's root table (section .gort_gcroots) with its
// size, ptrdata and pointer bitmap (codegen/pipeline.cpp listGCRoots): the
// runtime scans those words and no others. A variable the optimizer split
// into one global per part (GlobalOpt's SRA) has an entry per part, with
// that part's slice of the bitmap.
package main

type mixed struct {
	addr uintptr
	ptr  *int
	n    [3]int
}

var (
	// Indexed by a variable: kept whole.
	table [16]*int
	ints  [64]uintptr
	// Only constant offsets: split into m.0 (addr) and m.1 (ptr).
	m   mixed
	lit = &mixed{n: [3]int{1, 2, 3}}
)

//go:noinline
func set(i int, p *int) {
	table[i] = p
	ints[i] = uintptr(i)
}

//go:noinline
func addr() uintptr { return m.addr }

func main() {
	x := new(int)
	for i := range table {
		set(i, x)
	}
	m.addr = uintptr(len(ints)) + ints[9]
	m.ptr = x
	lit.ptr = x
	println(*table[3], ints[3], addr(), *m.ptr, *lit.ptr)
}

// The bitmaps: word 0 (01), word 1 (02), and all 16 words of table (ffff).
// CHECK-DAG: @gort.gcbits.01 = linkonce_odr constant [1 x i8] c"\01"
// CHECK-DAG: @gort.gcbits.02 = linkonce_odr constant [1 x i8] c"\02"
// CHECK-DAG: @gort.gcbits.ffff = linkonce_odr constant [2 x i8] c"\FF\FF"
// CHECK-DAG: @main.m.0 = internal unnamed_addr global i64 0
// CHECK-DAG: @main.m.1 = internal unnamed_addr global ptr addrspace(1) null
// CHECK-DAG: = internal constant { ptr, i64, i64, ptr } { ptr @main.table, i64 128, i64 128, ptr @gort.gcbits.ffff }, section ".gort_gcroots", align 8, !associated
// CHECK-DAG: = internal constant { ptr, i64, i64, ptr } { ptr @main.ints, i64 512, i64 0, ptr null }, section ".gort_gcroots"
// CHECK-DAG: = internal constant { ptr, i64, i64, ptr } { ptr @main.m.0, i64 8, i64 0, ptr null }, section ".gort_gcroots"
// CHECK-DAG: = internal constant { ptr, i64, i64, ptr } { ptr @main.m.1, i64 8, i64 8, ptr @gort.gcbits.01 }, section ".gort_gcroots"
// CHECK-DAG: = internal constant { ptr, i64, i64, ptr } { ptr @main..stmp, i64 40, i64 16, ptr @gort.gcbits.02 }, section ".gort_gcroots"
// The descriptions are gone: no debug-info variables are left.
// CHECK-NOT: DIGlobalVariable
// CHECK-NOT: !gort.gcroots
