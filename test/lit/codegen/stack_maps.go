// RUN: %gortc -S -o - %s | FileCheck %s
// Precise stack maps (codegen/stack_maps.cpp): each Go function's table
// lists, for each call that may reach a collection, the frame slots of
// the pointers live across it, FP-relative, in a section linked to the
// function's. Each pointer has a shadow slot, written where it is
// defined (for an argument, at the entry): keep's p and q are both live
// across the first call of sink, q alone across the second. A function
// with a defer statement has a table too.
package main

var g int

//go:noinline
func sink() { g++ }

//go:noinline
func keep(p *int, q *int) int {
	sink() // p and q are live across this call
	r := *p
	sink() // q alone
	return r + *q
}

//go:noinline
func deferred(p *int) {
	defer sink()
	sink()
	*p = 1
}

func main() {
	a, b := new(int), new(int)
	*a, *b = 1, 2
	println(keep(a, b))
	deferred(a)
}

// CHECK-LABEL: main.keep:
// CHECK: {{callq|bl}}{{[[:space:]]+}}main.sink
// CHECK-NEXT: [[C1:\.Ltmp[0-9]+]]:
// CHECK: {{callq|bl}}{{[[:space:]]+}}main.sink
// CHECK-NEXT: [[C2:\.Ltmp[0-9]+]]:

// CHECK: .section .gort_stackmap,"ao",@progbits,.text.main.keep
// CHECK-NEXT: .p2align 2
// CHECK-NEXT: [[T:\.Ltmp[0-9]+]]:
// CHECK-NEXT: {{\.long|\.word}} main.keep-[[T]]
// The header: calls, objects, slots, flags (StackMapShadow, no outgoing
// arguments), SpanLo and SpanHi (below FP: the whole frame).
// CHECK-NEXT: {{\.short|\.hword}} 2
// CHECK-NEXT: {{\.short|\.hword}} {{[0-9]+}}
// CHECK-NEXT: {{\.short|\.hword}} 3
// CHECK-NEXT: {{\.short|\.hword}} 1
// CHECK-NEXT: {{\.long|\.word}} 42949{{[0-9]+}}
// CHECK-NEXT: {{\.long|\.word}} 0
// CHECK-NEXT: {{\.long|\.word}} [[C1]]-main.keep
// CHECK-NEXT: {{\.short|\.hword}} 0
// CHECK-NEXT: {{\.short|\.hword}} 2
// CHECK-NEXT: {{\.long|\.word}} [[C2]]-main.keep
// CHECK-NEXT: {{\.short|\.hword}} 2
// CHECK-NEXT: {{\.short|\.hword}} 1

// CHECK: .section .gort_stackmap,"ao",@progbits,.text.main.deferred
// CHECK-NOT: .section .gort_stackmap,"ao",@progbits,.text.main.sink
