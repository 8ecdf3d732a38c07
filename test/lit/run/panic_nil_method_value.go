// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// A method value with a value receiver dereferences a nil pointer when it
// is evaluated; pointer-receiver methods may be called on nil.
package main

type T struct{ v int }

func (t T) Val() int  { return t.v }
func (t *T) Ptr() int {
	if t == nil {
		return -1
	}
	return t.v
}

func main() {
	var p *T
	println(p.Ptr())
	f := p.Ptr
	println(f())
	g := p.Val // panics here: *p is evaluated when binding
	println("unreachable", g())
}

// CHECK: -1
// CHECK-NEXT: -1
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: exit=2
