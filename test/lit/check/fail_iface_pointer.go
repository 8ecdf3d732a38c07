// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
// A pointer to an interface is not an interface: assigning to or from one
// explains so on a continuation line, as gc does.
package main

type I interface{ M() }

type T struct{}

func (*T) M() {}

func main() {
	var pi *I
	var i I = pi
	var p *I = new(T)
	_, _ = i, p
}

// CHECK:{{.*}}fail_iface_pointer.go:14:12: cannot use pi (variable of type *I) as type I in variable declaration:
// CHECK-NEXT:	*I does not implement I (type *I is pointer to interface, not interface)
// CHECK-NEXT:{{.*}}fail_iface_pointer.go:15:13: cannot use new(T) (value of type *T) as type *I in variable declaration:
// CHECK-NEXT:	*T does not implement *I (type *I is pointer to interface, not interface)
// CHECK-NOT:{{.}}
