// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A fault that no explicit check catches (a load through a small bad
// address) becomes the nil-dereference run-time panic through the SIGSEGV
// handler: recoverable, and when not recovered printed with gc's signal
// line carrying the faulting address.
package main

import "unsafe"

func try(f func()) {
	defer func() { println("recovered:", recover().(error).Error()) }()
	f()
}

func main() {
	bad := uintptr(8)
	try(func() { println(*(*int)(unsafe.Pointer(bad))) })
	println("after")
	done := make(chan bool)
	go func() {
		defer close(done)
		try(func() { println(*(*int)(unsafe.Pointer(bad + 8))) })
	}()
	<-done
	println(*(*int)(unsafe.Pointer(bad + 16)))
}

// CHECK: recovered: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: after
// CHECK-NEXT: recovered: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: panic: runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc={{0x[0-9a-f]+}}]
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main.main()
// CHECK: exit=2
