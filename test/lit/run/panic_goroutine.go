// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A panic in a goroutine other than main runs that goroutine's deferred
// calls and then kills the whole program, with a traceback that ends in
// gc's "created by" line for the go statement.
package main

//go:noinline
func boom(n int) {
	if n == 0 {
		panic("in goroutine")
	}
	boom(n - 1)
}

func main() {
	done := make(chan bool)
	go func() {
		defer println("goroutine deferred")
		boom(1)
		done <- true
	}()
	<-done
	println("unreachable")
}

// CHECK: goroutine deferred
// CHECK-NEXT: panic: in goroutine
// CHECK: goroutine {{[0-9]+}} [running]:
// CHECK-NEXT: main.boom(...)
// CHECK-NEXT: {{^[[:space:]]/.*panic_goroutine.go:10 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.boom(...)
// CHECK-NEXT: {{^[[:space:]]/.*panic_goroutine.go:12 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.main.func1()
// CHECK-NEXT: {{^[[:space:]]/.*panic_goroutine.go:19 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: created by main.main
// CHECK-NEXT: {{^[[:space:]]/.*panic_goroutine.go:17 [+]0x[0-9a-f]+$}}
// CHECK-NOT: unreachable
// CHECK: exit=2
