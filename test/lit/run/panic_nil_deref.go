// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Dereferencing a nil pointer panics with gc's message, including the
// signal line.
package main

type T struct{ a, b int }

//go:noinline
func get(p *T) int { return p.b }

func main() {
	println("start")
	println(get(nil))
}

// CHECK: start
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
