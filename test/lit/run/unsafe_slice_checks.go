// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// unsafe.Slice checks its length as gc does (runtime.unsafeslice): negative,
// overflowing the address space, or non-zero with a nil pointer.
package main

import "unsafe"

var arr = [4]int32{1, 2, 3, 4}

func try(f func()) {
	defer func() { println(recover().(error).Error()) }()
	f()
}

func main() {
	var n int = -1
	try(func() { _ = unsafe.Slice(&arr[0], n) })
	var p *int32
	try(func() { _ = unsafe.Slice(p, 2) })
	var big uint64 = 1 << 62
	try(func() { _ = unsafe.Slice(&arr[0], big) })
	s := unsafe.Slice(p, 0)
	println(s == nil, len(unsafe.Slice(&arr[1], 3)))
	_ = unsafe.Slice(&arr[0], n)
}

// CHECK: runtime error: unsafe.Slice: len out of range
// CHECK-NEXT: runtime error: unsafe.Slice: ptr is nil and len is not zero
// CHECK-NEXT: runtime error: unsafe.Slice: len out of range
// CHECK-NEXT: true 3
// CHECK-NEXT: panic: runtime error: unsafe.Slice: len out of range
// CHECK: exit=2
