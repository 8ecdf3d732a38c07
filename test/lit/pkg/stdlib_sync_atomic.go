// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Package sync/atomic from Go 1.19's sources, its assembly-only functions
// supplied by libgort (runtime/stdlib_sync_atomic.cpp): every operation on
// every type, the typed wrappers and Value, increments racing from many
// goroutines, and a nil address panicking as gc's does.
package main

import (
	"sync/atomic"
	"unsafe"
)

func main() {
	var i32 int32
	var i64 int64
	var u32 uint32
	var u64 uint64
	var up uintptr
	// CHECK: 5 -3 7 18446744073709551615 9
	println(atomic.AddInt32(&i32, 5), atomic.AddInt64(&i64, -3), atomic.AddUint32(&u32, 7), atomic.AddUint64(&u64, ^uint64(0)), atomic.AddUintptr(&up, 9))
	// CHECK-NEXT: true false 10 10
	println(atomic.CompareAndSwapInt32(&i32, 5, 10), atomic.CompareAndSwapInt32(&i32, 5, 11), atomic.LoadInt32(&i32), atomic.SwapInt32(&i32, 5))
	atomic.StoreInt64(&i64, 1<<40)
	atomic.StoreUint32(&u32, 1)
	// CHECK-NEXT: 1099511627776 1 true true
	println(atomic.LoadInt64(&i64), atomic.LoadUint32(&u32), atomic.SwapUint64(&u64, 2) == ^uint64(0), atomic.CompareAndSwapUintptr(&up, 9, 0))
	x, y := 1, 2
	p := unsafe.Pointer(&x)
	// CHECK-NEXT: 1 2 true
	old := atomic.SwapPointer(&p, unsafe.Pointer(&y))
	println(*(*int)(old), *(*int)(atomic.LoadPointer(&p)), atomic.CompareAndSwapPointer(&p, unsafe.Pointer(&y), nil))

	var n atomic.Int64
	var flag atomic.Bool
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			for k := 0; k < 10000; k++ {
				n.Add(1)
			}
			flag.Store(true)
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	// CHECK-NEXT: 80000 true
	println(n.Load(), flag.Load())

	var v atomic.Value
	// CHECK-NEXT: true
	println(v.Load() == nil)
	v.Store("hello")
	// CHECK-NEXT: hello hello
	println(v.Load().(string), v.Swap("world").(string))
	// CHECK-NEXT: true again
	println(v.CompareAndSwap("world", "again"), v.Load().(string))
	func() {
		defer func() { println(recover().(string)) }()
		v.Store(1)
	}()
	// CHECK-NEXT: sync/atomic: store of inconsistently typed value into Value

	defer func() { println(recover().(error).Error()) }()
	var np *int32
	atomic.AddInt32(np, 1)
	// CHECK-NEXT: runtime error: invalid memory address or nil pointer dereference
}
